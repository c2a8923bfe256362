"""Searching claims in their own language, and filtering them by language tag.

Each claim's stored search vector is built with PostgreSQL's text-search configuration for the
claim's language: the SQL function ``claims_search_config(language)`` (migration 0015) maps the
tag's primary subtag to one of the Snowball configurations PostgreSQL ships, and to ``simple``
(no stemming, no stop words) for every other language. A query is parsed with the
configuration of the language asked for; with no language, with that of every language
present in the archive, OR-ed, so a French claim is found by a French inflection and an
English claim by an English one.

The ``language`` parameter follows RFC 4647 basic filtering: ``fr`` matches ``fr`` and
``fr-FR`` (not ``fra``), case-insensitively; ``*`` matches every language; repeat it for OR.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q

# ISO 639-1 (and the 639-3 codes where a claim may carry them) -> PostgreSQL configuration.
# The same table is in the SQL function claims_search_config (migration 0015); a test holds
# them equal.
SEARCH_CONFIGS = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
FALLBACK_CONFIG = "simple"
# A language range of RFC 4647: "*" or subtags of 1-8 letters and digits joined by hyphens.
LANGUAGE_RANGE = re.compile(r"^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$")

# The configurations of the languages present: a loose index scan over claim_language_idx
# (one index probe per distinct language, whatever the number of claims), evaluated once per
# statement as an init plan.
PRESENT_CONFIGS_SQL = """(
    WITH RECURSIVE languages(language) AS (
        (SELECT language FROM claims_claim ORDER BY language LIMIT 1)
        UNION ALL
        SELECT (SELECT c.language FROM claims_claim AS c WHERE c.language > languages.language
                ORDER BY c.language LIMIT 1)
        FROM languages WHERE languages.language IS NOT NULL
    )
    SELECT coalesce(array_agg(DISTINCT claims_search_config(language)), '{}')
    FROM languages WHERE language IS NOT NULL
)"""


def search_config(language: str) -> str:
    """The PostgreSQL text-search configuration for a language tag ("pt-BR" -> portuguese)."""
    return SEARCH_CONFIGS.get(language.split("-", 1)[0].lower(), FALLBACK_CONFIG)


def language_ranges(values: Sequence[str]) -> list[str]:
    """Language ranges checked and lower-cased; ValidationError names a bad one."""
    ranges = []
    for value in values:
        value = value.strip()
        if not LANGUAGE_RANGE.match(value):
            raise ValidationError(
                f"{value[:40]!r} is not a language tag or range (e.g. fr, fr-CA or *)."
            )
        ranges.append(value.lower())
    return ranges


def language_q(ranges: Sequence[str], *, field: str = "language") -> Q:
    """Claims whose language tag matches any of the ranges (RFC 4647 basic filtering)."""
    if not ranges or "*" in ranges:
        return Q()
    condition = Q()
    for value in ranges:
        condition |= Q(**{f"{field}__iexact": value}) | Q(**{f"{field}__istartswith": f"{value}-"})
    return condition


def configs_for(ranges: Sequence[str] | None) -> list[str] | None:
    """The configurations to parse a query with; None for every language present."""
    if not ranges or "*" in ranges:
        return None
    return sorted({search_config(value) for value in ranges})


def tsquery_sql(function: str, configs: Sequence[str] | None) -> str:
    """SQL for a tsquery of the parameter %s parsed by ``function`` with each configuration,
    OR-ed; ``configs`` None: with those of every language present. Takes one parameter."""
    if configs is not None:
        # Names from SEARCH_CONFIGS only, never from the request: safe to inline.
        array = "ARRAY[" + ", ".join(f"'{name}'" for name in configs) + "]::regconfig[]"
    else:
        array = PRESENT_CONFIGS_SQL
    return tsquery_of(function, array)


def tsquery_of(function: str, configs_sql: str) -> str:
    """SQL for a tsquery of the parameter %s parsed by ``function`` with each configuration
    of the regconfig[] that ``configs_sql`` gives, OR-ed (NULL when none yields a term)."""
    return (
        "(SELECT string_agg(DISTINCT '(' || parsed::text || ')', ' | ')::tsquery "
        f"FROM (SELECT {function}(config, %s) AS parsed FROM unnest({configs_sql}) AS config) "
        "AS p "
        "WHERE numnode(parsed) > 0)"
    )


def parsed_query(text: str, configs: Sequence[str] | None, *, using: str) -> str | None:
    """``text`` parsed by ``websearch_to_tsquery`` with each configuration (``configs``; None:
    those of every language present), OR-ed, as tsquery text; None when none yields a term.

    A search runs this first, in a query of its own, and then carries the result as a
    constant: the planner can only read a term's frequency from the statistics when it sees
    the term. Parsed inside the search's own statement, every term looked rare, and a word in
    most claims fetched all its matches to keep the newest (1.4 s at a million claims) where
    walking the newest claims stops after the window (21 ms)."""
    # Prepared (claimtracker/postgresql): its plan does not depend on the text.
    with connections[using].prepared_cursor() as cursor:
        cursor.execute(f"SELECT {tsquery_sql('websearch_to_tsquery', configs)}::text", [text])
        return cursor.fetchone()[0]


class ClaimSearchQuery(SearchQuery):
    """A web-search query parsed beforehand (``parsed_query``), written as a constant."""

    def __init__(self, value: str, *, configs: Sequence[str] | None, using: str) -> None:
        self.text = value
        self.configs = None if configs is None else list(configs)
        self.parsed = parsed_query(value, self.configs, using=using)
        super().__init__(value, search_type="websearch")

    def as_sql(self, compiler, connection, **extra_context):
        return "%s::tsquery", [self.parsed]
