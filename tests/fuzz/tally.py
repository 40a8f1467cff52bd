"""How the generated requests were answered: route → status → count (printed after the run)."""
STATS: dict[str, dict[int, int]] = {}


def record(route: str, status: int) -> None:
    counts = STATS.setdefault(route, {})
    counts[status] = counts.get(status, 0) + 1
