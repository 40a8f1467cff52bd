"""Older versions in content/procedures/archive/<id>/v<n>.yaml: where they must sit, how their
numbers and effective dates must follow each other, and what is reported when they do not."""
from content_test_helpers import ARCHIVE_HEADER, NUOI, archive_nuoi_v1, errors_of, line_of, replace_in

from scripts.build_catalogue import build

ARCHIVED = "content/procedures/archive/nuoi-trong-long-be/v1.yaml"
CURRENT = "content/procedures/nuoi-trong-long-be.yaml"


def _at(errors, file, path):
    found = [e for e in errors if e.file == file and e.path == path]
    assert found, f"no error at {file} {path}: {[str(e) for e in errors]}"
    return found[0]


def _messages(errors, file, path) -> list[str]:
    return [e.message for e in errors if e.file == file and e.path == path]


def test_effective_dates_must_increase_with_the_version(content_copy):
    archive_nuoi_v1(content_copy, v2_effective="2018-12-31")
    error = _at(errors_of(content_copy), CURRENT, "effective_date")
    assert error.line == line_of(content_copy / NUOI, "effective_date: 2018-12-31")
    assert error.message == (
        f"ngày áp dụng 31/12/2018 của phiên bản 2 phải sau ngày áp dụng 25/04/2019 của phiên bản 1 ({ARCHIVED}): "
        "phiên bản sau phải bắt đầu áp dụng muộn hơn phiên bản trước"
    )


def test_the_same_effective_date_twice_is_out_of_order(content_copy):
    archive_nuoi_v1(content_copy, v2_effective="2019-04-25")
    error = _at(errors_of(content_copy), CURRENT, "effective_date")
    assert "phải sau ngày áp dụng 25/04/2019 của phiên bản 1" in error.message


def test_an_archived_version_must_be_older_than_the_current_one(content_copy):
    archived = archive_nuoi_v1(content_copy)
    replace_in(content_copy / NUOI, "version: 2\n", "version: 1\n")
    errors = errors_of(content_copy)
    assert _at(errors, ARCHIVED, "version").line == line_of(archived, "version: 1")
    assert _messages(errors, ARCHIVED, "version") == [
        f"phiên bản 1 đã có ở {CURRENT}",
        f"phiên bản cũ (1) phải nhỏ hơn phiên bản hiện hành (1) trong {CURRENT}",
    ]


def test_the_file_name_says_the_version(content_copy):
    archived = archive_nuoi_v1(content_copy)
    archived.rename(archived.with_name("v0.yaml"))
    misnamed = "content/procedures/archive/nuoi-trong-long-be/v0.yaml"
    assert _at(errors_of(content_copy), misnamed, "").message == (
        "tên tệp phiên bản cũ phải là v<số phiên bản>.yaml, ví dụ v1.yaml, không phải v0.yaml")


def test_version_inside_must_match_the_file_name(content_copy):
    archived = archive_nuoi_v1(content_copy)
    replace_in(archived, "version: 1\n", "version: 3\n")
    assert _messages(errors_of(content_copy), ARCHIVED, "version") == [
        f"phiên bản cũ (3) phải nhỏ hơn phiên bản hiện hành (2) trong {CURRENT}",
        "tệp v1.yaml phải có version: 1",
    ]


def test_an_archived_id_must_match_its_folder(content_copy):
    archived = archive_nuoi_v1(content_copy)
    replace_in(archived, "id: nuoi-trong-long-be", "id: nuoi-long-be")
    error = _at(errors_of(content_copy), ARCHIVED, "id")
    assert error.line == line_of(archived, "id: nuoi-long-be")
    assert error.message == ("id phải là nuoi-trong-long-be (phiên bản cũ nằm trong thư mục "
                             "archive/nuoi-trong-long-be/ nên mang id của thủ tục đó)")


def test_an_archive_folder_needs_a_current_procedure(content_copy):
    archived = archive_nuoi_v1(content_copy)
    folder = archived.parent.rename(archived.parent.with_name("nuoi-long-be"))
    replace_in(folder / "v1.yaml", "id: nuoi-trong-long-be", "id: nuoi-long-be")
    error = _at(errors_of(content_copy), "content/procedures/archive/nuoi-long-be/v1.yaml", "")
    assert error.message.startswith("không có thủ tục hiện hành content/procedures/nuoi-long-be.yaml cho phiên bản cũ này")


def test_an_archived_file_outside_a_procedure_folder_is_refused(content_copy):
    archived = archive_nuoi_v1(content_copy)
    archived.rename(archived.parent.parent / "nuoi-trong-long-be-v1.yaml")
    error = _at(errors_of(content_copy), "content/procedures/archive/nuoi-trong-long-be-v1.yaml", "")
    assert "archive/<mã thủ tục>/v<số phiên bản>.yaml" in error.message


def test_an_archived_file_is_checked_like_a_current_one_with_its_own_schema_line(content_copy):
    archived = archive_nuoi_v1(content_copy)
    replace_in(archived, ARCHIVE_HEADER, "# yaml-language-server: $schema=../schema/procedure.v1.schema.json")
    replace_in(archived, "group: nuoi-trong", "group: nuoi")
    errors = errors_of(content_copy)
    assert _at(errors, ARCHIVED, "").message.startswith(
        "dòng đầu tiên của tệp phải là: # yaml-language-server: $schema=../../../schema/procedure.v1.schema.json")
    assert "'nuoi' không hợp lệ" in _at(errors, ARCHIVED, "group").message


def test_a_later_version_cannot_rest_on_a_text_not_yet_in_force(content_copy):
    archive_nuoi_v1(content_copy, v2_effective="2024-05-20")
    replace_in(content_copy / "legal/documents.yaml", "documents:\n",
               "documents:\n  - number: 99/2024/NĐ-CP\n    title: Nghị định sửa đổi\n    issuer: Chính phủ\n"
               "    effective_date: 2024-06-01\n")
    replace_in(content_copy / NUOI, "  - 26/2019/NĐ-CP\n", "  - 26/2019/NĐ-CP\n  - 99/2024/NĐ-CP\n")
    error = _at(errors_of(content_copy), CURRENT, "legal_bases.2")
    assert error.line == line_of(content_copy / NUOI, "- 99/2024/NĐ-CP")
    assert error.message == (
        "văn bản 99/2024/NĐ-CP có hiệu lực từ 01/06/2024, sau ngày áp dụng 20/05/2024 của phiên bản này; "
        "một phiên bản không thể dựa trên văn bản chưa có hiệu lực: kiểm tra lại hai ngày, hoặc tạo phiên bản mới của thủ tục"
    )


def test_the_oldest_recorded_version_may_list_later_amendments(content_copy):
    # The first version the portal records stands for the procedure as published plus the
    # amendments made before versions were kept; those cannot be split into versions afterwards.
    replace_in(content_copy / NUOI, "  - 26/2019/NĐ-CP\n", "  - 26/2019/NĐ-CP\n  - 37/2024/NĐ-CP\n")
    procedure = next(p for p in build(content_copy)["procedures"] if p["id"] == "nuoi-trong-long-be")
    assert procedure["legal_bases"][-1]["number"] == "37/2024/NĐ-CP"


def test_mistakes_in_versions_and_in_other_files_are_reported_together(content_copy):
    archived = archive_nuoi_v1(content_copy, v2_effective="2018-01-01")
    replace_in(archived, "group: nuoi-trong", "group: nuoi")
    replace_in(content_copy / "procedures/xoa-dang-ky-tau-ca.yaml", "service_level: thong-tin", "service_level: muc-4")
    found = {(e.file, e.path) for e in errors_of(content_copy)}
    assert {(ARCHIVED, "group"), (CURRENT, "effective_date"),
            ("content/procedures/xoa-dang-ky-tau-ca.yaml", "service_level")} <= found
