"""A citizen on a slow mobile connection submits an online form with a photo of a document.

    .venv/bin/python -m scripts.bench.slow_network [--out docs/benchmarks.md]

The network is Chrome's emulation (DevTools Protocol `Network.emulateNetworkConditions`): 400 ms
latency, 400 kbit/s down and up. The citizen opens the cage-farming registration's online form
(nop-ho-so/nuoi-trong-long-be/), fills it, uploads a photo of the application (a ~300 KB JPEG,
drawn by the browser itself), submits and gets the dossier code. tests/e2e/test_slow_network_browser.py
walks the same steps and checks the outcome only; this script starts its own local stack
(infra.local.run, 127.0.0.1), walks them once on an unthrottled connection (the baseline, same
process) and once throttled, and writes the time of each phase to the "Slow network" section of
docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import sys
import time
from pathlib import Path

from scripts.bench.weight import gzip_size

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
SECTION = "## Slow network"
PROCEDURE = "nuoi-trong-long-be"
LATENCY_MS = 400
KBIT_PER_S = 400
PHOTO_TARGET_BYTES = 300 * 1024
SLOW_TIMEOUT_MS = 120_000  # waits, not assertions: a slow connection must still get there

# A photo-like JPEG from the browser's own encoder: seeded noise over gradients, so it does not
# compress to nothing, scaled until the file is about the target size.
PHOTO_JS = """
([width, height, quality]) => {
  const canvas = document.createElement("canvas");
  canvas.width = width; canvas.height = height;
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(width, height);
  let seed = 2026;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < image.data.length; i += 4) {
    const x = (i / 4) % width, y = Math.floor(i / 4 / width);
    image.data[i] = (x * 255 / width + next() * 60) | 0;
    image.data[i + 1] = (y * 255 / height + next() * 60) | 0;
    image.data[i + 2] = (128 + next() * 90) | 0;
    image.data[i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL("image/jpeg", quality).split(",")[1];
}
"""


def photo(page, target: int = PHOTO_TARGET_BYTES) -> bytes:
    """A JPEG of about `target` bytes (within 10 %), encoded by the page's browser."""
    width = 640
    for _ in range(8):
        data = base64.b64decode(page.evaluate(PHOTO_JS, [width, width * 3 // 4, 0.8]))
        if abs(len(data) - target) <= target // 10:
            return data
        width = max(64, int(width * (target / len(data)) ** 0.5))
    return data


def emulate_slow_network(context, page) -> None:
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    throughput = KBIT_PER_S * 1000 / 8  # bytes per second
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS,
        "downloadThroughput": throughput, "uploadThroughput": throughput,
    })


def _continue(page) -> None:
    page.get_by_role("button", name="Tiếp tục").click()


def open_form(page, url: str) -> None:
    page.goto(f"{url}/nop-ho-so/{PROCEDURE}/", timeout=SLOW_TIMEOUT_MS)
    page.get_by_label("Cá nhân").wait_for(timeout=SLOW_TIMEOUT_MS)


def fill_applicant_and_answers(page) -> None:
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn Lộc")
    page.get_by_label("Số căn cước công dân (CCCD)").fill("051090004321")
    page.get_by_label("Số điện thoại").fill("0905123789")
    page.locator("#f-applicant-address-commune").fill("Xã Bình Sơn")
    _continue(page)
    page.locator("#f-answers-loai_giay-cap-moi").check()
    page.locator("#f-answers-dia_diem_nuoi-commune").fill("Xã Bình Châu")
    page.get_by_label("Đối tượng nuôi (loài thủy sản)").fill("Cá bớp")
    page.get_by_label("Số lượng lồng").fill("8")
    page.get_by_label("Tổng thể tích lồng nuôi").fill("320")
    _continue(page)


def upload_photo(page, jpeg: bytes) -> None:
    page.locator("#f-documents-don-de-nghi").set_input_files(
        files=[{"name": "don-dang-ky.jpg", "mimeType": "image/jpeg", "buffer": jpeg}])
    page.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don-dang-ky.jpg").wait_for(
        timeout=SLOW_TIMEOUT_MS)
    _continue(page)


def submit(page) -> str:
    page.locator("#f-consent").check()
    page.locator("#submit-dossier").click()
    page.locator("#dossier-code").wait_for(timeout=SLOW_TIMEOUT_MS)
    return page.locator("#dossier-code").inner_text()


def journey(browser, url: str, slow: bool) -> dict:
    """The whole visit in a fresh context (empty cache) at 360×740; the time of each phase."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto("about:blank")
        jpeg = photo(page)
        if slow:
            emulate_slow_network(context, page)
        times = {}
        responses: list = []

        def record(response) -> None:
            responses.append(response)

        page.on("response", record)
        start = time.perf_counter()
        open_form(page, url)
        times["form_shown"] = time.perf_counter() - start
        page.remove_listener("response", record)
        bodies = [r.body() for r in responses if r.url.startswith(url) and not 300 <= r.status < 400]
        form_bytes = {"raw": sum(len(b) for b in bodies), "gzip": sum(gzip_size(b) for b in bodies)}
        fill_applicant_and_answers(page)
        mark = time.perf_counter()
        upload_photo(page, jpeg)
        times["upload"] = time.perf_counter() - mark
        mark = time.perf_counter()
        code = submit(page)
        times["submit"] = time.perf_counter() - mark
        times["total"] = time.perf_counter() - start
        return {"code": code, "photo_bytes": len(jpeg), "times": times, "form_bytes": form_bytes}
    finally:
        context.close()


def render(run: dict) -> str:
    fast, slow = run["fast"], run["slow"]

    def seconds(value: float) -> str:
        return f"{value:.1f}"

    rows = [("Form shown (step 1)", "form_shown"), ("Photo uploaded (from choosing the file)", "upload"),
            ("Submitted, code shown", "submit"), ("Whole visit (typing included)", "total")]
    lines = [
        SECTION, "",
        f"Measured {run['date']} with `python -m scripts.bench.slow_network`: a local stack of its own "
        f"(127.0.0.1), headless Chromium {run['chromium']} at 360×740 with an empty cache, the citizen "
        f"opening `nop-ho-so/{PROCEDURE}/`, filling it, uploading a {fast['photo_bytes'] // 1024} KB JPEG "
        "photo of the application and submitting. Slow: Chrome's network emulation, "
        f"{LATENCY_MS} ms latency, {KBIT_PER_S} kbit/s down and up; baseline: the same visit unthrottled, "
        "in the same process, both after one unmeasured visit (the functions' cold start is not in either). "
        "Playwright types at machine speed, so the whole visit is the network's "
        "and the stack's time, not a person's. tests/e2e/test_slow_network_browser.py checks the outcome "
        "(the code is shown), never the time.",
        "",
        "| phase | slow (s) | unthrottled (s) | ratio |",
        "|---|--:|--:|--:|",
    ]
    sent = slow["form_bytes"]
    lines[2] += (f" Until the form was shown the page fetched {sent['raw'] // 1024} KB of files, "
                 f"{sent['gzip'] // 1024} KB gzipped as the local gateway sends them, like CloudFront "
                 "(template.yaml `Compress: true`).")
    for label, key in rows:
        ratio = slow["times"][key] / fast["times"][key] if fast["times"][key] else float("nan")
        lines.append(f"| {label} | {seconds(slow['times'][key])} | {seconds(fast['times'][key])} | {ratio:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from infra.local.run import start_stack
    from scripts.bench import browser as web
    from scripts.bench.sections import write_section

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    # The functions' workers inherit this environment: no log line or metric printed per request.
    os.environ.update(POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")
    stack = start_stack()
    try:
        with web.chromium() as browser:
            journey(browser, stack.url, slow=False)  # warms the functions up
            fast = journey(browser, stack.url, slow=False)
            slow = journey(browser, stack.url, slow=True)
            run = {"date": dt.datetime.now().astimezone().strftime("%d/%m/%Y %H:%M"), "chromium": browser.version,
                   "fast": fast, "slow": slow}
    finally:
        stack.stop()
    section = render(run)
    print(section)
    write_section(args.out, SECTION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
