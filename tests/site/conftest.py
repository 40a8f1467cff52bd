"""One site build per session, from the sample catalogue, into a temporary directory."""
import json

import pytest

from scripts.build_site import build_site
from site_sample_catalogue import sample_catalogue


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("site")
    catalogue = work / "catalogue.json"
    catalogue.write_text(json.dumps(sample_catalogue(), ensure_ascii=False), encoding="utf-8")
    return build_site(site_dir=work / "out", catalogue=catalogue)
