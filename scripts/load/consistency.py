"""After the load: nothing lost, nothing doubled, every dossier with exactly its events."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from scripts.load.client import TIMEOUT, attempt, session
from scripts.load.phases import OFFICER_RETRY, Submitted


def check(url: str, token: str, submitted: list[Submitted], received: list[Submitted], concurrency: int,
          table_items: Callable[[], list[dict]] | None = None) -> dict:
    """Through the officer API: each accepted submission's code finds exactly its dossier, and
    the dossier's events are `submit` (then `receive` if it was received), once each. With
    `table_items` (the stack this run started), the table holds exactly these dossiers and codes."""
    headers = {"Authorization": f"Bearer {token}"}
    received_ids = {d.dossier_id for d in received}
    problems: list[str] = []

    def get(path: str, query: dict | None = None) -> dict | None:
        outcome = attempt(lambda: session().get(url + path, params=query, headers=headers, timeout=TIMEOUT), OFFICER_RETRY)
        return outcome.body if outcome.status == 200 else None

    def one(dossier: Submitted) -> list[str]:
        found = get("/api/officer/search", {"q": dossier.code})
        if found is None:
            return [f"{dossier.code}: the search did not answer"]
        ids = [item["dossier_id"] for item in found["items"] if item.get("code") == dossier.code]
        wrong = [] if ids == [dossier.dossier_id] else [f"{dossier.code}: the search finds {ids}, not [{dossier.dossier_id}]"]
        detail = get(f"/api/officer/dossiers/{dossier.dossier_id}")
        if detail is None:
            return [*wrong, f"{dossier.code}: the dossier did not open"]
        expected = ["submit", "receive"] if dossier.dossier_id in received_ids else ["submit"]
        actions = [event["action"] for event in detail["events"]]
        if actions != expected:
            wrong.append(f"{dossier.code}: events {actions}, expected {expected}")
        return wrong

    with ThreadPoolExecutor(concurrency) as pool:
        for found in pool.map(one, submitted):
            problems.extend(found)
    ids, codes = Counter(d.dossier_id for d in submitted), Counter(d.code for d in submitted)
    problems += [f"dossier {i} answered {n} times" for i, n in ids.items() if n > 1]
    problems += [f"code {c} given {n} times" for c, n in codes.items() if n > 1]
    table = None
    if table_items is not None:
        items = table_items()
        metas = Counter(i["PK"].removeprefix("DOSSIER#") for i in items if i["SK"] == "META" and i["PK"].startswith("DOSSIER#"))
        code_items = Counter(i["PK"].removeprefix("CODE#") for i in items if i["PK"].startswith("CODE#"))
        table = {"dossiers": sum(metas.values()), "codes": sum(code_items.values())}
        if set(metas) != set(ids):
            problems.append(f"the table holds {len(metas)} dossiers, {len(set(metas) - set(ids))} not answered "
                            f"by a 201, {len(set(ids) - set(metas))} answered but missing")
        if set(code_items) != set(codes):
            problems.append(f"the table holds {len(code_items)} codes for {len(codes)} answered")
    return {"checked": len(submitted), "received": len(received_ids), "table": table, "problems": problems}
