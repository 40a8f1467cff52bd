"""The preview helper finds the site in what an editor downloads from a pull request."""
import zipfile

import pytest

from scripts.preview import site_root


def test_the_downloaded_zip_is_unpacked_and_its_index_found(tmp_path):
    download = tmp_path / "site-preview.zip"
    with zipfile.ZipFile(download, "w") as archive:
        archive.writestr("index.html", "<h1>Cổng</h1>")
        archive.writestr("thu-tuc/nuoi-trong-long-be/index.html", "<h1>Nuôi</h1>")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    root = site_root(download, scratch)
    assert (root / "thu-tuc/nuoi-trong-long-be/index.html").read_text(encoding="utf-8") == "<h1>Nuôi</h1>"


def test_a_folder_unzipped_one_level_down_is_found(tmp_path):
    (tmp_path / "site-preview").mkdir()
    (tmp_path / "site-preview" / "index.html").write_text("x", encoding="utf-8")
    assert site_root(tmp_path, tmp_path / "unused") == tmp_path / "site-preview"


def test_a_folder_without_a_site_is_explained(tmp_path):
    with pytest.raises(SystemExit) as stopped:
        site_root(tmp_path, tmp_path)
    assert "Không thấy index.html" in str(stopped.value)
