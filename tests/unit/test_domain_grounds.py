"""Which declared grounds a refusal or a stop may cite (portal.domain.grounds)."""
import pytest

from portal.domain.grounds import REFUSAL_KINDS, STOP_KINDS, declared_grounds
from portal.domain.vocabulary import GROUND_KIND_LABELS, vocabulary


def procedure(*grounds):
    return {"id": "thu-tuc", "refusal_grounds": list(grounds)}


def ground(code, kind, documents=None):
    g = {"code": code, "text": f"Lý do {code}.", "kind": kind}
    if documents is not None:
        g["documents"] = documents
    return g


ALL_FOUR = procedure(
    ground("ngoai-tham-quyen", "competence"),
    ground("khong-thuoc-doi-tuong", "eligibility", ["don-de-nghi"]),
    ground("khong-dat", "conditions", []),
    ground("gia-mao", "falsified"),
)


def test_a_refusal_may_cite_every_kind_in_the_declared_order():
    assert declared_grounds(ALL_FOUR, "refuse") == [
        {"code": "ngoai-tham-quyen", "text": "Lý do ngoai-tham-quyen.", "kind": "competence", "documents": []},
        {"code": "khong-thuoc-doi-tuong", "text": "Lý do khong-thuoc-doi-tuong.", "kind": "eligibility",
         "documents": ["don-de-nghi"]},
        {"code": "khong-dat", "text": "Lý do khong-dat.", "kind": "conditions", "documents": []},
        {"code": "gia-mao", "text": "Lý do gia-mao.", "kind": "falsified", "documents": []},
    ]


def test_a_stop_may_not_cite_competence_which_was_decided_at_the_door():
    assert [g["code"] for g in declared_grounds(ALL_FOUR, "stop")] == ["khong-thuoc-doi-tuong", "khong-dat", "gia-mao"]
    assert REFUSAL_KINDS - {"competence"} == STOP_KINDS


@pytest.mark.parametrize("kind", [None, "", "missing-paper", "Conditions"])
def test_a_ground_of_no_allowed_kind_is_never_offered(kind):
    given = procedure(ground("thieu-don", kind), ground("gia-mao", "falsified"))
    if kind is None:  # an archived version's ground, written before kinds existed
        del given["refusal_grounds"][0]["kind"]
    for purpose in ("refuse", "stop"):
        assert [g["code"] for g in declared_grounds(given, purpose)] == ["gia-mao"]


def test_a_procedure_without_grounds_offers_none():
    assert declared_grounds({"id": "x"}, "refuse") == [] and declared_grounds(procedure(), "stop") == []


def test_the_result_is_a_copy_the_caller_may_change():
    offered = declared_grounds(ALL_FOUR, "refuse")
    offered[1]["documents"].append("khac")
    assert ALL_FOUR["refusal_grounds"][1]["documents"] == ["don-de-nghi"]


def test_an_unknown_purpose_is_a_programming_error():
    with pytest.raises(KeyError):
        declared_grounds(ALL_FOUR, "withdraw")


def test_every_kind_has_a_vietnamese_label_in_the_vocabulary():
    assert set(GROUND_KIND_LABELS) == REFUSAL_KINDS
    assert vocabulary()["ground_kind"] == GROUND_KIND_LABELS
