"""Text from the catalogue is shown as text everywhere: markup in a title, a document name, a note
or a label neither runs nor formats, on the generated pages, in the built site, in the cards
catalogue.js draws and in the header search box's results."""
import html
from html.parser import HTMLParser

import pytest
from site_sample_catalogue import HOSTILE, hostile_catalogue

from scripts.site import generated_pages

TITLE = "Thủ tục " + HOSTILE


def test_no_generated_page_carries_the_markup_of_a_text():
    pages = generated_pages(hostile_catalogue())
    for uri, text in pages.items():
        assert "<script>window" not in text and "<img" not in text, uri
    # In Markdown the same text is escaped for Markdown too: no emphasis, no link.
    guide = pages["thu-tuc/giay-phep-mau.md"]
    assert "# Thủ tục &lt;script&gt;" in guide and r"\*x\* \[y\](z)" in guide


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        self._in_script = False
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        if self._in_h1:
            self.h1 += data


def _parse(path):
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("path", [
    "thu-tuc/index.html",
    "thu-tuc/giay-phep-mau/index.html",
    "thu-tuc/giay-phep-mau/phieu-huong-dan/index.html",
    "thu-tuc/giay-phep-mau/mau-don-don-de-nghi/index.html",
    "thu-tuc/giay-phep-mau/phien-ban-1/index.html",
    "thu-tuc/chi-nop-truc-tiep/index.html",
    "nop-ho-so/giay-phep-mau/index.html",
])
def test_built_pages_show_markup_as_text(hostile_site, path):
    parsed = _parse(hostile_site / path)
    assert not [s for s in parsed.scripts if "pwned" in s and "\\u003c" not in s]  # only the form's JSON
    assert not [a for _, a in parsed.tags if "onerror" in a]
    assert not [a for tag, a in parsed.tags if tag == "img" and a.get("src") == "x"]
    assert not [a for tag, a in parsed.tags if tag == "a" and a.get("href") == "z"]
    assert "<em>x</em>" not in (hostile_site / path).read_text(encoding="utf-8")
    # Shown, as text: the theme prints a title in the header and the window title as it finds it.
    assert HOSTILE in html.unescape((hostile_site / path).read_text(encoding="utf-8"))


def test_the_title_reads_as_typed_on_the_guide(hostile_site):
    parsed = _parse(hostile_site / "thu-tuc/giay-phep-mau/index.html")
    assert parsed.h1.strip() == TITLE


def test_in_the_browser_nothing_runs_and_the_drawn_cards_show_titles_as_text(page, hostile_url):
    for path in ("/thu-tuc/giay-phep-mau/", "/thu-tuc/giay-phep-mau/phieu-huong-dan/",
                 "/thu-tuc/giay-phep-mau/mau-don-don-de-nghi/", "/nop-ho-so/giay-phep-mau/"):
        page.goto(hostile_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.pwned") is None, path
    page.goto(hostile_url + "/thu-tuc/")
    page.locator("#procedure-list[data-ready]").wait_for(state="attached")
    page.get_by_label("Tìm theo tên thủ tục").fill("thu tuc script")  # cards drawn by catalogue.js
    titles = page.locator("#procedure-list .procedure-card__title").all_text_contents()  # laid out or not
    assert titles and all(t.strip() == TITLE for t in titles)
    assert page.evaluate("window.pwned") is None


def test_the_header_search_box_shows_titles_as_text(page, hostile_url):
    page.goto(hostile_url + "/")
    page.locator("label.md-header__button[for='__search']").click()  # a phone: the magnifier opens it
    box = page.get_by_role("combobox", name="Tìm thủ tục")
    box.press_sequentially("thu tuc script")
    options = page.get_by_role("option")
    options.first.wait_for()
    titles = options.locator(".portal-search__title").all_inner_texts()
    assert titles and all(t == TITLE for t in titles)
    assert page.evaluate("window.pwned") is None
