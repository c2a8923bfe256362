"""Build a benchmark database of N realistic claims with set-based SQL (generate_series).

    python -m bench.generate --claims 100000

The data follow the shape of a real archive:

- speakers ≈ N/200 and 300 topics; about 2 topics and 3 appearances per claim, the
  appearances drawn from a shared pool of sources (≈ N sources, 200 publishers);
- 80% of claims published, each with a rated verdict and 1-3 pieces of evidence; the rest
  spread over the other workflow states;
- ratings skewed as fact-checks are (mostly false and misleading, few true);
- ten years of statement dates, publication a few days later;
- 40 to 120 words of text drawn from a Zipf-like vocabulary of 20,000 made-up words, so that
  rank 1 appears in most claims and rank 20,000 in a handful: both common and rare search terms
  exist (``bench.data.common_term`` / ``rare_term``).

Each size lives in its own database, ``claimtracker_bench_<N>``, on the server the project
uses (DATABASE_URL or the embedded PostgreSQL), migrated like the real one. A database that
already holds N generated claims is reused; ``--force`` rebuilds it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

import psycopg

from bench import data
from bench.databases import bench_database_url, create_database, project_root

VOCABULARY_SIZE = data.VOCABULARY_SIZE
TOPICS = 300
PUBLISHERS = 200
# Share of each rating among published verdicts (real fact-check archives lean false).
RATING_WEIGHTS = [
    ("false", 0.34),
    ("mostly-false", 0.20),
    ("misleading", 0.16),
    ("half-true", 0.14),
    ("mostly-true", 0.09),
    ("true", 0.05),
    ("unverifiable", 0.02),
]

# Tables the generator fills, children first (for TRUNCATE and index rebuilds).
TABLES = [
    "claims_evidence",
    "claims_verdict",
    "claims_appearance",
    "claims_claim_topics",
    "claims_claim",
    "sources_source",
    "sources_publisher",
    "claims_speaker",
    "claims_topic",
]


def _spelled(index_sql: str) -> str:
    """SQL spelling the vocabulary word at 0-based ``index_sql``, as bench.data does."""
    syllables = ", ".join(f"'{syllable}'" for syllable in data.SYLLABLES)
    finals = ", ".join(f"'{syllable}'" for syllable in data.FINALS)
    per_first = len(data.SYLLABLES) * len(data.FINALS)
    return (
        f"(ARRAY[{syllables}])[1 + ({index_sql}) / {per_first} % {len(data.SYLLABLES)}]"
        f" || (ARRAY[{syllables}])[1 + ({index_sql}) % {per_first} / {len(data.FINALS)}]"
        f" || (ARRAY[{finals}])[1 + ({index_sql}) % {len(data.FINALS)}]"
    )


def _steps(claims: int) -> list[tuple[str, str]]:
    """The SQL of each step, with a label for the log."""
    speakers = max(claims // 200, 10)
    sources = max(claims, 100)
    ten_years = 3652
    rating_cases = []
    cumulative = 0.0
    for slug, weight in RATING_WEIGHTS:
        cumulative += weight
        rating_cases.append(f"WHEN r < {cumulative:.4f} THEN '{slug}'")
    rating_case = "CASE " + " ".join(rating_cases) + " ELSE 'false' END"
    return [
        (
            f"{TOPICS} topics, {speakers} speakers, {PUBLISHERS} publishers",
            f"""
            INSERT INTO claims_topic (id, name, slug, description)
            SELECT g, 'Topic ' || g, 'topic-' || g, '' FROM generate_series(1, {TOPICS}) g;
            INSERT INTO claims_speaker (id, name, slug, role, affiliation, country, same_as,
                                        verified, created_at, updated_at)
            SELECT g, 'Speaker ' || g, 'speaker-' || g, 'Politician', 'Party ' || (g % 12),
                   '', '{{}}', true, now(), now()
            FROM generate_series(1, {speakers}) g;
            INSERT INTO sources_publisher (id, name, slug, url, created_at, updated_at)
            SELECT g, 'Publisher ' || g, 'publisher-' || g,
                   'https://publisher' || g || '.example.com/', now(), now()
            FROM generate_series(1, {PUBLISHERS}) g;
            """,
        ),
        (
            f"{sources} sources",
            f"""
            INSERT INTO sources_source (id, url, normalized_url, title, publisher_id, author,
                                        published_on, kind, archived_url, notes,
                                        created_at, updated_at)
            SELECT g,
                   'https://publisher' || (g % {PUBLISHERS} + 1) || '.example.com/news/' || g,
                   'https://publisher' || (g % {PUBLISHERS} + 1) || '.example.com/news/' || g,
                   'Report number ' || g, g % {PUBLISHERS} + 1, '',
                   date '2016-11-28' + (g::bigint * 7919 % {ten_years})::int,
                   'news_article', '', '', now(), now()
            FROM generate_series(1, {sources}) g;
            """,
        ),
        (
            f"{claims} claims",
            f"""
            INSERT INTO claims_claim (id, text, claim_reviewed, speaker_id, stated_on, context,
                                      language, status, published_at, created_at, updated_at,
                                      version)
            SELECT g, body.text, left(body.text, 70), 1 + (g::bigint * 7907) % {speakers},
                   stated.day, 'Said in an interview.', 'en',
                   CASE WHEN s < 0.80 THEN 'published' WHEN s < 0.86 THEN 'draft'
                        WHEN s < 0.91 THEN 'in_review' WHEN s < 0.94 THEN 'changes_requested'
                        WHEN s < 0.97 THEN 'rejected' ELSE 'retracted' END,
                   CASE WHEN s < 0.80 OR s >= 0.97
                        THEN stated.day + make_interval(days => 1 + (g % 9), secs => g % 86400)
                   END,
                   now(), now(), 1
            FROM generate_series(1, {claims}) g
            -- WHERE g > 0 ties each draw to its row, so random() runs once per claim.
            CROSS JOIN LATERAL (
                SELECT random() AS s,
                       date '2016-11-18' + floor(random() * {ten_years})::int AS day,
                       40 + floor(random() * 81)::int AS words
                WHERE g > 0
            ) AS stated
            -- Word ranks drawn log-uniformly: P(rank r) ~ 1/r, Zipf's law with s = 1. The word
            -- of a rank is spelled from its digits, as bench.data.vocabulary() does.
            CROSS JOIN LATERAL (
                SELECT string_agg({_spelled("drawn.rank - 1")}, ' ') AS text
                FROM generate_series(1, stated.words) AS word(n)
                CROSS JOIN LATERAL (
                    SELECT floor(exp(random() * ln({VOCABULARY_SIZE})))::int AS rank
                    WHERE word.n > 0
                ) AS drawn
                WHERE g > 0
            ) AS body;
            """,
        ),
        (
            "topics of claims",
            f"""
            INSERT INTO claims_claim_topics (claim_id, topic_id)
            SELECT DISTINCT c.id, floor(exp(random() * ln({TOPICS})))::int
            FROM claims_claim c, generate_series(1, 1 + (c.id % 3)) k;
            """,
        ),
        (
            "appearances",
            # Inserted in list order, so a claim's appearances come out the same whether
            # ordered by (first, id) or by (first, source date, id).
            f"""
            INSERT INTO claims_appearance (id, claim_id, source_id, is_first, note)
            SELECT row_number() OVER (ORDER BY claim_id, k <> 1, published_on, source_id),
                   claim_id, source_id, k = 1, ''
            FROM (
                SELECT DISTINCT ON (c.id, src.source_id) c.id AS claim_id, src.source_id,
                       k, s.published_on
                FROM claims_claim c
                CROSS JOIN LATERAL generate_series(1, 1 + (c.id % 5)) k
                CROSS JOIN LATERAL (
                    SELECT 1 + ((c.id * 31 + k * 104729) % {sources}) AS source_id
                ) src
                JOIN sources_source s ON s.id = src.source_id
                ORDER BY c.id, src.source_id, k
            ) picked;
            """,
        ),
        (
            "verdicts",
            f"""
            INSERT INTO claims_verdict (claim_id, rating_id, summary, analysis, published_at,
                                        version, created_at, updated_at)
            SELECT c.id, rating.id,
                   'The record does not support this: ' || left(c.text, 60) || '.',
                   'We checked the public record. ' || c.text,
                   c.published_at, 1, now(), now()
            FROM claims_claim c
            CROSS JOIN LATERAL (SELECT random() AS r WHERE c.id > 0) pick
            JOIN claims_rating rating ON rating.slug = ({rating_case})
            WHERE c.status IN ('published', 'retracted', 'in_review');
            """,
        ),
        (
            "evidence",
            f"""
            INSERT INTO claims_evidence (id, verdict_id, source_id, stance, note)
            SELECT row_number() OVER (ORDER BY v.id, k), v.id,
                   1 + ((v.id * 17 + k * 7919) % {sources}),
                   (ARRAY['contradicts', 'supports', 'context'])[1 + (v.id + k) % 3],
                   'What the source says.'
            FROM claims_verdict v, generate_series(1, 1 + (v.id % 3)) k;
            """,
        ),
    ]


def _reset_sequences(cursor: psycopg.Cursor) -> None:
    for table in TABLES:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


def generated_size(url: str) -> int | None:
    """The number of claims generated into the database at ``url``, if it was generated."""
    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            row = connection.execute("SELECT claims FROM bench_generated WHERE complete").fetchone()
    except psycopg.Error:
        return None
    return row[0] if row else None


def migrate(url: str) -> None:
    """Apply the project's migrations to the database at ``url``."""
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=project_root(),
        env=environment,
        check=True,
    )


def generate(claims: int, *, force: bool = False, log=print) -> str:
    """Make sure ``claimtracker_bench_<claims>`` holds the generated data; return its URL."""
    url = bench_database_url(claims)
    if not force and generated_size(url) == claims:
        log(
            f"{claims} claims: reusing {url.rsplit('/', 1)[-1]} (migrating it to the code's schema)"
        )
        migrate(url)
        return url
    create_database(url)
    migrate(url)
    started = time.monotonic()
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        # Bulk load: skip the audit triggers and the per-row constraint triggers (the data are
        # consistent by construction); drop secondary indexes and build them once at the end.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET work_mem = '256MB'")
        # A memoized LATERAL would reuse one draw of random words for every claim of equal length.
        cursor.execute("SET enable_memoize = off")
        cursor.execute("DROP TABLE IF EXISTS bench_generated")
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")
        cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename = ANY(%s) AND indexname NOT IN (
                SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))
            """,
            [TABLES],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SELECT setseed(0.42)")
        for label, sql in _steps(claims):
            step_started = time.monotonic()
            cursor.execute(sql)
            log(f"  {label}: {time.monotonic() - step_started:.1f} s")
        # The last public change of a generated claim is its publication (ClaimReview
        # dateModified, the DataFeed's dateModified).
        cursor.execute("UPDATE claims_claim SET modified_at = published_at")
        _reset_sequences(cursor)
        step_started = time.monotonic()
        for _, definition in indexes:
            cursor.execute(definition)
        log(f"  {len(indexes)} indexes: {time.monotonic() - step_started:.1f} s")
        cursor.execute(
            "CREATE TABLE bench_generated (claims integer, complete boolean, at timestamptz)"
        )
        cursor.execute("INSERT INTO bench_generated VALUES (%s, true, now())", [claims])
    with psycopg.connect(url, autocommit=True) as connection:
        step_started = time.monotonic()
        connection.execute("VACUUM ANALYZE")
        log(f"  vacuum analyze: {time.monotonic() - step_started:.1f} s")
    log(f"{claims} claims generated in {time.monotonic() - started:.0f} s")
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, action="append", required=True)
    parser.add_argument("--force", action="store_true", help="rebuild even if present")
    arguments = parser.parse_args(argv)
    for claims in arguments.claims:
        generate(claims, force=arguments.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
