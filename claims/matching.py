"""Claim matching: "has this been checked?" — the existing claims closest to a text.

PostgreSQL does the work, in one query:

1. Candidates: claims whose stored search vector shares stemmed, stop-word-free words
   (lexemes) with the text, through the GIN index; the 200 best by ``ts_rank`` go on. The
   text is stemmed in the language asked for, or in every language present (each claim's
   vector is in its own language: claims/search.py).
   Words found in more than 2% of claims, and in more than 50 claims (per PostgreSQL's own
   statistics on the column), do not pick candidates, or one common word would make every
   claim a candidate; they still count in the score. The floor matters on a small archive,
   where one claim is already over 2%. When the rarer words find nothing (a text made only of
   common words, or whose other words no claim contains), all its words pick candidates.
   Claims sharing at least two of those words come first: a restatement of a checked claim
   shares most of its words, and requiring two keeps the candidates to hundreds in a
   million-claim archive where any one word would bring tens of thousands. Only when that
   finds fewer than 200 do claims sharing a single word join, at most 5,000 of them.
2. Score, between 0 and 1: the Dice coefficient of the two sets of lexemes (the text stemmed
   in the claim's language), counting only the claim's own words (its text and short claim,
   not its context):
   ``2 * |shared| / (|text's lexemes| + |claim's lexemes|)``. 1 means the same words after
   stemming ("requires backdoors" and "required backdoor" agree), 0 nothing in common.
3. Where the pg_trgm extension is installed, the score is the better of that coefficient and
   the trigram similarity of the raw strings, which forgives misspellings and word order.
   Without it (the embedded development server), the score is the coefficient alone.

Scores depend only on the two texts (not on the rest of the archive), so a threshold means
the same thing tomorrow as today.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from claims.models import Claim
from claims.search import PRESENT_CONFIGS_SQL, configs_for
from claims.selectors import claims_for_list, user_sees_unpublished

MAX_RESULTS = 10
CANDIDATES = 200
# At most this many claims are read and ranked from each way of finding candidates.
CANDIDATE_POOL = 5000
# Pairs are formed from at most this many of the text's words (28 pairs).
PAIRED_WORDS = 8
# Words in more than this share of claims do not pick candidates (they still count in scores).
COMMON_SHARE = 0.02
# ...and in more than this many claims: below it, any word is cheap to probe with.
COMMON_MIN_CLAIMS = 50
MAX_TEXT_LENGTH = 1_000

_trigrams_available: bool | None = None


def trigrams_available() -> bool:
    """Whether pg_trgm is installed in this database (asked once per process)."""
    global _trigrams_available
    if _trigrams_available is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigrams_available = cursor.fetchone() is not None
    return _trigrams_available


@dataclass(frozen=True)
class Match:
    """An existing claim and how close it is to the text, from 0 to 1."""

    claim: Claim
    score: float


def _sql(
    *,
    trigrams: bool,
    statuses: list[str] | None,
    language: bool,
    speaker: bool,
    configs: list[str] | None,
) -> str:
    filters = []
    if statuses is not None:
        # Not through the status index: with most claims published, the planner (which cannot
        # tell how many claims the pairs below find) would AND in that index's whole bitmap.
        filters.append("(c.status || '') = ANY(%(statuses)s)")
    if language:
        # RFC 4647 basic filtering; the ranges are checked tags (no LIKE wildcards).
        filters.append(
            "(lower(c.language) = ANY(%(languages)s) "
            "OR lower(c.language) LIKE ANY(%(language_prefixes)s))"
        )
    if speaker:
        filters.append("c.speaker_id = (SELECT id FROM claims_speaker WHERE slug = %(speaker)s)")
    where = "".join(f" AND {condition}" for condition in filters)
    if configs is None:
        config_array = PRESENT_CONFIGS_SQL
    else:
        # Names from claims.search.SEARCH_CONFIGS, never from the request.
        config_array = "ARRAY[" + ", ".join(f"'{name}'" for name in configs) + "]::regconfig[]"
    # Shared lexemes: the claim's minus those left once the text's are deleted from its vector
    # (ts_delete, in C; both hold distinct lexemes), rather than a subquery per candidate
    # unnesting the two as arrays.
    dice = (
        "coalesce(2.0 * (length(cand.vector)"
        " - length(ts_delete(cand.vector, stemmed.text_lexemes)))"
        " / nullif(cardinality(stemmed.text_lexemes) + length(cand.vector), 0), 0)"
    )
    score = f"GREATEST({dice}, similarity(cand.words, %(text)s))" if trigrams else dice
    return f"""
        WITH common AS (
            -- Lexemes in more than COMMON_SHARE of the claims, by the planner statistics:
            -- they would bring in most of the archive as candidates and tell nothing apart.
            SELECT stats.lexeme
            FROM pg_stats,
                 unnest(most_common_elems::text::text[], most_common_elem_freqs)
                     AS stats(lexeme, share)
            WHERE schemaname = current_schema() AND tablename = 'claims_claim'
              AND attname = 'search_vector' AND stats.lexeme IS NOT NULL
              AND stats.share > {COMMON_SHARE}
              -- A floor: on a small archive every word is over the share.
              AND stats.share * (
                  SELECT greatest(reltuples, 0) FROM pg_class
                  WHERE oid = 'claims_claim'::regclass
              ) > {COMMON_MIN_CLAIMS}
        ),
        words AS MATERIALIZED (
            -- The text's lexemes in each language searched, together. MATERIALIZED: computed
            -- once, not again wherever the lexemes are used below.
            SELECT ARRAY(
                SELECT DISTINCT lexeme
                FROM unnest({config_array}) AS config,
                     unnest(tsvector_to_array(to_tsvector(config, %(text)s))) AS lexeme
                ORDER BY lexeme
            ) AS lexemes
        ),
        probes AS MATERIALIZED (
            SELECT lexemes,
                   -- The rarer words find the candidates; all words score them. A text of
                   -- common words only falls back to all of them.
                   coalesce(
                       nullif(ARRAY(
                           SELECT lexeme FROM unnest(lexemes) AS lexeme
                           WHERE lexeme NOT IN (SELECT lexeme FROM common)
                       ), '{{}}'),
                       lexemes
                   ) AS probe
            FROM words
            WHERE cardinality(lexemes) > 0
        ),
        q AS (
            SELECT lexemes,
                   to_tsquery('simple', array_to_string(
                       ARRAY(SELECT quote_literal(lexeme) FROM unnest(probe) AS lexeme), ' | '
                   )) AS query,
                   to_tsquery('simple', array_to_string(
                       ARRAY(SELECT quote_literal(lexeme) FROM unnest(lexemes) AS lexeme), ' | '
                   )) AS all_words,
                   -- Any two of the words, one query per pair: a & b, a & c, ...; one word
                   -- alone if only one. As an array, the index is searched once per pair and
                   -- the hits combined (a BitmapOr); one query "(a & b) | (a & c) | ..." had
                   -- the index read every word's whole list and test each claim against every
                   -- pair: 47 against 14 ms for 15 pairs of a million-claim archive.
                   coalesce(nullif(ARRAY(
                       SELECT to_tsquery('simple', quote_literal(a) || ' & ' || quote_literal(b))
                       FROM unnest(probe[1:{PAIRED_WORDS}]) WITH ORDINALITY AS x(a, i),
                            unnest(probe[1:{PAIRED_WORDS}]) WITH ORDINALITY AS y(b, j)
                       WHERE i < j
                   ), '{{}}'), ARRAY[to_tsquery('simple', quote_literal(probe[1]))]) AS pairs
            FROM probes
        ),
        -- Each way of finding candidates ranks what it reads, while it has the row: ranking
        -- them later read every candidate's row again (up to 5,000, for 200 kept).
        pair_hits AS (
            SELECT c.id, ts_rank(c.search_vector, q.query) AS rank FROM claims_claim AS c, q
            WHERE c.search_vector @@ ANY(q.pairs){where}
            LIMIT {CANDIDATE_POOL}
        ),
        word_hits AS (
            SELECT c.id, ts_rank(c.search_vector, q.query) AS rank FROM claims_claim AS c, q
            WHERE (SELECT count(*) FROM pair_hits) < {CANDIDATES}
              AND c.search_vector @@ q.query{where}
            LIMIT {CANDIDATE_POOL}
        ),
        -- The rarer words found nothing (no claim has them): every word picks candidates.
        fallback_hits AS (
            SELECT c.id, ts_rank(c.search_vector, q.query) AS rank FROM claims_claim AS c, q
            WHERE NOT EXISTS (SELECT FROM pair_hits) AND NOT EXISTS (SELECT FROM word_hits)
              AND q.all_words IS DISTINCT FROM q.query
              AND c.search_vector @@ q.all_words{where}
            LIMIT {CANDIDATE_POOL}
        ),
        best AS MATERIALIZED (
            -- A claim found two ways has the same rank both times (the same vector and query).
            SELECT id, max(rank) AS rank
            FROM (
                SELECT id, rank FROM pair_hits UNION ALL SELECT id, rank FROM word_hits
                UNION ALL SELECT id, rank FROM fallback_hits
            ) AS hits
            GROUP BY id
            ORDER BY rank DESC, id DESC
            LIMIT {CANDIDATES}
        ),
        cand AS MATERIALIZED (
            SELECT c.id,
                   claims_search_config(c.language)::oid AS config,
                   ts_filter(c.search_vector, '{{a}}') AS vector,
                   coalesce(nullif(c.claim_reviewed, ''), c.text) AS words
            FROM best JOIN claims_claim AS c ON c.id = best.id
        ),
        stemmed AS MATERIALIZED (
            -- The text stemmed once in each candidate's language, not once per candidate
            -- (200 stemmings of the same text).
            SELECT config, tsvector_to_array(to_tsvector(config::regconfig, %(text)s))
                       AS text_lexemes
            FROM (SELECT DISTINCT config FROM cand) AS configs
        ),
        scored AS MATERIALIZED (
            -- Rounded here, so that a score a client read back as min_score keeps that claim.
            -- MATERIALIZED: each score is computed once, not again for the filter below.
            SELECT cand.id, round(({score})::numeric, 4)::float AS score
            FROM cand JOIN stemmed USING (config)
        )
        SELECT id, score FROM scored
        WHERE score >= %(min_score)s
        ORDER BY score DESC, id DESC
        LIMIT %(limit)s
    """


def claim_matches(*, user, **criteria) -> list[Match]:
    """The claims ``user`` may see that are most similar to a text, best first; ``criteria``
    are ``match_scores``' (text, min_score, languages, speaker, limit)."""
    return matches_for_scores(match_scores(user=user, **criteria), user=user)


def match_scores(
    *,
    text: str,
    user,
    min_score: float = 0.0,
    languages: list[str] | None = None,
    speaker: str | None = None,
    limit: int = MAX_RESULTS,
) -> dict[int, float]:
    """The ids of the claims ``user`` may see that are most similar to ``text``, and their
    scores, best first (as ``claim_matches``, without loading the claims). ``languages``
    are checked, lower-cased language ranges (claims.search.language_ranges)."""
    statuses = None if user_sees_unpublished(user) else [Claim.Status.PUBLISHED]
    trigrams = trigrams_available()
    ranges = [] if not languages or "*" in languages else list(languages)
    sql = _sql(
        trigrams=trigrams,
        statuses=statuses,
        language=bool(ranges),
        speaker=bool(speaker),
        configs=configs_for(ranges),
    )
    params = {
        "text": text[:MAX_TEXT_LENGTH],
        "statuses": statuses,
        "languages": ranges,
        "language_prefixes": [f"{value}-%" for value in ranges],
        "speaker": speaker,
        "min_score": min_score,
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def matches_for_scores(scores: dict[int, float], *, user) -> list[Match]:
    """The claims ``match_scores`` found, loaded for the list serializer, best first."""
    if not scores:
        return []
    claims: QuerySet[Claim] = claims_for_list(user).filter(pk__in=scores)
    ranked = sorted(claims, key=lambda claim: (-scores[claim.pk], -claim.pk))
    return [Match(claim=claim, score=scores[claim.pk]) for claim in ranked]
