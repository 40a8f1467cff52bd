"""A citizen's draft and the desk's pre-check, as pure rules: a save keeps what is there and
refuses only what could harm (forbidden characters, over-long values, wrong types, keys the
form does not have); the self-check is the submission's own validation; a pre-check is asked
once, due 1 working day later, and answered once with notes on what the procedure declares."""
from datetime import date

import pytest

from portal.domain import drafts, precheck
from portal.domain.calendar import WorkingCalendar
from portal.domain.errors import Conflict, ValidationFailed
from portal.domain.field_rules import FieldRules
from portal.domain.validation import check_answers, check_applicant
from scripts.catalogue.field_rules import field_rules
from tests.unit.procedures import CALENDAR_2026, answers, aquaculture, field_paths, person, vn

RULES = FieldRules(field_rules())
CALENDAR = WorkingCalendar(CALENDAR_2026)


def saved(applicant=None, values=None):
    return drafts.check_draft(aquaculture(), applicant or {}, values or {}, RULES)


# --- the lenient check of a save ---------------------------------------------------------

def test_a_half_typed_draft_is_kept_as_typed_and_cleaned_as_a_submission_is():
    applicant, values, errors = saved(
        {"kind": "ca-nhan", "full_name": "  Nguyễn\u200b Văn An ", "phone": "0905", "id_number": "0510"},
        {"doi_tuong_nuoi": "Cá bớp", "so_luong_long": 3, "ngay_bat_dau_nuoi": "2026-0", "loai_giay": ""},
    )
    assert errors == []
    assert applicant == {"kind": "ca-nhan", "full_name": "Nguyễn Văn An", "phone": "0905", "id_number": "0510"}
    assert values == {"doi_tuong_nuoi": "Cá bớp", "so_luong_long": 3, "ngay_bat_dau_nuoi": "2026-0"}


@pytest.mark.parametrize(
    ("applicant", "values", "path"),
    [
        ({"full_name": "An\u202e"}, {}, "applicant.full_name"),
        ({"full_name": "A" * 201}, {}, "applicant.full_name"),
        ({"address": {"commune": "x" * 101}}, {}, "applicant.address.commune"),
        ({"address": {"lang": "x"}}, {}, "applicant.address.lang"),
        ({"address": "Quảng Ngãi"}, {}, "applicant.address"),
        ({}, {"doi_tuong_nuoi": "Cá\tbớp"}, "answers.doi_tuong_nuoi"),
        ({}, {"so_luong_long": "12"}, "answers.so_luong_long"),
        ({}, {"so_luong_long": 1e200}, "answers.so_luong_long"),  # beyond what any number may be
        ({}, {"so_luong_long": 1e-200}, "answers.so_luong_long"),
        ({}, {"khong_co": 1}, "answers.khong_co"),
        ({}, {"dia_diem_nuoi": ["x"]}, "answers.dia_diem_nuoi"),
        ({}, {"so_dang_ky_tau": "Q" * 21}, "answers.so_dang_ky_tau"),
    ],
)
def test_a_save_refuses_what_could_harm_and_names_it(applicant, values, path):
    _, _, errors = saved(applicant, values)
    assert path in [e.path for e in errors]


def test_a_value_out_of_the_fields_own_range_is_a_fine_draft():
    _, values, errors = saved({}, {"so_luong_long": 0})  # the field says at least 1: the self-check's business
    assert errors == [] and values == {"so_luong_long": 0}


def test_the_self_check_is_the_submissions_own_validation():
    procedure = aquaculture()
    draft = {"applicant": person(phone="0905"), "answers": answers(so_luong_long=0), "documents": []}
    expected = [*check_applicant(procedure, draft["applicant"], RULES)[1], *check_answers(procedure, draft["answers"], RULES)[1]]
    found = drafts.self_check(procedure, draft, RULES)
    assert [e.path for e in found] == [e.path for e in expected] + ["documents.don-de-nghi"]
    complete = {**draft, "applicant": person(), "answers": answers(),
                "documents": [{"slot": "don-de-nghi", "upload_id": "u1"}]}
    assert drafts.self_check(procedure, complete, RULES) == []


def test_a_citizen_cannot_edit_while_the_desk_reads_nor_once_submitted():
    drafts.require_editable({"status": drafts.EDITING})
    drafts.require_editable({"status": drafts.PRECHECK_ANSWERED})
    for status in (drafts.PRECHECK_WAITING, drafts.SUBMITTED):
        with pytest.raises(Conflict):
            drafts.require_editable({"status": status})


def test_a_draft_is_kept_30_days_after_its_last_save():
    assert drafts.expires_on(vn(2026, 12, 2, 10, 0)) == date(2027, 1, 1)


# --- the pre-check --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("asked", "due"),
    [
        (vn(2026, 7, 8, 9, 0), date(2026, 7, 9)),  # Wednesday → Thursday
        (vn(2026, 7, 10, 16, 30), date(2026, 7, 13)),  # Friday → Monday
        (vn(2026, 7, 11, 9, 0), date(2026, 7, 14)),  # Saturday: counted from Monday
        (vn(2026, 4, 29, 9, 0), date(2026, 5, 4)),  # before 30/4 and 1/5: after them
    ],
)
def test_the_desk_answers_within_one_working_day(asked, due):
    assert precheck.due(asked, CALENDAR) == due


def test_a_pre_check_is_asked_once_and_not_for_a_submitted_draft():
    asked = precheck.request({"status": drafts.EDITING, "precheck": None}, vn(2026, 7, 8, 9, 0), CALENDAR)
    assert asked == {"requested_at": "2026-07-08T09:00:00+07:00", "due": "2026-07-09", "answered_at": None,
                     "note": None, "comments": []}
    for draft in ({"status": drafts.PRECHECK_ANSWERED, "precheck": asked}, {"status": drafts.SUBMITTED, "precheck": None}):
        with pytest.raises(Conflict):
            precheck.request(draft, vn(2026, 7, 8, 10, 0), CALENDAR)


def test_an_unanswered_pre_check_is_overdue_after_its_day():
    asked = {"due": "2026-07-09", "answered_at": None}
    assert not precheck.is_overdue(asked, date(2026, 7, 9))
    assert precheck.is_overdue(asked, date(2026, 7, 10))
    assert not precheck.is_overdue({**asked, "answered_at": "2026-07-10T08:00:00+07:00"}, date(2026, 7, 10))


def test_a_comment_may_name_what_the_procedure_declares_for_this_kind_of_applicant():
    person_paths = {p["path"]: p["label"] for p in precheck.allowed_paths(aquaculture(), RULES, "ca-nhan")}
    assert person_paths["applicant.full_name"] == "Họ và tên" and "applicant.id_number" in person_paths
    assert "applicant.tax_code" not in person_paths
    assert {"answers.so_luong_long", "documents.don-de-nghi", "documents.giay-uy-quyen"} <= set(person_paths)
    organisation_paths = {p["path"]: p["label"] for p in precheck.allowed_paths(aquaculture(), RULES, "to-chuc")}
    assert organisation_paths["applicant.full_name"] == "Tên tổ chức" and "applicant.id_number" not in organisation_paths


def _waiting():
    return {"status": drafts.PRECHECK_WAITING,
            "precheck": precheck.request({"status": drafts.EDITING}, vn(2026, 7, 8, 9, 0), CALENDAR)}


def _answer(comments, note=None, draft=None):
    allowed = precheck.allowed_paths(aquaculture(), RULES, "ca-nhan")
    return precheck.answer(draft or _waiting(), allowed, comments, note, RULES, vn(2026, 7, 8, 14, 0))


def test_an_answer_keeps_each_note_cleaned_with_its_items_name():
    answered = _answer([{"path": "documents.don-de-nghi", "note": " Đơn chưa ký.\r\nKý lại. "}], "  Nộp sau khi ký. ")
    assert answered["answered_at"] == "2026-07-08T14:00:00+07:00"
    assert answered["note"] == "Nộp sau khi ký."
    assert answered["comments"] == [{"path": "documents.don-de-nghi", "label": answered["comments"][0]["label"],
                                     "note": "Đơn chưa ký.\nKý lại."}]
    assert answered["comments"][0]["label"].startswith("Đơn")
    assert _answer([], "Đủ.")["comments"] == []


@pytest.mark.parametrize(
    ("comments", "note", "path"),
    [
        ([{"path": "consent", "note": "x"}], None, "comments.0.path"),
        ([{"path": "applicant.tax_code", "note": "x"}], None, "comments.0.path"),
        ([{"path": "answers.so_luong_long", "note": ""}], None, "comments.0.note"),
        ([{"path": "answers.so_luong_long", "note": "x" * 1001}], None, "comments.0.note"),
        ([{"path": "answers.so_luong_long", "note": "x"}, {"path": "answers.so_luong_long", "note": "y"}], None,
         "comments.1.path"),
        ([], None, "note"),
        ([], "x" * 2001, "note"),
    ],
)
def test_an_answer_is_refused_with_the_field_that_is_wrong(comments, note, path):
    with pytest.raises(ValidationFailed) as raised:
        _answer(comments, note)
    assert path in field_paths(raised)


def test_an_answer_only_while_waiting():
    with pytest.raises(Conflict):
        _answer([], "x", draft={**_waiting(), "status": drafts.PRECHECK_ANSWERED})
