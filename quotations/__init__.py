"""Quotation extraction: who said what, found in an article's plain text or HTML.

``extract_quotations`` finds the quotations in an article's text, tells full quotations from
fragments and resolves each to its speaker; ``html_to_text`` turns a fetched page into that
text; ``known_aliases`` lists the other names the article gave each speaker. Pure Python, no
model, no network, nothing of the database: see docs/extraction.md for the rules and limits.
"""

from __future__ import annotations

from .extract import extract_quotations, known_aliases
from .html import html_to_text
from .quotes import FRAGMENT, FULL, Quotation

__all__ = ["FRAGMENT", "FULL", "Quotation", "extract_quotations", "html_to_text", "known_aliases"]
