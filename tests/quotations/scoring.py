# ruff: noqa: RUF001
"""Precision and recall of the extractor on the annotated articles in tests/data/articles.

Run ``python -m tests.quotations.scoring`` for the per-article table in
docs/extraction.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from quotations import FULL, extract_quotations

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
EDGE_PUNCTUATION = " \t\n.,;:!?…\"'“”‘’—–-"


def normalise(text: str) -> str:
    """Whitespace collapsed and punctuation trimmed at the edges, for comparing quotations."""
    return " ".join(text.split()).strip(EDGE_PUNCTUATION)


@dataclass(frozen=True)
class Score:
    """Counts over attributed full quotations: right, predicted, expected."""

    correct: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.correct + other.correct,
            self.predicted + other.predicted,
            self.expected + other.expected,
        )


def article_names() -> list[str]:
    return sorted(path.stem for path in ARTICLES.glob("*.txt"))


def load(name: str) -> tuple[str, list[dict]]:
    """The article's text and its expected quotations."""
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    annotations = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))
    return text, annotations["quotations"]


def attributed_full(pairs) -> list[tuple[str, str]]:
    return [(normalise(text), speaker) for text, speaker, kind in pairs if kind == FULL and speaker]


def score(name: str) -> Score:
    """Score one article: a prediction is right when its text and its speaker both match."""
    text, expected = load(name)
    predicted = attributed_full(
        (quotation.text, quotation.speaker, quotation.kind)
        for quotation in extract_quotations(text)
    )
    gold = attributed_full((item["text"], item["speaker"], item["kind"]) for item in expected)
    remaining = list(gold)
    correct = 0
    for pair in predicted:
        if pair in remaining:
            remaining.remove(pair)
            correct += 1
    return Score(correct, len(predicted), len(gold))


def exact_agreement(name: str) -> tuple[int, int]:
    """Quotations of every kind whose text, speaker and kind all match, out of those expected."""
    text, expected = load(name)
    predicted = [
        (normalise(quotation.text), quotation.speaker, quotation.kind)
        for quotation in extract_quotations(text)
    ]
    matched = sum(
        (normalise(item["text"]), item["speaker"], item["kind"]) in predicted for item in expected
    )
    return matched, len(expected)


def main() -> None:
    total = Score(0, 0, 0)
    print("| Article | Expected | Predicted | Correct | Precision | Recall | All quotations |")
    print("|---|---|---|---|---|---|---|")
    for name in article_names():
        result = score(name)
        matched, expected = exact_agreement(name)
        total += result
        print(
            f"| {name} | {result.expected} | {result.predicted} | {result.correct} | "
            f"{result.precision:.2f} | {result.recall:.2f} | {matched}/{expected} |"
        )
    print(
        f"| **all** | {total.expected} | {total.predicted} | {total.correct} | "
        f"{total.precision:.3f} | {total.recall:.3f} | |"
    )


if __name__ == "__main__":
    main()
