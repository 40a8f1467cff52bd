"""Refusal and stop grounds (docs/domain.md, "Refusal and stop grounds"): every ground declares
one of four kinds, the checker refuses a ground of no allowed kind with file and line, and no
ground of the real catalogue is a missing or faulty paper, which belongs to the document's
`problems` (a supplement request) instead."""
import re

import pytest
from content_test_helpers import CONTENT, NUOI, archive_nuoi_v1, errors_of, line_of, only_error_at, replace_in

from portal.domain.grounds import REFUSAL_KINDS, declared_grounds
from scripts.build_catalogue import build

DISPLAY = "content/procedures/nuoi-trong-long-be.yaml"
FIRST_KIND = "    kind: eligibility\n"  # nuoi-trong-long-be's refusal_grounds.0


def test_a_ground_without_a_kind_is_refused_on_its_line(content_copy):
    replace_in(content_copy / NUOI, FIRST_KIND, "")
    error = only_error_at(errors_of(content_copy), "refusal_grounds.0.kind")
    assert error.file == DISPLAY
    assert error.line == line_of(content_copy / NUOI, "code: khong-thuoc-doi-tuong")
    assert error.message.startswith("thiếu loại lý do (kind): ghi một trong competence")
    assert "ghi vào problems của giấy tờ đó" in error.message


@pytest.mark.parametrize("written", ["missing-paper", "supplement", "Conditions"])
def test_a_ground_of_an_unknown_kind_is_refused_on_its_line(content_copy, written):
    replace_in(content_copy / NUOI, FIRST_KIND, f"    kind: {written}\n")
    error = only_error_at(errors_of(content_copy), "refusal_grounds.0.kind")
    assert error.line == line_of(content_copy / NUOI, f"kind: {written}")
    assert error.message.startswith(f"loại lý do '{written}' không hợp lệ; chỉ được dùng: competence")
    assert str(error).startswith(f"{DISPLAY}:{error.line}: refusal_grounds.0.kind: ")


def test_every_compiled_ground_has_an_allowed_kind_and_documents_carry_their_problems():
    procedures = build(CONTENT)["procedures"]
    grounds = [g for p in procedures for g in p["refusal_grounds"]]
    assert {g["kind"] for g in grounds} == REFUSAL_KINDS
    for p in procedures:
        # Every procedure keeps a ground a refusal and a stop may cite: falsified papers at least.
        assert declared_grounds(p, "refuse") and declared_grounds(p, "stop"), p["id"]
        assert all(isinstance(doc["problems"], list) for doc in p["documents"])
    dang_ky = next(p for p in procedures if p["id"] == "dang-ky-tau-ca")
    [factory] = [d for d in dang_ky["documents"] if d["slot"] == "xuat-xuong"]
    assert factory["problems"] == ["Không kèm bản chính giấy chứng nhận xuất xưởng của tàu."]
    assert "thieu-xuat-xuong" not in {g["code"] for g in dang_ky["refusal_grounds"]}


# A ground that reads like a paper missing or faulty: a telltale of absence or of a faulty form,
# within a few words of a paper. "Tàu chưa được cấp giấy chứng nhận" (the vessel has no
# certificate: a condition) passes; "thiếu bản chính giấy chứng nhận" (the paper was not handed
# in: a supplement) does not.
_ABSENT = r"(?:thiếu|không có|chưa có|không nộp|không kèm|chưa nộp|ghi thiếu)"
_PAPER = (r"(?:bản chính|bản sao|bản chụp|giấy|văn bản|đơn|tờ khai|biên bản|biên lai|hồ sơ|sơ đồ|"
          r"bản thuyết minh|báo cáo|danh sách|phương án|quy chế|chứng chỉ|văn bằng)")
_FAULTY = (r"(?:không đúng mẫu|không theo mẫu|không đúng Mẫu|không theo Mẫu|sai mẫu|không hợp lệ|"
           r"kê khai không đầy đủ|chưa được kê khai đầy đủ|chưa ký|chưa chứng thực|chưa có xác nhận)")
_LACKS = r"(?:không có|không ghi|ghi thiếu|thiếu)"  # a paper handed in without what it must show
MISSING_PAPER = re.compile(
    rf"{_ABSENT}(?:\s+\S+){{0,3}}?\s+{_PAPER}\b|\b{_PAPER}(?:\s+\S+){{0,3}}?\s+{_LACKS}\b|{_FAULTY}",
    re.IGNORECASE,
)


@pytest.mark.parametrize("text", [
    "Thiếu bản chính giấy chứng nhận xuất xưởng của tàu.",
    "Tờ khai không đúng Mẫu 02.ĐKT theo quy định.",
    "Người nộp hồ sơ thay không có giấy ủy quyền, hoặc giấy ủy quyền không hợp lệ.",
    "Chưa có biên lai nộp lệ phí trước bạ, hoặc tờ khai lệ phí trước bạ chưa có xác nhận của cơ quan thuế.",
    "Sơ đồ khu vực biển không có tọa độ các điểm góc.",
    "Không nộp bản chính giấy chứng nhận cũ và không khai báo lý do bị mất trong tờ khai.",
    "Giấy xác nhận nguyên liệu chưa được kê khai đầy đủ.",
    "Đề nghị sửa phương án hoặc quy chế nhưng không nộp phương án hoặc quy chế đã sửa.",
])
def test_the_telltales_catch_the_missing_paper_grounds_the_catalogue_had(text):
    assert MISSING_PAPER.search(text), text


@pytest.mark.parametrize("text", [
    "Tàu có chiều dài lớn nhất từ 12 mét trở lên chưa được cấp giấy chứng nhận an toàn kỹ thuật tàu cá.",
    "Khu vực biển đề nghị nằm ngoài phạm vi 6 hải lý, nên không thuộc thẩm quyền cấp phép của tỉnh.",
    "Hồ sơ có giấy tờ giả mạo, bị tẩy xóa hoặc sửa chữa nội dung, hoặc có thông tin kê khai không trung thực.",
])
def test_the_telltales_let_substantive_grounds_through(text):
    assert not MISSING_PAPER.search(text), text


def test_no_ground_of_the_real_catalogue_is_a_missing_or_faulty_paper():
    found = [
        (p["id"], g["code"], g["text"])
        for p in build(CONTENT)["procedures"]
        for g in p["refusal_grounds"]
        if MISSING_PAPER.search(g["text"])
    ]
    assert found == []


def test_an_archived_version_written_before_kinds_still_compiles_and_its_grounds_cannot_be_cited(content_copy):
    archived = archive_nuoi_v1(content_copy)
    text = archived.read_text(encoding="utf-8")
    archived.write_text(re.sub(r"    kind: [a-z]+\n", "", text), encoding="utf-8")
    catalogue = build(content_copy)
    [old] = [e for e in catalogue["archive"] if e["id"] == "nuoi-trong-long-be"]
    assert [g["kind"] for g in old["refusal_grounds"]] == [None, None, None]
    assert declared_grounds(old, "refuse") == [] and declared_grounds(old, "stop") == []


def test_a_kind_written_in_an_archived_version_must_still_be_valid(content_copy):
    archived = archive_nuoi_v1(content_copy)
    replace_in(archived, FIRST_KIND, "    kind: thieu-giay-to\n")
    errors = [e for e in errors_of(content_copy) if e.file == "content/procedures/archive/nuoi-trong-long-be/v1.yaml"]
    assert [e.path for e in errors] == ["refusal_grounds.0.kind"]
