"""A citizen on a slow mobile connection (400 ms latency, 400 kbit/s down and up, Chrome's network
emulation) opens a procedure's online form on the real local stack, fills it, uploads a ~300 KB
photo of the application and submits: the confirmation shows the dossier code. The outcome only;
how long it takes is `python -m scripts.bench.slow_network`'s (docs/benchmarks.md)."""
import re
from urllib.parse import unquote

from scripts.bench import slow_network as slow


def test_a_citizen_on_a_slow_connection_submits_a_photo_and_gets_the_dossier_code(page, stack):
    jpeg = slow.photo(page)
    assert jpeg[:3] == b"\xff\xd8\xff" and 270_000 <= len(jpeg) <= 340_000, len(jpeg)
    slow.emulate_slow_network(page.context, page)

    slow.open_form(page, stack["url"])
    slow.fill_applicant_and_answers(page)
    slow.upload_photo(page, jpeg)
    code = slow.submit(page)

    assert re.fullmatch(r"[0-9A-Z.]+-\d{6}-\d{4}", code), code
    # The private link to follow the dossier names it.
    assert code in unquote(page.locator("#tracking-link").get_attribute("href"))
