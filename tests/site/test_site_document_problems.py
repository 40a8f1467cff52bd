"""The guide page shows each document's common mistakes ("Lỗi thường gặp") beside the document
list, so a citizen can check the papers before handing them in; a page with none shows nothing."""
from site_sample_catalogue import sample_catalogue

from scripts.site.guidance import guidance_sheet_page, procedure_page

HOSTILE = "Thiếu <b>chữ ký</b> *người* [đề nghị](javascript:x)."


def _procedure(problems):
    procedure = sample_catalogue()["procedures"][0]
    procedure["documents"][0]["problems"] = problems
    for document in procedure["documents"][1:]:
        document["problems"] = []
    return procedure


def test_each_documents_mistakes_are_listed_under_its_name_on_the_page_and_the_sheet():
    procedure = _procedure(["Đơn không theo mẫu.", "Đơn chưa ký."])
    name = procedure["documents"][0]["name"]
    for page in (procedure_page(procedure), guidance_sheet_page(procedure)):
        assert "### Lỗi thường gặp" in page
        assert f"- **{name}:** Đơn không theo mẫu. Đơn chưa ký." in page
        # After the checklist, before the steps.
        assert page.index('class="document-checklist"') < page.index("Lỗi thường gặp") < page.index("Các bước thực hiện")


def test_no_section_when_no_document_has_a_known_mistake():
    assert "Lỗi thường gặp" not in procedure_page(_procedure([]))


def test_a_mistake_is_text_never_markup():
    page = procedure_page(_procedure([HOSTILE]))
    assert "<b>" not in page and "&lt;b&gt;chữ ký&lt;/b&gt;" in page
    # Markdown's own syntax is escaped too: the brackets read as text, not as a link.
    assert r"\*người\* \[đề nghị\](javascript:x)" in page
