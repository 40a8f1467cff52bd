"""docs/benchmarks.md is written by several benchmarks, each owning one `## ` section."""
from __future__ import annotations

from pathlib import Path


def write_section(out: Path, heading: str, section: str) -> None:
    """Replace the section that starts with the line `heading` (up to the next `## ` heading)
    in `out`, or append it; the other sections stay as they are."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    lines = text.splitlines()
    try:
        start = lines.index(heading)
    except ValueError:
        out.write_text(text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n", encoding="utf-8")
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    rest = "\n".join(lines[end:])
    out.write_text("\n".join(lines[:start]) + "\n" + section.rstrip("\n") + "\n" + ("\n" + rest + "\n" if rest else ""),
                   encoding="utf-8")
