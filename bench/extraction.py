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

SEED = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles" / "bbc-huawei-ren-zhengfei.txt"
LENGTH = 200_000


def long_article() -> str:
    seed = SEED.read_text(encoding="utf-8")
    parts, size, copy = [], 0, 0
    while size < LENGTH:
        # A different founder in every copy, so the article names many people, as a long one does.
        part = seed.replace("Ren Zhengfei", f"Ren Zhengfei{copy}").replace("Mr Ren", f"Mr Ren{copy}")
        parts.append(part)
        size += len(part) + 2
        copy += 1
    return "\n\n".join(parts)[:LENGTH]


def timed(text: str) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(3):
        start = time.perf_counter()
        found = len(extract_quotations(text, language="en"))
        best = min(best, time.perf_counter() - start)
    return best, found


def main() -> None:
    paragraphs = long_article()
    one_paragraph = " ".join(paragraphs.split())
    for label, text in (("paragraphs", paragraphs), ("one paragraph", one_paragraph)):
        seconds, found = timed(text)
        print(f"{label}: {len(text):,} characters, {found} quotations, {seconds:.2f} s")


if __name__ == "__main__":
    main()
