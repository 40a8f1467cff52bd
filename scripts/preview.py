"""Look at a built site on this computer: the one `make site` built, or the "site-preview"
file downloaded from a pull request's checks on GitHub (CONTRIBUTING.md, "Xem trước").

    python -m scripts.preview                      # build/site
    python -m scripts.preview ~/Downloads/site-preview.zip
    python -m scripts.preview ~/Downloads/site-preview/

Serves on http://127.0.0.1:8000/ only (never on the network). Pages with /thu-tuc/<id>/ links
need a server rather than double-clicking index.html, because the site uses directory URLs.
Submitting a form needs the API too: use `make run` for that.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import sys
import tempfile
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SITE = ROOT / "build" / "site"


def site_root(source: Path, scratch: Path) -> Path:
    """The folder holding index.html: `source` itself, or what a zip holds, unpacked in `scratch`."""
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            archive.extractall(scratch)
        source = scratch
    if (source / "index.html").is_file():
        return source
    inner = sorted(p.parent for p in source.glob("*/index.html"))
    if len(inner) == 1:  # unzipped into a folder of its own
        return inner[0]
    raise SystemExit(f"Không thấy index.html trong {source}: chọn thư mục hoặc tệp .zip của bản xem trước.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Xem trước trang đã dựng trên máy này.")
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SITE, help="thư mục trang hoặc tệp .zip")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"Không có {args.source}. Chạy `make site` trước, hoặc chỉ ra tệp site-preview.zip đã tải về.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        root = site_root(args.source.resolve(), Path(scratch))
        handler = functools.partial(SimpleHTTPRequestHandler, directory=str(root))
        with ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
            print(f"Mở http://127.0.0.1:{args.port}/ trong trình duyệt. Nhấn Ctrl+C để dừng.")
            with contextlib.suppress(KeyboardInterrupt):
                server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
