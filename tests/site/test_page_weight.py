"""What a phone downloads on a first visit stays within 100 KB gzipped, for every page type of
the real catalogue (scripts/bench/weight.py measures it; `make bench-weight` compares it with a
bare mkdocs-material page in docs/benchmarks.md). Sizes are deterministic; times are not tested."""
import json

import pytest

from scripts.bench import weight
from scripts.build_site import build_site


@pytest.fixture(scope="module")
def weighed_site(tmp_path_factory):
    from scripts.build_catalogue import DEFAULT_CONTENT_DIR, build

    work = tmp_path_factory.mktemp("weighed-site")
    catalogue = work / "catalogue.json"
    catalogue.write_text(json.dumps(weight.with_archived_version(build(DEFAULT_CONTENT_DIR)), ensure_ascii=False),
                         encoding="utf-8")
    site = build_site(site_dir=work / "out", catalogue=catalogue)
    with weight.serve(site) as url:
        yield site, url


@pytest.mark.parametrize("page_type", weight.PAGE_TYPES, ids=lambda t: t.key)
def test_a_first_visit_downloads_at_most_100_kb_gzipped(browser, weighed_site, page_type):
    site, url = weighed_site
    path = weight.page_paths(site)[page_type.key]
    files = weight.first_visit(browser, url, path, page_type.ready)

    # The page itself and the theme were counted: the measurement saw the visit.
    kinds = {f["kind"] for f in files}
    assert {"HTML", "theme JS", "theme CSS"} <= kinds, files
    size = weight.total(files)
    heaviest = sorted(files, key=lambda f: -f["gzip"])[:5]
    assert size <= weight.LIMIT_BYTES, f"/{path}: {size} bytes gzipped; largest: {heaviest}"


def test_the_desk_fetches_its_signed_in_scripts_only_after_sign_in(browser, weighed_site):
    url = weighed_site[1]
    loaded = {f["path"].rsplit("/", 1)[1] for f in weight.first_visit(browser, url, "admin/", "#signin-form")}
    assert "admin.js" in loaded
    assert not {"admin-queue.js", "admin-dossier.js", "admin-intake.js", "admin-print.js"} & loaded
