"""Precision and recall on real published articles (tests/data/real_articles), labelled by hand
before the extractor was run on them.

``python -m tests.quotations.real_corpus`` prints the development part's tables (by language,
style and failure class; ``-v`` adds its misses). ``--held-out`` adds the held-out part's
aggregate tables, never its errors; docs/extraction.md records every such run. Parts 1 and 2
(held out in sessions 3 and 4), part 3 (session 5, run once), part 4 (session 6, run once),
part 5 (session 7, run once), part 6 (session 8, run once), part 7 (session 9, run once),
part 8 (session 10, run once) and part 9 (session 11, run once) are development articles now
(``spent_held_out_part``); part 10 is session 12's fresh held-out part.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from quotations import FULL, extract_quotations

from .scoring import Score, normalise

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "real_articles"
NOT_CLAIMS = ("fragment", "headline")


@dataclass
class Label:
    """One labelled quotation: who (accepted names, or none), how it opens, and its kind."""

    speakers: list[str]
    opening: str
    kind: str
    speaker_kind: str = "person"


@dataclass
class Article:
    """A corpus entry: where it was published and what a reader finds in its excerpt."""

    name: str
    url: str
    outlet: str
    language: str
    style: str
    held_out: bool
    excerpt: str
    labels: list[Label] = field(default_factory=list)
    held_out_part: int = 0  # 0: development; 10: held out in session 12 (1 to 9 are spent)


def load_articles() -> list[Article]:
    articles = []
    for path in sorted(ARTICLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        labels = []
        for item in data["quotations"]:
            speaker = item["speaker"]
            speakers = [name for name in speaker if name] if isinstance(speaker, list) else speaker
            speakers = [speakers] if isinstance(speakers, str) else (speakers or [])
            labels.append(
                Label(speakers, item["opening"], item["kind"], item.get("speaker_kind", "person"))
            )
        articles.append(
            Article(
                path.stem,
                data["url"],
                data["outlet"],
                data["language"],
                data["style"],
                data["held_out"],
                data["excerpt"],
                labels,
                data.get("held_out_part", 1) if data["held_out"] else 0,
            )
        )
    return articles


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", normalise(text).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return text.replace("’", "'").replace("‘", "'")  # noqa: RUF001


def opens_with(quoted: str, opening: str) -> bool:
    return _fold(quoted).startswith(_fold(opening))


def same_speaker(predicted: str, accepted: list[str]) -> bool:
    """The same name, or one a word-final part of the other ("Merkel", "Angela Merkel")."""
    predicted = _fold(predicted)
    for name in accepted:
        name = _fold(name)
        if predicted == name or predicted.endswith(" " + name) or name.endswith(" " + predicted):
            return True
    return False


@dataclass
class Result:
    """An article's score on attributed full quotations, and the non-claims that became claims."""

    score: Score
    wrong_claims: list[str]  # fragments or headline phrases returned as full quotations
    misses: list[str]
    false: list[str]
    found: list[Label] = field(default_factory=list)  # gold labels found right
    gold: list[Label] = field(default_factory=list)


def evaluate(article: Article, language: str | None = None) -> Result:
    quotations = extract_quotations(article.excerpt, language=language or article.language)
    gold = [label for label in article.labels if label.kind == FULL and label.speakers]
    predicted = [q for q in quotations if q.kind == FULL and q.speaker]
    remaining = list(gold)
    correct, false, found = 0, [], []
    for quotation in predicted:
        match = next(
            (
                label
                for label in remaining
                if opens_with(quotation.text, label.opening)
                and same_speaker(quotation.speaker, label.speakers)
            ),
            None,
        )
        if match is None:
            # A quotation labelled as unattributed (or not labelled) but given a speaker.
            false.append(f"{quotation.speaker}: {quotation.text[:60]}")
            continue
        remaining.remove(match)
        found.append(match)
        correct += 1
    # A headline phrase also quoted in full in the body may be returned as that full quotation.
    full_openings = {_fold(label.opening) for label in article.labels if label.kind == FULL}
    not_claims = [
        label
        for label in article.labels
        if label.kind in NOT_CLAIMS and _fold(label.opening) not in full_openings
    ]
    full_texts = [q.text for q in quotations if q.kind == FULL]
    wrong_claims = [
        label.opening
        for label in not_claims
        if any(_fold(text) == _fold(label.opening) for text in full_texts)
    ]
    misses = [f"{label.speakers[0]}: {label.opening}" for label in remaining]
    score = Score(correct, len(predicted), len(gold))
    return Result(score, wrong_claims, misses, false, found, gold)


def label_classes(article: Article, label: Label) -> list[str]:
    """The issue-17 failure classes a labelled quotation belongs to, for recall by class."""
    classes = []
    if label.speaker_kind == "organisation":
        classes.append("organisation speaker")
    if any(len(name.split()) == 1 for name in label.speakers):
        classes.append("surname or title only")
    if article.style == "Q&A interview":
        classes.append("Q&A layout")
    if article.style in ("press release", "speech report"):
        classes.append(article.style)
    if article.language != "en":
        classes.append(f"{article.language}: quote marks and attribution")
    return classes


def table(title: str, rows: dict[str, Score]) -> list[str]:
    lines = [
        f"| {title} | Expected | Predicted | Correct | Precision | Recall |",
        "|---|---|---|---|---|---|",
    ]
    for key, score in rows.items():
        lines.append(
            f"| {key} | {score.expected} | {score.predicted} | {score.correct} | "
            f"{score.precision:.2f} | {score.recall:.2f} |"
        )
    return lines


def report(parts: tuple[int, ...], *, verbose: bool = False) -> list[str]:
    """The tables for the articles of the given parts (0: development; 10: held out)."""
    by_language: dict[str, Score] = defaultdict(lambda: Score(0, 0, 0))
    by_style: dict[str, Score] = defaultdict(lambda: Score(0, 0, 0))
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # found, expected
    total = Score(0, 0, 0)
    wrong_claims: list[str] = []
    details = []
    for article in load_articles():
        if article.held_out_part not in parts:
            continue
        result = evaluate(article)
        by_language[article.language] += result.score
        by_style[article.style] += result.score
        total += result.score
        for label in result.gold:
            for name in label_classes(article, label):
                by_class[name][0] += label in result.found
                by_class[name][1] += 1
        wrong_claims += [f"{article.name}: {opening}" for opening in result.wrong_claims]
        if verbose and (result.misses or result.false or result.wrong_claims):
            details.append(f"- {article.name}: missed {result.misses}; wrong {result.false}")
    by_language["**all**"] = total
    lines = [*table("Language", dict(by_language)), "", *table("Style", dict(by_style)), ""]
    lines += ["| Class (recall) | Found | Expected | Recall |", "|---|---|---|---|"]
    for name, (found, expected) in sorted(by_class.items()):
        lines.append(f"| {name} | {found} | {expected} | {found / expected:.2f} |")
    lines.append("")
    lines.append(f"Fragments or headline phrases returned as full quotations: {len(wrong_claims)}")
    if verbose:  # development only: which phrase, and the misses
        lines += [f"- {item}" for item in wrong_claims] + details
    return lines


def main() -> None:
    """Print the development part (``-v``: its misses and wrong speakers).

    ``--held-out`` adds the aggregate tables of the held-out part, never its errors (reading
    them would be tuning on them). Record every such run in docs/extraction.md.
    """
    import sys

    verbose = "-v" in sys.argv
    print("### Development part\n")
    print("\n".join(report((0,), verbose=verbose)))
    print()
    if "--held-out" not in sys.argv:
        return
    print("### Held-out part 10 (session 12)\n")
    print("\n".join(report((10,))))
    print()


if __name__ == "__main__":
    main()
