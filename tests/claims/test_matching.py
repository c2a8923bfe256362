"""Claim matching (claims/matching.py): quality on a labelled set, and the two scoring modes.

The labelled set is tests/data/matching/: 42 archived claims (the demo's among them) and 65
texts a fact-checker might paste, each naming the claim it restates or none. See
docs/matching.md for what the figures mean and what they were on each server.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from claims import matching
from claims.matching import claim_matches, trigrams_available
from claims.models import Claim
from tests.factories import SpeakerFactory, published_claim

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data" / "matching"

# Below this, a text's best match is taken as "not checked yet". Chosen for recall: a
# fact-checker reads the matches, so a false match costs a glance, a missed one a duplicate check.
THRESHOLD = 0.3

# The figures measured on the labelled set (docs/matching.md), each guard allowing about one
# query more to fail, so a change to the scoring that makes matching worse fails here. Keyed by
# whether pg_trgm is installed (the score then also counts trigram similarity).
GUARDS = {
    False: {"precision_at_1": 0.86, "recall_at_10": 0.95, "found": 0.77, "rejected": 0.45},
    True: {"precision_at_1": 0.88, "recall_at_10": 0.95, "found": 0.80, "rejected": 0.45},
}


@dataclass(frozen=True)
class Evaluation:
    """How matching did on the labelled set: shares between 0 and 1, and a printable report."""

    # Paraphrases whose best match is the claim they restate.
    precision_at_1: float
    # Paraphrases whose claim is among the (at most ten) matches.
    recall_at_10: float
    # Paraphrases whose best match is their claim, scoring at least THRESHOLD.
    found: float
    # Different claims whose best match stays below THRESHOLD (1 - the false-match rate).
    rejected: float
    report: str


def load_corpus() -> dict[str, Claim]:
    """The archived claims of the labelled set, published, by key."""
    corpus = json.loads((DATA / "corpus.json").read_text(encoding="utf-8"))["claims"]
    speakers = {name: SpeakerFactory(name=name) for name in {item["speaker"] for item in corpus}}
    return {
        item["key"]: published_claim(
            text=item["text"],
            claim_reviewed=item["claim_reviewed"],
            speaker=speakers[item["speaker"]],
        )
        for item in corpus
    }


def evaluate() -> Evaluation:
    """Run every query of the labelled set through claim_matches and score the answers."""
    keys = {claim.pk: key for key, claim in load_corpus().items()}
    queries = json.loads((DATA / "queries.json").read_text(encoding="utf-8"))["queries"]
    first, in_top_10, scored_first, best_of_different, misses = 0, 0, [], [], []
    for query in queries:
        ranked = [(keys[m.claim.pk], m.score) for m in claim_matches(text=query["text"], user=None)]
        best_key, best_score = ranked[0] if ranked else ("-", 0.0)
        expected = query["expected"]
        if expected is None:
            best_of_different.append(best_score)
            if best_score >= THRESHOLD:
                misses.append(f"  {query['text']!r}: {best_key} {best_score}, want none")
            continue
        first += best_key == expected
        in_top_10 += expected in dict(ranked)
        scored_first.append(best_score if best_key == expected else 0.0)
        if best_key != expected or best_score < THRESHOLD:
            wanted = dict(ranked).get(expected, "-")
            misses.append(f"  {query['text']!r}: {best_key} {best_score}, want {expected} {wanted}")

    paraphrases, different = len(scored_first), len(best_of_different)

    def found_at(threshold: float) -> int:
        return sum(score >= threshold for score in scored_first)

    def rejected_at(threshold: float) -> int:
        return sum(score < threshold for score in best_of_different)

    report = [
        f"claim matching, trigrams={trigrams_available()}: "
        f"precision@1 {first}/{paraphrases}, recall@10 {in_top_10}/{paraphrases}",
        *(
            f"  threshold {threshold}: {found_at(threshold)}/{paraphrases} paraphrases found "
            f"first, {different - rejected_at(threshold)}/{different} different claims matched"
            for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
        ),
        f"misses at threshold {THRESHOLD}:",
        *misses,
    ]
    return Evaluation(
        precision_at_1=first / paraphrases,
        recall_at_10=in_top_10 / paraphrases,
        found=found_at(THRESHOLD) / paraphrases,
        rejected=rejected_at(THRESHOLD) / different,
        report="\n".join(report),
    )


def test_matching_quality_on_the_labelled_set_stays_at_the_measured_figures():
    evaluation = evaluate()
    print("\n" + evaluation.report)
    guards = GUARDS[trigrams_available()]
    assert evaluation.precision_at_1 >= guards["precision_at_1"], evaluation.report
    assert evaluation.recall_at_10 >= guards["recall_at_10"], evaluation.report
    assert evaluation.found >= guards["found"], evaluation.report
    assert evaluation.rejected >= guards["rejected"], evaluation.report


def test_a_misspelt_text_still_finds_the_claim_with_trigrams(demo):
    if not trigrams_available():
        pytest.skip("pg_trgm is not installed in this database (see migration 0009)")
    matches = claim_matches(text="no law requires backdorrs", user=None)
    assert matches[0].claim.text.startswith("No law in China requires")
    # The lexemes alone share law and requir: 2 * 2 / (3 + 7); the trigrams forgive "backdorrs".
    assert matches[0].score > 0.4


def test_without_trigrams_the_score_is_the_dice_coefficient_of_lexemes(demo, monkeypatch):
    monkeypatch.setattr(matching, "trigrams_available", lambda: False)
    matches = claim_matches(text="no law requires backdoors", user=None)
    # {law, requir, backdoor} against the claim's seven: law, china, requir, compani, instal,
    # mandatori, backdoor (text and short claim together); 2 * 3 / (3 + 7).
    assert matches[0].claim.text.startswith("No law in China requires")
    assert matches[0].score == 0.6


def test_common_words_do_not_pick_candidates_but_rare_ones_do():
    """Once statistics show a word in most claims, it no longer drags them all in."""
    from django.db import connection

    from claims.matching import claim_matches

    target = published_claim(text="No law in China requires any company to install backdoors")
    for number in range(80):
        published_claim(text=f"The government announced budget line {number} today")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    matches = claim_matches(text="government law backdoors", user=None)
    assert [match.claim for match in matches] == [target]
    # With no rare word left, the common ones still find something.
    assert claim_matches(text="government announced", user=None)


def test_on_a_small_archive_after_analyze_a_paraphrase_with_a_new_word_finds_its_claim():
    """42 claims: any word is in more than 2% of them, and "forc" in none (issue 16)."""
    from django.db import connection

    corpus = load_corpus()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    backdoors = next(c for c in corpus.values() if "backdoors" in c.text)
    for text in ("China has no law forcing backdoors", "law backdoors China company"):
        matches = claim_matches(text=text, user=None)
        assert matches and matches[0].claim == backdoors, text


def test_the_search_index_keeps_its_pending_list_small(db):
    # A match searches the index once per pair of words, and every one of those searches also
    # reads every edit in GIN's pending list; PostgreSQL's default lets it grow to 4 MB.
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'claim_search_vector_gin'")
        assert "gin_pending_list_limit=256" in cursor.fetchone()[0]
