"""The made-up vocabulary of generated claims and the terms and filters the scenarios use."""

from __future__ import annotations

from functools import cache

VOCABULARY_SIZE = 20_000
CONSONANTS = "bdfgkmnprtvz"
VOWELS = "aiou"
# Final vowels that no English stemming rule strips, so that every word is its own lexeme.
FINAL_VOWELS = "aou"


SYLLABLES = [c + v for c in CONSONANTS for v in VOWELS]
FINALS = [c + v for c in CONSONANTS for v in FINAL_VOWELS]


@cache
def vocabulary() -> list[str]:
    """20,000 distinct three-syllable words; index 0 is rank 1, the most frequent.

    bench.generate spells the same words in SQL from the index's digits.
    """
    words = []
    for index in range(VOCABULARY_SIZE):
        first, rest = divmod(index, len(SYLLABLES) * len(FINALS))
        second, third = divmod(rest, len(FINALS))
        words.append(SYLLABLES[first % len(SYLLABLES)] + SYLLABLES[second] + FINALS[third])
    return words


def word(rank: int) -> str:
    """The word of Zipf rank ``rank`` (1 = most frequent)."""
    return vocabulary()[rank - 1]


# Rank 5 is in about 3 claims in 4; rank 10,000 in about 1 claim in 1,250.
COMMON_TERM_RANK = 5
RARE_TERM_RANK = 10_000


def common_term() -> str:
    return word(COMMON_TERM_RANK)


def rare_term() -> str:
    return word(RARE_TERM_RANK)
