"""The language of a text that arrives without one: a claim, an imported review, an article.

An explicit language always wins; this is only asked when none was given. The detector is
py3langid (langid.py's model, shipped inside the package: nothing is downloaded at run time).
"""

from __future__ import annotations

from functools import lru_cache

# Below this many letters a guess is not worth storing: "OK", "Yes!", a number.
MIN_LETTERS = 3


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language ("fr"), or None when it cannot be told."""
    if sum(character.isalpha() for character in text) < MIN_LETTERS:
        return None
    code, _probability = _identifier().classify(text)
    return code or None
