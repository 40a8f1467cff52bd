"""Legal documents declared once in content/legal/documents.yaml and named by number in each
procedure: the compiled legal bases, and what is reported when a number is unknown or declared
twice."""
from content_test_helpers import CONTENT, NUOI, errors_of, line_of, only_error_at, replace_in

from scripts.build_catalogue import build

LEGAL = "legal/documents.yaml"
LEGAL_DISPLAY = "content/legal/documents.yaml"


def _procedures(content):
    return {p["id"]: p for p in build(content)["procedures"]}


def test_a_procedure_names_documents_and_the_compiled_bases_carry_their_declaration():
    procedure = _procedures(CONTENT)["nuoi-trong-long-be"]
    assert procedure["legal_bases"][1] == {
        "number": "26/2019/NĐ-CP",
        "title": "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Thủy sản",
        "effective_date": "2019-04-25",
        "issuer": "Chính phủ",
    }


def test_every_procedure_citing_a_document_reads_the_same_title_and_date():
    # 118/2018/TT-BTC used to have two titles and two effective dates in different procedures.
    cited = {}
    for procedure in _procedures(CONTENT).values():
        for basis in procedure["legal_bases"]:
            cited.setdefault(basis["number"], set()).add((basis["title"], basis["effective_date"], basis["issuer"]))
    assert all(len(declarations) == 1 for declarations in cited.values()), cited
    assert {date for _, date, _ in cited["118/2018/TT-BTC"]} == {"2019-01-15"}


def test_what_is_unconfirmed_about_a_document_is_marked_in_every_procedure_citing_it():
    procedures = _procedures(CONTENT)
    citing = [p for p in procedures.values() if any(b["number"] == "37/2024/NĐ-CP" for b in p["legal_bases"])]
    assert len(citing) > 1
    for procedure in citing:
        index = [b["number"] for b in procedure["legal_bases"]].index("37/2024/NĐ-CP")
        notes = {u["path"]: u["note"] for u in procedure["unconfirmed"]}
        assert notes[f"legal_bases.{index}.effective_date"] == "Chưa xác nhận ngày có hiệu lực của Nghị định 37/2024/NĐ-CP."


def test_an_unknown_number_is_reported_where_the_procedure_writes_it(content_copy):
    replace_in(content_copy / NUOI, "  - 26/2019/NĐ-CP\n", "  - 26/2019/ND-CP\n")
    error = only_error_at(errors_of(content_copy), "legal_bases.1")
    assert error.file == "content/procedures/nuoi-trong-long-be.yaml"
    assert error.line == line_of(content_copy / NUOI, "- 26/2019/ND-CP")
    assert error.message == (
        "văn bản '26/2019/ND-CP' chưa được khai báo trong content/legal/documents.yaml; có phải ý bạn là "
        "'26/2019/NĐ-CP'? (khai báo số, tên, ngày có hiệu lực, cơ quan ban hành ở đó trước)"
    )


def test_a_document_declared_twice_is_refused(content_copy):
    legal = content_copy / LEGAL
    replace_in(legal, "documents:\n", "documents:\n  - number: 118/2018/TT-BTC\n    title: Thông tư sửa đổi mức thu phí\n"
                                      "    issuer: Bộ Tài chính\n    effective_date: 2019-01-01\n")
    first, second = [n for n, line in enumerate(legal.read_text(encoding="utf-8").splitlines(), start=1)
                     if line == "  - number: 118/2018/TT-BTC"]
    error = only_error_at(errors_of(content_copy), "documents.7.number")
    assert (error.file, error.line) == (LEGAL_DISPLAY, second)
    assert error.message == (
        f"văn bản 118/2018/TT-BTC đã được khai báo ở documents.0 (dòng {first}); mỗi văn bản chỉ khai báo một lần"
    )


def test_a_procedure_cannot_mark_a_documents_own_facts_unconfirmed(content_copy):
    replace_in(content_copy / NUOI, "unconfirmed:\n", "unconfirmed:\n  - path: legal_bases.1.effective_date\n    note: Chưa rõ.\n")
    error = only_error_at(errors_of(content_copy), "unconfirmed.0.path")
    assert error.line == line_of(content_copy / NUOI, "path: legal_bases.1.effective_date")
    assert "content/legal/documents.yaml" in error.message


def test_the_same_document_twice_in_one_procedure(content_copy):
    replace_in(content_copy / NUOI, "  - 26/2019/NĐ-CP\n", "  - 26/2019/NĐ-CP\n  - 18/2017/QH14\n")
    assert only_error_at(errors_of(content_copy), "legal_bases.2").message == "văn bản 18/2017/QH14 đã ghi ở legal_bases.0"


def test_without_the_declarations_file_nothing_compiles(content_copy):
    (content_copy / LEGAL).unlink()
    error = only_error_at(errors_of(content_copy), "")
    assert (error.file, error.line) == (LEGAL_DISPLAY, 1)
    assert error.message == "thiếu tệp khai báo văn bản pháp luật mà các thủ tục dẫn làm căn cứ"
