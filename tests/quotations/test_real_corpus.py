"""The extractor on real published articles (tests/data/real_articles), labelled before any run.

The figures are in docs/extraction.md (``python -m tests.quotations.real_corpus``); these tests
hold the line: the development part as measured, the held-out part no worse than measured.
"""

from __future__ import annotations

import functools

import pytest

from .real_corpus import Article, Result, Score, evaluate, load_articles

ARTICLES = load_articles()


BY_NAME = {article.name: article for article in ARTICLES}


@functools.cache
def _result(name: str) -> Result:
    return evaluate(BY_NAME[name])


def result(article: Article) -> Result:
    """The extractor's reading of the article, scored (once per process: several tests read it)."""
    return _result(article.name)


def total(part: int) -> Score:
    score = Score(0, 0, 0)
    for article in ARTICLES:
        if article.held_out_part == part:
            score += result(article).score
    return score


def test_the_corpus_has_forty_articles_from_fifteen_outlets_and_a_held_out_part():
    assert len(ARTICLES) >= 40
    assert len({article.outlet.split(" (")[0] for article in ARTICLES}) >= 15
    assert sum(article.held_out for article in ARTICLES) >= 10
    assert {article.language for article in ARTICLES} >= {"en", "fr", "de", "es"}


HELD_OUT = 10  # session 12's fresh part; parts 1 to 9 are spent (development)


def test_the_held_out_part_has_three_articles_in_each_language():
    fresh = [article for article in ARTICLES if article.held_out_part == HELD_OUT]
    assert len(fresh) >= 12
    for language in ("en", "fr", "de", "es"):
        assert sum(article.language == language for article in fresh) >= 3, language


def test_only_the_fresh_part_is_held_out():
    # Parts 1 and 2 were printed twice, parts 3 to 9 once each and then studied: development
    # since sessions 5 to 12, marked "spent_held_out_part".
    assert {article.held_out_part for article in ARTICLES if article.held_out} == {HELD_OUT}


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.name)
def test_every_label_opens_a_quotation_in_the_excerpt(article):
    for label in article.labels:
        assert label.opening in article.excerpt


def test_no_fragment_or_headline_phrase_becomes_a_full_quotation():
    development = [article for article in ARTICLES if not article.held_out]
    wrong = [(article.name, result(article).wrong_claims) for article in development]
    assert [(name, openings) for name, openings in wrong if openings] == []


def test_the_held_out_part_is_no_worse_than_its_one_run():
    # Run once on 2026-12-01 at 11:18 UTC on 754c52c (docs/extraction.md): 20 of 39 right,
    # 25 predicted (precision 20/25), and 1 of its 6 fragment and headline phrases returned as
    # a full quotation. Counts only: which ones, and the misses, are never printed (reading
    # them would be tuning on the part).
    part = [article for article in ARTICLES if article.held_out_part == HELD_OUT]
    score = total(part=HELD_OUT)
    wrong = sum(len(result(article).wrong_claims) for article in part)
    assert score.correct >= 20 and score.correct * 25 >= 20 * score.predicted
    assert wrong <= 1, "more fragment or headline phrases became claims than at the one run"


def test_development_part_precision_and_recall():
    score = total(part=0)
    # Session 12, with the spent parts 1 to 9 among them: 579 of 648 right with 599 predicted
    # before its guard, 579 with 591 predicted after (docs/extraction.md, section 13). Session
    # 11 held 0.97 / 0.90 on 603 quotations without part 9, which read 0.47 / 0.68 at its one
    # run and pulls the whole recall to 0.894; no rule was written from it, so recall is held
    # at 0.89.
    assert score.precision >= 0.97
    assert score.recall >= 0.89
