"""The desk's pre-check of a citizen's draft: asked once, due 1 working day later, listed for
the draft's agency only (reception and leaders), read with its files (the reading recorded in
the draft's access trail), answered once with comments on what the procedure declares, and the
citizen told at each step."""
import pytest

from tests.api.desk_support import LEADER
from tests.api.draft_support import ask_precheck, draft_body, draft_outbox, saved, update, view
from tests.api.support import AGENCY, PDF, RECEPTIONIST, SPECIALIST

OTHER_AGENCY = {**RECEPTIONIST, "sub": "7d1c6a0e-0000-4000-8000-000000000009", "custom:agency": "000.00.99.H99"}


def _waiting(api, key: str = "draft-key-1", upload: bool = False) -> tuple[dict, str]:
    created = saved(api, draft_body(api.upload() if upload else None), key=key)
    asked = ask_precheck(api, created, created["access_token"])
    assert asked.status == 200, asked.text
    return asked.json, created["access_token"]


def _queue(api, claims=RECEPTIONIST, **query):
    answer = api.officer("GET", "/api/officer/prechecks", claims=claims, query=query or None)
    assert answer.status == 200, answer.text
    return answer.json


def _detail(api, draft_id: str, claims=RECEPTIONIST):
    return api.officer("GET", f"/api/officer/prechecks/{draft_id}", claims=claims)


def _answer(api, draft: dict, comments=(), note=None, claims=RECEPTIONIST, version=None):
    body = {"version": draft["version"] if version is None else version, "comments": list(comments)}
    if note is not None:
        body["note"] = note
    return api.officer("POST", f"/api/officer/prechecks/{draft['draft_id']}/answer", body, claims=claims)


def test_a_precheck_is_asked_once_and_due_one_working_day_later_with_an_acknowledgement(api, clock):
    clock.set(2026, 7, 10, 16, 30)  # a Friday afternoon: due on Monday
    created = saved(api)
    before = len(draft_outbox(api))
    asked = ask_precheck(api, created, created["access_token"])
    assert asked.status == 200, asked.text
    assert asked.json["status"] == "precheck_waiting" and asked.json["status_label"] == "Chờ xem trước"
    assert asked.json["precheck"] == {"requested_at": "2026-07-10T16:30:00+07:00", "due": "2026-07-13",
                                      "answered_at": None, "note": None, "comments": []}
    acknowledgements = draft_outbox(api)[before:]
    assert [m["channel"] for m in acknowledgements] == ["email", "sms"]
    assert all("13/07/2026" in m["body"] for m in acknowledgements)

    again = ask_precheck(api, asked.json, created["access_token"])
    assert again.status == 409
    assert len(draft_outbox(api)) == before + 2


def test_a_precheck_asked_on_a_day_off_counts_from_the_next_working_day(api, clock):
    clock.set(2026, 7, 11, 9, 0)  # Saturday
    asked, _ = _waiting(api)
    assert asked["precheck"]["due"] == "2026-07-14"


def test_the_queue_lists_only_the_agencys_waiting_drafts_earliest_due_first(api, clock):
    clock.set(2026, 7, 9, 9, 0)
    later, _ = _waiting(api, key="later")
    clock.set(2026, 7, 8, 9, 0)
    earlier, _ = _waiting(api, key="earlier")
    saved(api, key="not-asked")
    answered, _ = _waiting(api, key="answered")
    assert _answer(api, answered, note="Hồ sơ đầy đủ.").status == 200

    items = _queue(api)["items"]
    assert [i["draft_id"] for i in items] == [earlier["draft_id"], later["draft_id"]]
    assert items[0] == {"draft_id": earlier["draft_id"], "procedure_id": "nuoi-trong-long-be",
                        "procedure_title": items[0]["procedure_title"], "applicant_name": "Nguyễn Văn Bình",
                        "requested_at": "2026-07-08T09:00:00+07:00", "due": "2026-07-09", "overdue": False}
    assert _queue(api, claims=LEADER)["items"] == items
    assert _queue(api, claims=OTHER_AGENCY)["items"] == []
    assert api.officer("GET", "/api/officer/prechecks", claims=SPECIALIST).status == 403

    clock.set(2026, 7, 10, 8, 0)
    assert [i["overdue"] for i in _queue(api)["items"]] == [True, False]


def test_the_queue_pages_with_a_cursor_that_stays_in_the_agencys_partition(api):
    first, _ = _waiting(api, key="a")
    second, _ = _waiting(api, key="b")
    page = _queue(api, limit="1")
    assert len(page["items"]) == 1 and page["next_cursor"]
    rest = _queue(api, limit="1", cursor=page["next_cursor"])
    assert {page["items"][0]["draft_id"], rest["items"][0]["draft_id"]} == {first["draft_id"], second["draft_id"]}
    foreign = api.officer("GET", "/api/officer/prechecks", claims=OTHER_AGENCY, query={"cursor": page["next_cursor"]})
    assert foreign.status == 422
    assert api.officer("GET", "/api/officer/prechecks", query={"cursor": "bm9wZQ"}).status == 422


def test_the_desk_reads_the_draft_with_its_files_and_what_a_comment_may_name_and_the_reading_is_recorded(api):
    draft, _ = _waiting(api, upload=True)
    answer = _detail(api, draft["draft_id"])
    assert answer.status == 200, answer.text
    shown = answer.json
    assert shown["status"] == "precheck_waiting" and "access_token" not in shown and "resume_url" not in shown
    (document,) = shown["documents"]
    assert document["slot"] == "don-de-nghi" and document["filename"] == "don.pdf"
    assert "drafts/" in document["url"] and "X-Amz-Signature" in document["url"]
    paths = {p["path"]: p["label"] for p in shown["allowed_paths"]}
    assert paths["applicant.full_name"] == "Họ và tên"
    assert paths["answers.so_luong_long"] == "Số lượng lồng"
    assert paths["documents.don-de-nghi"].startswith("Đơn đăng ký nuôi trồng thủy sản lồng bè")
    assert "applicant.tax_code" not in paths  # an organisation's field, for a person
    key = api.s3.get_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=f"drafts/{draft['draft_id']}/{document['upload_id']}")
    assert key["Body"].read() == PDF

    trail = [i for i in api.items() if i["PK"] == f"DRAFT#{draft['draft_id']}" and i["SK"].startswith("ACCESS#")]
    assert [(i["officer"], i["role"]) for i in trail] == [("tiepnhan01", "receptionist")]
    assert _detail(api, draft["draft_id"]).status == 200
    assert len([i for i in api.items() if i["SK"].startswith("ACCESS#")]) == 1  # one per officer and hour


def test_a_draft_the_desk_may_not_read_is_the_same_404_as_none(api):
    waiting, _ = _waiting(api, key="waiting")
    not_asked = saved(api, key="not-asked")
    answers = [
        _detail(api, waiting["draft_id"], claims=OTHER_AGENCY),
        _detail(api, not_asked["draft_id"]),
        _detail(api, "01J0000000000000000000000Z"),
        _answer(api, waiting, note="x", claims=OTHER_AGENCY),
    ]
    assert {a.status for a in answers} == {404}
    assert len({a.text for a in answers}) == 1
    assert _detail(api, waiting["draft_id"], claims=SPECIALIST).status == 403
    assert not [i for i in api.items() if i["SK"].startswith("ACCESS#")]


@pytest.mark.parametrize(
    ("comments", "note", "path"),
    [
        ([{"path": "answers.khong_co", "note": "x"}], None, "comments.0.path"),
        ([{"path": "consent", "note": "x"}], None, "comments.0.path"),
        ([{"path": "documents.khong-co", "note": "x"}], None, "comments.0.path"),
        ([{"path": "applicant.tax_code", "note": "x"}], None, "comments.0.path"),
        ([{"path": "answers.so_luong_long", "note": "  "}], None, "comments.0.note"),
        ([{"path": "answers.so_luong_long", "note": "x" * 1001}], None, "comments.0.note"),
        ([{"path": "answers.so_luong_long", "note": "a\u202eb"}], None, "comments.0.note"),
        ([{"path": "answers.so_luong_long", "note": "a"}, {"path": "answers.so_luong_long", "note": "b"}], None,
         "comments.1.path"),
        ([], None, "note"),
        ([], "   ", "note"),
        ([{"path": "answers.so_luong_long", "note": 12}], None, "comments.0.note"),
        ([{"path": "answers.so_luong_long", "note": "x", "extra": 1}], None, "comments.0.extra"),
    ],
)
def test_an_answer_names_only_what_the_procedure_declares_once_each_with_a_note(api, comments, note, path):
    draft, _ = _waiting(api)
    answer = _answer(api, draft, comments, note)
    assert answer.status == 422, answer.text
    assert path in answer.error_fields(), answer.text
    assert view_status(api, draft) == "precheck_waiting"


def view_status(api, draft) -> str:
    return api.table.get_item(Key={"PK": f"DRAFT#{draft['draft_id']}", "SK": "META"})["Item"]["status"]


def test_the_answer_is_recorded_once_audited_and_the_citizen_told_and_free_to_edit_again(api):
    draft, token = _waiting(api)
    before = len(draft_outbox(api))
    assert _answer(api, draft, note="x", version=draft["version"] - 1).status == 409
    comments = [{"path": "answers.so_luong_long", "note": "Số lồng khác với giấy phép cũ,\nvui lòng kiểm tra."},
                {"path": "documents.don-de-nghi", "note": "Đơn chưa ký."}]
    answer = _answer(api, draft, comments, note="Bổ sung chữ ký rồi nộp.", claims=LEADER)
    assert answer.status == 200, answer.text
    assert answer.json["status"] == "precheck_answered" and answer.json["allowed_paths"]
    assert _answer(api, answer.json, note="Lần hai").status == 409

    shown = view(api, draft["draft_id"], token).json
    assert shown["status_label"] == "Đã có ý kiến xem trước"
    precheck = shown["precheck"]
    assert precheck["answered_at"] == "2026-07-08T09:00:00+07:00"
    assert precheck["note"] == "Bổ sung chữ ký rồi nộp."
    assert precheck["comments"] == [
        {"path": "answers.so_luong_long", "label": "Số lượng lồng", "note": comments[0]["note"]},
        {"path": "documents.don-de-nghi", "label": precheck["comments"][1]["label"], "note": "Đơn chưa ký."},
    ]
    (event,) = [i for i in api.items() if i["SK"].startswith("EVENT#") and i["action"] == "precheck_answer"]
    assert event["actor_id"] == "lanhdao01" and event["at"] == "2026-07-08T09:00:00+07:00"

    told = draft_outbox(api)[before:]
    assert [m["channel"] for m in told] == ["email", "sms"]
    assert all("liên kết đã lưu" in m["body"] and token not in m["body"] for m in told)
    assert all(m["action"] == "precheck_answer" for m in told)

    assert _queue(api)["items"] == []
    edited = update(api, shown, token, answers={"loai_giay": "cap-moi", "so_luong_long": 10})
    assert edited.status == 200, edited.text
    assert edited.json["precheck"]["comments"] == precheck["comments"]  # the desk's words stay


def test_the_drafts_messages_are_sent_by_the_outbox_sender(api):
    from portal.services import notifications

    _waiting(api)
    messages = draft_outbox(api)
    assert len(messages) == 4  # the link, the acknowledgement: each by e-mail and SMS
    for message in messages:
        assert notifications.send({"draft_id": message["draft_id"], "id": message["id"]}) == "sent"
        assert notifications.send({"draft_id": message["draft_id"], "id": message["id"]}) == "skipped"
    assert {m["status"] for m in draft_outbox(api)} == {"sent"}


def test_only_a_waiting_draft_has_an_entry_in_its_agencys_precheck_partition(api):
    def meta(draft_id: str) -> dict:
        return api.table.get_item(Key={"PK": f"DRAFT#{draft_id}", "SK": "META"})["Item"]

    created = saved(api)
    assert "GSI1PK" not in meta(created["draft_id"])
    draft, _ = _waiting(api, key="other")
    assert meta(draft["draft_id"])["GSI1PK"] == f"AGENCY#{AGENCY}#PRECHECK"
    assert not any(k.startswith("GSI") and not k.startswith("GSI1") for k in meta(draft["draft_id"]))
    assert _answer(api, draft, note="Đủ.").status == 200
    assert "GSI1PK" not in meta(draft["draft_id"])
