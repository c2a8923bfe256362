"""How long quotation extraction takes on a long article: ``python -m bench.extraction``.

Builds a 200,000-character article from the seed article (repeated, names varied so the cast
grows), once as normal paragraphs and once as a single paragraph, and times
``extract_quotations`` on each (best of three). The figures go in docs/extraction.md; no test
times anything.
"""

from __future__ import annotations

import time
from pathlib import Path

from quotations import extract_quotations

SEED = (
    Path(__file__).resolve().parents[1]
    / "tests"
    / "data"
    / "articles"
    / "bbc-huawei-ren-zhengfei.txt"
)
LENGTH = 200_000


def long_article() -> str:
    seed = SEED.read_text(encoding="utf-8")
    parts, size, copy = [], 0, 0
    while size < LENGTH:
        # A different founder in every copy, so the article names many people, as a long one
        # does, and different quotations (a repeated one would be returned once).
        part = seed.replace("Ren Zhengfei", f"Ren Zhengfei{copy}").replace(
            "Mr Ren", f"Mr Ren{copy}"
        )
        part = part.replace("\u201d", f" {copy}\u201d")
        parts.append(part)
        size += len(part) + 2
        copy += 1
    return "\n\n".join(parts)[:LENGTH]


def timed(text: str) -> tuple[float, float, int]:
    """Best of three: wall-clock seconds and CPU seconds (the CPU figure is the one to compare
    on a shared machine, where other processes stretch the wall clock)."""
    wall = cpu = float("inf")
    found = 0
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = len(extract_quotations(text, language="en"))
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, found


def main() -> None:
    paragraphs = long_article()
    one_paragraph = " ".join(paragraphs.split())
    for label, text in (("paragraphs", paragraphs), ("one paragraph", one_paragraph)):
        wall, cpu, found = timed(text)
        print(
            f"{label}: {len(text):,} characters, {found} quotations, "
            f"{wall:.2f} s wall clock, {cpu:.2f} s CPU"
        )


if __name__ == "__main__":
    main()
