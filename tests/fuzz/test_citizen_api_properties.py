"""Generated bodies against each citizen route (Hypothesis, derandomized: the same examples on
every run, a bounded number of them). Whatever arrives: never a 5xx, always the API's error
shape, and a refused request leaves nothing behind (no dossier, no code number, no copied file,
no upload slot).

The bodies are valid requests with one part replaced by an arbitrary JSON value, a key removed
or added, or raw text and bytes under any content type."""
import base64
import json
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.support import PROCEDURE, build_event, call, submission
from tests.fuzz.tally import STATS, record

EXAMPLES = {"uploads": 80, "dossiers": 150, "lookup": 80, "drafts": 100, "draft updates": 100}
NOT_FOUND = {"error": {"code": "NOT_FOUND", "message": "Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập.", "fields": []}}
SETTINGS = {
    "derandomize": True,  # seeded: the same examples on every run
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}

# Any JSON value, NaN and ±Infinity included (json.dumps writes them as bare words), text with
# controls, bidi overrides, surrogates and other scripts' digits.
TEXT = st.text(alphabet=st.characters(codec=None, categories=None), max_size=40) | st.sampled_from(
    ["", " ", "\u200b", "\x00", "\u202e", "\ud800", "a\udfffb", "０５１０９０００１２３４", "٠٥١٠٩٠٠٠١٢٣٤", "051090001234", "0905123456",
     "Quảng Ngãi", "cap-moi", "yes", "NaN", "Infinity", "12.7", "x" * 300]
)
SCALARS = st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30) | st.floats() | TEXT
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                    max_leaves=12)


def assert_answer_shape(answer) -> None:
    assert answer.status < 500, answer.text
    if answer.status >= 400:
        body = answer.json
        assert set(body) == {"error"}, answer.text
        error = body["error"]
        assert set(error) == {"code", "message", "fields"}
        assert isinstance(error["code"], str) and isinstance(error["message"], str) and error["message"]
        assert all(set(f) == {"path", "message"} and isinstance(f["path"], str) for f in error["fields"])


def paths_of(value, prefix=()):
    """Every place in a JSON value (as key/index tuples), the value itself first."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths_of(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths_of(inner, (*prefix, index))


@st.composite
def mutated(draw, valid: dict, values=JSON):
    """`valid` with one place replaced by one of `values`, removed, or given an extra key."""
    body = json.loads(json.dumps(valid))
    places = [p for p in paths_of(body) if p]
    place = draw(st.sampled_from(places))
    parent = body
    for key in place[:-1]:
        parent = parent[key]
    how = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
    if how == "replace":
        parent[place[-1]] = draw(values)
    elif how == "remove":
        parent.pop(place[-1])
    elif isinstance(parent, dict):
        parent[draw(TEXT)] = draw(JSON)
    return body


RAW = st.tuples(
    st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded", "", "application/json; charset=utf-16"]),
    st.binary(max_size=200) | st.text(max_size=200).map(str.encode),
)


def send(api, path: str, body, headers=None, method="POST"):
    """A JSON value (written with NaN/Infinity where it holds them) or (content type, bytes)."""
    if isinstance(body, tuple):
        content_type, raw = body
        event = build_event(method, path, "{}", headers={**(headers or {}), "Content-Type": content_type})
        if raw:
            try:
                event.update(body=raw.decode("utf-8"), isBase64Encoded=False)
            except UnicodeDecodeError:
                event.update(body=base64.b64encode(raw).decode("ascii"), isBase64Encoded=True)
        else:
            event.pop("body", None)
        return call(api._citizen, event)
    # ASCII with \u escapes, as a client writes text it holds (lone surrogates included).
    return call(api._citizen, build_event(method, path, json.dumps(body), headers=headers))


def written(api) -> dict:
    kinds = {}
    for item in api.items():
        kind = item["PK"].split("#")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    bucket = api.env["DOCUMENTS_BUCKET"]
    copies = api.s3.list_objects_v2(Bucket=bucket, Prefix="dossiers/").get("KeyCount", 0)
    draft_copies = api.s3.list_objects_v2(Bucket=bucket, Prefix="drafts/").get("KeyCount", 0)
    return {"DOSSIER": kinds.get("DOSSIER", 0), "CODE": kinds.get("CODE", 0), "COUNTER": kinds.get("COUNTER", 0),
            "UPLOAD": kinds.get("UPLOAD", 0), "copies": copies,
            "DRAFT": kinds.get("DRAFT", 0), "DRAFTKEY": kinds.get("DRAFTKEY", 0), "draft copies": draft_copies}


def upload_request() -> dict:
    return {"procedure_id": PROCEDURE, "slot": "don-de-nghi", "filename": "don.pdf", "content_type": "application/pdf", "size": 100}


def test_uploads_under_generated_bodies(api):
    @settings(max_examples=EXAMPLES["uploads"], **SETTINGS)
    @given(st.one_of(st.just(upload_request()), mutated(upload_request()), JSON, RAW))
    def property_(body):
        before = written(api)
        answer = send(api, "/api/uploads", body)
        record("uploads", answer.status)
        assert_answer_shape(answer)
        after = written(api)
        assert after["UPLOAD"] == before["UPLOAD"] + (1 if answer.status == 201 else 0)

    property_()
    assert set(STATS["uploads"]) - {201} and 201 in STATS["uploads"]  # both kinds of answer were seen


def test_submissions_under_generated_bodies(api):
    upload_id = api.upload()

    @settings(max_examples=EXAMPLES["dossiers"], **SETTINGS)
    @given(st.one_of(st.just(submission(upload_id)), mutated(submission(upload_id)), mutated(submission(upload_id), TEXT),
                     JSON, RAW))
    def property_(body):
        before = written(api)
        answer = send(api, "/api/dossiers", body, headers={"Idempotency-Key": str(uuid.uuid4())})
        record("dossiers", answer.status)
        assert_answer_shape(answer)
        after = written(api)
        if answer.status == 201:
            assert after["DOSSIER"] > before["DOSSIER"] and after["CODE"] == before["CODE"] + 1
        else:  # nothing half-written: no dossier, no code number taken, no file copied
            assert after == before

    property_()
    assert set(STATS["dossiers"]) - {201}


def test_lookups_under_generated_bodies(api):
    code = api.submit(submission(api.upload()), key="real").json["code"]

    # Well formed, mostly wrong: the code or another text, the ID number or another text.
    well_formed = st.fixed_dictionaries({"code": st.just(code) | TEXT, "id_number": st.just("051090001234") | TEXT})

    @settings(max_examples=EXAMPLES["lookup"], **SETTINGS)
    @given(st.one_of(
        well_formed, well_formed, well_formed,
        mutated({"code": code, "id_number": "051090001234"}), mutated({"code": code, "access_token": "x"}), JSON, RAW,
    ))
    def property_(body):
        answer = send(api, "/api/lookup", body)
        record("lookup", answer.status)
        assert_answer_shape(answer)
        if answer.status == 404:
            assert answer.json == NOT_FOUND

    property_()
    assert 404 in STATS["lookup"] and 422 in STATS["lookup"] and 200 in STATS["lookup"]


def draft_body(upload_id: str) -> dict:
    body = submission(upload_id)
    return {key: body[key] for key in ("procedure_id", "applicant", "answers", "documents")}


def test_drafts_under_generated_bodies(api):
    upload_id = api.upload()

    @settings(max_examples=EXAMPLES["drafts"], **SETTINGS)
    @given(st.one_of(st.just(draft_body(upload_id)), mutated(draft_body(upload_id)), mutated(draft_body(upload_id), TEXT),
                     JSON, RAW))
    def property_(body):
        before = written(api)
        answer = send(api, "/api/drafts", body, headers={"Idempotency-Key": str(uuid.uuid4())})
        record("drafts", answer.status)
        assert_answer_shape(answer)
        after = written(api)
        if answer.status == 201:
            assert (after["DRAFT"], after["DRAFTKEY"]) > (before["DRAFT"], before["DRAFTKEY"])
        else:  # a refused save leaves nothing: no draft, no key, no kept file
            assert after == before

    property_()
    assert 201 in STATS["drafts"] and set(STATS["drafts"]) - {201}


def test_draft_updates_under_generated_bodies(api):
    created = send(api, "/api/drafts", draft_body(api.upload()), headers={"Idempotency-Key": str(uuid.uuid4())})
    assert created.status == 201, created.text
    draft_id, token = created.json["draft_id"], created.json["access_token"]
    path = f"/api/drafts/{draft_id}"

    def stored_version() -> int:
        shown = send(api, path + "/view", {"token": token})
        assert shown.status == 200, shown.text
        return shown.json["version"]

    @settings(max_examples=EXAMPLES["draft updates"], **SETTINGS)
    @given(st.one_of(
        st.builds(lambda body: {**body, "token": token}, mutated(draft_body(None))),
        mutated({**draft_body(None), "token": token, "version": 1}), JSON, RAW,
    ))
    def property_(body):
        version = stored_version()
        if isinstance(body, dict) and "token" in body and "version" not in body:
            body["version"] = version  # the version read, so the body's own content is what is judged
        answer = send(api, path, body, method="PUT")
        record("draft updates", answer.status)
        assert_answer_shape(answer)
        # Saved once (one version more) or not at all.
        assert stored_version() == version + (1 if answer.status == 200 else 0)

    property_()
    assert 200 in STATS["draft updates"] and 422 in STATS["draft updates"]
