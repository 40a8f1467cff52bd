"""Build the static site: `python -m scripts.build_site [--site-dir DIR] [--catalogue FILE]`.

Runs `mkdocs build --strict` with this virtualenv's Python, so a broken link, a missing page or
any other warning fails the build. The generated pages come from the compiled catalogue
(build/catalogue.json by default; run `python -m scripts.build_catalogue` first). The built site
contains the default assets/js/config.js (same-origin API); the local gateway serves its own at
that path and a deployment overwrites it.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CATALOGUE = ROOT / "build" / "catalogue.json"


class SiteBuildError(RuntimeError):
    pass


def build_site(site_dir: str | Path | None = None, catalogue: str | Path | None = None) -> Path:
    """Build the site into `site_dir` (default: mkdocs.yml's build/site) and return that path."""
    catalogue_path = Path(catalogue or DEFAULT_CATALOGUE).resolve()
    if not catalogue_path.exists():
        raise SiteBuildError(
            f"{catalogue_path} is missing: compile the catalogue first with "
            "`.venv/bin/python -m scripts.build_catalogue`."
        )
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(ROOT / "mkdocs.yml")]
    target = Path(site_dir).resolve() if site_dir else ROOT / "build" / "site"
    if site_dir:
        command += ["--site-dir", str(target)]
    # NO_MKDOCS_2_WARNING silences the generator's maintenance banner, which is not a build warning.
    env = dict(os.environ, PORTAL_CATALOGUE=str(catalogue_path), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SiteBuildError(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", help="where to write the site (default: build/site)")
    parser.add_argument("--catalogue", help="compiled catalogue to read (default: build/catalogue.json)")
    args = parser.parse_args(argv)
    try:
        target = build_site(args.site_dir, args.catalogue)
    except SiteBuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"site built in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
