"""`mkdocs build --strict` of the whole site: the pages exist where links point, and nothing is
fetched from another host."""
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from site_sample_catalogue import ONLINE


class _Page(HTMLParser):
    """What a built page loads (script src, link href, img src), its meta tags and JSON data."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.meta: dict[str, str] = {}
        self.links: list[str] = []
        self._data_id = None
        self.data: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.loads.append(a["src"])
        if tag in ("link", "img") and (a.get("href") or a.get("src")):
            self.loads.append(a.get("href") or a.get("src"))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content", "")
        self._data_id = a.get("id") if tag == "script" and a.get("type") == "application/json" else None

    def handle_endtag(self, tag):
        self._data_id = None

    def handle_data(self, data):
        if self._data_id:
            self.data[self._data_id] = self.data.get(self._data_id, "") + data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_page_is_built(built_site):
    for page in (
        "index.html",
        "thu-tuc/index.html",
        "thu-tuc/giay-phep-mau/index.html",
        "thu-tuc/chua-co-bieu-mau/index.html",
        "thu-tuc/chi-nop-truc-tiep/index.html",
        "nop-ho-so/giay-phep-mau/index.html",
        "thu-tuc/giay-phep-mau/phieu-huong-dan/index.html",
        "thu-tuc/giay-phep-mau/mau-don-don-de-nghi/index.html",
        "thu-tuc/giay-phep-mau/phien-ban-1/index.html",
        "assets/data/catalogue-index.json",
        "tra-cuu/index.html",
        "admin/index.html",
        "quyen-rieng-tu/index.html",
    ):
        assert (built_site / page).is_file(), page
    assert not (built_site / "nop-ho-so/chua-co-bieu-mau").exists()
    assert not (built_site / "hooks").exists() and not (built_site / "overrides").exists()


def test_the_online_button_leads_to_the_built_form(built_site):
    page_dir = built_site / "thu-tuc/giay-phep-mau"
    button = next(h for h in parse(page_dir / "index.html").links if "nop-ho-so" in h)
    assert (page_dir / button / "index.html").resolve().is_file()


def test_the_form_page_carries_the_procedure_data_the_form_reads(built_site):
    page = parse(built_site / "nop-ho-so/giay-phep-mau/index.html")
    data = json.loads(page.data["procedure-data"])
    # Everything but the guidance the procedure's page shows (summary, steps, legal bases, ...).
    guidance = ("summary", "steps", "conditions", "legal_bases", "refusal_grounds", "unconfirmed")
    assert data == {key: value for key, value in ONLINE.items() if key not in guidance} | {
        "documents": [{key: value for key, value in d.items() if key != "problems"} for d in ONLINE["documents"]]}
    assert data["form"] == ONLINE["form"] and data["channels"] == ONLINE["channels"]
    assert any(src.endswith("assets/js/form.js") for src in page.loads)


def test_default_config_script_is_part_of_the_site(built_site):
    config = (built_site / "assets/js/config.js").read_text(encoding="utf-8")
    assert 'window.PORTAL_CONFIG = window.PORTAL_CONFIG || {apiBase: ""}' in config
    scripts = [s for s in parse(built_site / "nop-ho-so/giay-phep-mau/index.html").loads if s.endswith(".js")]
    ours = [s.rsplit("/", 1)[1] for s in scripts if "assets/js/" in s]
    # config first: the others read it; form.js after the parts it uses; then the header search
    # box's waking lines, on every page
    assert ours == ["config.js", "api.js", "field-rules.js", "copy.js", "form-draft.js", "form-review.js",
                    "form-confirmation.js", "form.js", "search-box.js"]


def test_officer_page_is_kept_out_of_search_engines_and_site_search(built_site):
    assert "noindex" in parse(built_site / "admin/index.html").meta.get("robots", "")
    # The header box searches the catalogue's index: the current procedures, nothing else.
    index = json.loads((built_site / "assets/data/catalogue-index.json").read_text(encoding="utf-8"))
    assert sorted(p["i"] for p in index["procedures"]) == ["chi-nop-truc-tiep", "chua-co-bieu-mau", "giay-phep-mau"]


def test_nothing_is_loaded_from_another_host(built_site):
    absolute = re.compile(r"^(https?:)?//", re.I)
    for html_file in built_site.rglob("*.html"):
        foreign = [u for u in parse(html_file).loads if absolute.match(u)]
        assert not foreign, (html_file, foreign)
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text, re.I), css
        assert "@import" not in text, css
    # An XML namespace name (the SVG one) is an identifier, never fetched.
    address = re.compile(r"https?://(?!www\.w3\.org/2000/svg\b)")
    for script in (built_site / "assets/js").glob("*.js"):
        assert not address.search(script.read_text(encoding="utf-8")), script


class _SearchForm(HTMLParser):
    """The header search box's form and its input."""

    def __init__(self):
        super().__init__()
        self.form: dict[str, str] = {}
        self.input: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "portal-search":
            self.form = a
        if tag == "input" and a.get("id") == "portal-search-input":
            self.input = a


def test_every_page_has_the_header_search_box_over_the_catalogue_index(built_site):
    # The theme's own search is off: no lunr index is built.
    assert not (built_site / "search").exists()
    for page in ("index.html", "thu-tuc/giay-phep-mau/index.html", "tra-cuu/index.html"):
        parser = _SearchForm()
        path = built_site / page
        parser.feed(path.read_text(encoding="utf-8"))
        form = parser.form
        # Without its script, a GET to the catalogue page with the words as ?tim=.
        assert form["method"] == "get" and parser.input["name"] == "tim", page
        assert (path.parent / form["action"]).resolve() == (built_site / "thu-tuc").resolve(), page
        assert (path.parent / form["data-index"]).resolve() == (built_site / "assets/data/catalogue-index.json").resolve()
        for script in form["data-scripts"].split():
            assert (path.parent / script).resolve().is_file(), (page, script)
        assert parser.input["role"] == "combobox" and parser.input["aria-controls"] == "portal-search-results"


def test_the_built_page_and_card_show_the_reissue_time_and_fee(built_site):
    page = (built_site / "thu-tuc/giay-phep-mau/index.html").read_text(encoding="utf-8")
    # (The notes that follow each mark are checked in test_site_unconfirmed.py.)
    page = re.sub(r'<span class="unconfirmed-note".*?</span>', "", page)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert "Cấp mới: 5 ngày làm việc đang cập nhật; cấp lại: 2 ngày làm việc đang cập nhật" in text
    assert "Cấp mới: 40.000 đ; cấp lại: 20.000 đ" in text
    index = json.loads((built_site / "assets/data/catalogue-index.json").read_text(encoding="utf-8"))
    card = next(p for p in index["procedures"] if p["i"] == "giay-phep-mau")
    assert card["fe"] == "40.000 đ (cấp lại: 20.000 đ)"
    assert card["tm"].endswith("(cấp lại: 2 ngày làm việc)")
