"""What the extraction tests read off extract_quotations, one way each."""

from __future__ import annotations

from quotations import FULL, extract_quotations


def attributed(text, language=None):
    """Each quotation's text, speaker and kind."""
    return [(q.text, q.speaker, q.kind) for q in extract_quotations(text, language=language)]


def speaker_kinds(text, language=None):
    """Each quotation's speaker and the speaker's kind (person, organisation...)."""
    return [(q.speaker, q.speaker_kind) for q in extract_quotations(text, language=language)]


def speakers(text, language=None):
    """Each quotation's speaker and the start of its text."""
    return [(q.speaker, q.text[:20]) for q in extract_quotations(text, language=language)]


def full_quotation_speakers(text, language=None):
    """As ``speakers``, for full quotations only (no fragments or reported speech)."""
    return [
        (q.speaker, q.text[:20])
        for q in extract_quotations(text, language=language)
        if q.kind == FULL
    ]
