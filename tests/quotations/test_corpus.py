"""The extractor over the annotated articles in tests/data/articles, seed article included."""

from __future__ import annotations

import pytest

from quotations import FULL, extract_quotations

from .scoring import Score, article_names, load, score

SEED = "bbc-huawei-ren-zhengfei"
REN_FULL_QUOTATIONS = [
    "I love my country. I support the Communist Party. But I will not do anything to harm the "
    "world.",
    "I personally would never harm the interest of my customers and me and my company would not "
    "answer to such requests",
    "No law in China requires any company to install mandatory backdoors",
    "He dares to massively cut tax, which will benefit… business",
    "The message to the US I want to communicate is, ‘Collaboration and shared success’",  # noqa: RUF001
    "You can’t work with everyone",  # noqa: RUF001
    "We’ll shift our focus to better serve countries that welcome Huawei.",  # noqa: RUF001
]


def test_seed_article_gives_ren_zhengfei_his_seven_full_quotations():
    text, _ = load(SEED)
    full = [q for q in extract_quotations(text) if q.kind == FULL]
    assert [(q.text, q.speaker) for q in full] == [
        (quotation, "Ren Zhengfei") for quotation in REN_FULL_QUOTATIONS
    ]


def test_seed_article_fragments_are_attributed_to_ren_zhengfei():
    text, _ = load(SEED)
    fragments = {q.text: q.speaker for q in extract_quotations(text) if q.kind != FULL}
    assert fragments["very much"] == "Ren Zhengfei"
    assert fragments["improper information"] == "Ren Zhengfei"
    assert fragments["great president"] == "Ren Zhengfei"


def test_corpus_precision_and_recall_on_attributed_full_quotations():
    total = Score(0, 0, 0)
    for name in article_names():
        total += score(name)
    # 69 of 70 right on the whole corpus when this was written (docs/extraction.md).
    assert total.expected >= 70
    assert total.precision >= 0.98
    assert total.recall >= 0.98


@pytest.mark.parametrize("name", article_names())
def test_offsets_point_at_the_quoted_words(name):
    text, _ = load(name)
    for quotation in extract_quotations(text):
        quoted = text[quotation.start : quotation.end]
        if "\n" in quoted:
            assert " ".join(quoted.split()).startswith(quotation.text.split(" ")[0])
            assert quoted.endswith(quotation.text.split(" ")[-1])
        else:
            assert quoted == quotation.text


@pytest.mark.parametrize("name", article_names())
def test_every_annotated_quotation_is_found(name):
    text, expected = load(name)
    found = {" ".join(q.text.split()) for q in extract_quotations(text)}
    assert {" ".join(item["text"].split()) for item in expected} <= found
