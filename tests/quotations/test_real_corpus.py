"""The extractor on real published articles (tests/data/real_articles), labelled before any run.

The figures are in docs/extraction.md (``python -m tests.quotations.real_corpus``); these tests
hold the line: the development part as measured, the held-out part no worse than measured.
"""

from __future__ import annotations

import pytest

from .real_corpus import Score, evaluate, load_articles

ARTICLES = load_articles()


def total(held_out: bool) -> Score:
    score = Score(0, 0, 0)
    for article in ARTICLES:
        if article.held_out == held_out:
            score += evaluate(article).score
    return score


def test_the_corpus_has_forty_articles_from_fifteen_outlets_and_a_held_out_part():
    assert len(ARTICLES) >= 40
    assert len({article.outlet.split(" (")[0] for article in ARTICLES}) >= 15
    assert sum(article.held_out for article in ARTICLES) >= 10
    assert {article.language for article in ARTICLES} >= {"en", "fr", "de", "es"}


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.name)
def test_every_label_opens_a_quotation_in_the_excerpt(article):
    for label in article.labels:
        assert label.opening in article.excerpt


def test_no_fragment_or_headline_phrase_becomes_a_full_quotation():
    wrong = [(article.name, evaluate(article).wrong_claims) for article in ARTICLES]
    assert [(name, openings) for name, openings in wrong if openings] == []


def test_development_part_precision_and_recall():
    score = total(held_out=False)
    # 105 of 107 right, none wrong, when this was written (docs/extraction.md).
    assert score.precision >= 0.98
    assert score.recall >= 0.95


def test_held_out_part_is_no_worse_than_measured():
    score = total(held_out=True)
    # 21 of 38 right, 33 predicted, when this was written: below the target, see
    # docs/extraction.md. A change that lowers it must say why.
    assert score.correct >= 21
    assert score.precision >= 0.6
