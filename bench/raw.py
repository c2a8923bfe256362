"""The raw baseline, the physical limit: each page from one hand-written SQL query.

A minimal WSGI application with no framework: psycopg runs one query per request on a
connection kept per worker, and orjson writes the same JSON the real API returns for

- GET /api/v1/claims/                 (page, page_size, speaker, topic, rating,
                                       published_after, published_before, q)
- GET /api/v1/claims/<id>/

It knows nothing of permissions, validation, content negotiation or errors beyond what the
benchmark needs: it is what the hardware, PostgreSQL and JSON encoding allow, the ceiling
the real endpoints are measured against.

    gunicorn bench.raw:application   (DATABASE_URL names the benchmark database)
"""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import orjson
import psycopg

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SEARCH_WINDOW = 1000
EXACT_COUNT_LIMIT = 10_000

_connection: psycopg.Connection | None = None
# Slug -> id of speakers, topics and ratings, read once per worker: filters then compare the
# foreign keys with the ids themselves, so the planner uses each id's statistics.
_slug_ids: dict[str, dict[str, int]] = {}


def _cursor() -> psycopg.Cursor:
    global _connection
    if _connection is None or _connection.closed:
        # No server-side prepared statements, as Django: every query is planned for its values.
        _connection = psycopg.connect(
            os.environ["DATABASE_URL"], autocommit=True, prepare_threshold=None
        )
    return _connection.cursor()


def _ids(table: str, slugs: list[str]) -> list[int]:
    if table not in _slug_ids:
        with _cursor() as cursor:
            cursor.execute(f"SELECT slug, id FROM {table}")
            _slug_ids[table] = dict(cursor.fetchall())
    return [_slug_ids[table][slug] for slug in slugs if slug in _slug_ids[table]]


def _timestamp(value: dt.datetime | None) -> str | None:
    """As DRF writes a UTC datetime: ISO 8601 with a Z."""
    if value is None:
        return None
    text = value.astimezone(dt.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# What a list item needs, with its topics and appearances aggregated in the same query.
CLAIM_COLUMNS = """
    c.id, c.text, c.claim_reviewed, c.stated_on, c.context, c.language, c.status,
    c.published_at, s.slug, s.name, r.slug, r.label, r.value, v.summary, c.modified_at,
    (SELECT coalesce(json_agg(json_build_array(t.slug, t.name) ORDER BY t.name), '[]')
       FROM claims_claim_topics ct JOIN claims_topic t ON t.id = ct.topic_id
      WHERE ct.claim_id = c.id),
    (SELECT coalesce(json_agg(json_build_array(src.url, src.title, p.name, src.published_on,
                                               a.is_first)
                              ORDER BY a.is_first DESC, src.published_on, a.id), '[]')
       FROM claims_appearance a
       JOIN sources_source src ON src.id = a.source_id
       LEFT JOIN sources_publisher p ON p.id = src.publisher_id
      WHERE a.claim_id = c.id)
"""
CLAIM_JOINS = """
    LEFT JOIN claims_speaker s ON s.id = c.speaker_id
    LEFT JOIN claims_verdict v ON v.claim_id = c.id
    LEFT JOIN claims_rating r ON r.id = v.rating_id
"""
DEFAULT_ORDER = "c.published_at DESC NULLS LAST, c.id DESC"


def _filters(params: dict[str, list[str]]) -> tuple[str, list, str, list]:
    """WHERE clause and ORDER BY for the list's parameters."""
    where = ["c.status = 'published'"]
    arguments: list = []
    order, order_arguments = DEFAULT_ORDER, []
    if params.get("speaker"):
        where.append("c.speaker_id = ANY(%s)")
        arguments.append(_ids("claims_speaker", params["speaker"]))
    if params.get("topic"):
        where.append(
            "EXISTS (SELECT 1 FROM claims_claim_topics ct"
            " WHERE ct.claim_id = c.id AND ct.topic_id = ANY(%s))"
        )
        arguments.append(_ids("claims_topic", params["topic"]))
    if params.get("rating"):
        where.append(
            "EXISTS (SELECT 1 FROM claims_verdict v"
            " WHERE v.claim_id = c.id AND v.rating_id = ANY(%s))"
        )
        arguments.append(_ids("claims_rating", params["rating"]))
    if params.get("published_after"):
        where.append("c.published_at >= %s::date::timestamptz")
        arguments.append(params["published_after"][-1])
    if params.get("published_before"):
        where.append("c.published_at < (%s::date + 1)::timestamptz")
        arguments.append(params["published_before"][-1])
    if params.get("q"):
        # As the API: rank the SEARCH_WINDOW most recently published matches.
        where.append(
            "c.id IN (SELECT c.id FROM claims_claim c WHERE "
            + " AND ".join(where)
            + " AND c.search_vector @@ websearch_to_tsquery('english', %s)"
            f" ORDER BY {DEFAULT_ORDER} LIMIT {SEARCH_WINDOW})"
        )
        arguments = [*arguments, *arguments, params["q"][-1]]
        order = "ts_rank(c.search_vector, websearch_to_tsquery('english', %s)) DESC, " + order
        order_arguments = [params["q"][-1]]
    return " AND ".join(where), arguments, order, order_arguments


def _claim(row, base: str) -> dict:
    claim_id, text, claim_reviewed, stated_on, context, language, status, published_at = row[:8]
    speaker_slug, speaker_name, rating_slug, rating_label, rating_value, summary = row[8:14]
    modified_at, topics, appearances = row[14:17]
    return {
        "id": claim_id,
        "url": f"{base}/api/v1/claims/{claim_id}/",
        "text": text,
        "claim_reviewed": claim_reviewed,
        "speaker": (
            {
                "slug": speaker_slug,
                "name": speaker_name,
                "url": f"{base}/api/v1/speakers/{speaker_slug}/",
            }
            if speaker_slug
            else None
        ),
        "stated_on": _date(stated_on),
        "context": context,
        "language": language,
        "topics": [{"slug": slug, "name": name} for slug, name in topics],
        "status": status,
        "rating": (
            {"slug": rating_slug, "label": rating_label, "value": rating_value}
            if rating_slug
            else None
        ),
        "verdict_summary": summary or "",
        "published_at": _timestamp(published_at),
        "modified_at": _timestamp(modified_at),
        "appearances": [
            {
                "url": url,
                "title": title,
                "publisher": publisher,
                "published_on": published_on,
                "first": first,
            }
            for url, title, publisher, published_on, first in appearances
        ],
        "claimreview_url": f"{base}/api/v1/claims/{claim_id}/claimreview/",
    }


def _page_link(base: str, path: str, query: str, page: int | None) -> str:
    """The next/previous link as DRF writes it (sorted parameters)."""
    params = parse_qs(query, keep_blank_values=True)
    if page is None:
        params.pop("page", None)
    else:
        params["page"] = [str(page)]
    scheme, netloc = urlsplit(base)[:2]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(params.items()), doseq=True), ""))


def claim_list(environ, base: str) -> tuple[str, dict]:
    query = environ.get("QUERY_STRING", "")
    params = parse_qs(query)
    page = int(params.get("page", ["1"])[-1])
    size = min(int(params.get("page_size", [str(PAGE_SIZE)])[-1]), MAX_PAGE_SIZE)
    where, arguments, order, order_arguments = _filters(params)
    # As the API: the count reads at most EXACT_COUNT_LIMIT + 1 rows, and the page one row
    # more than it shows (is there a next page?).
    sql = f"""
        SELECT {CLAIM_COLUMNS},
               (SELECT count(*) FROM (SELECT 1 FROM claims_claim c WHERE {where} LIMIT %s) AS b)
        FROM claims_claim c {CLAIM_JOINS}
        WHERE {where}
        ORDER BY {order}
        LIMIT %s OFFSET %s
    """
    with _cursor() as cursor:
        cursor.execute(
            sql,
            [
                *arguments,
                EXACT_COUNT_LIMIT + 1,
                *arguments,
                *order_arguments,
                size + 1,
                (page - 1) * size,
            ],
        )
        rows = cursor.fetchall()
        if not rows and page > 1:
            return "404 Not Found", {"detail": "Invalid page."}
        count = rows[0][-1] if rows else 0
        if count > EXACT_COUNT_LIMIT:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM claims_claim c WHERE {where}", arguments
            )
            plan = cursor.fetchone()[0]
            count = max(int(plan[0]["Plan"]["Plan Rows"]), EXACT_COUNT_LIMIT + 1)
    rows, more = rows[:size], len(rows) > size
    path = environ["PATH_INFO"]
    return "200 OK", {
        "count": count,
        "count_is_estimate": count > EXACT_COUNT_LIMIT,
        "next": _page_link(base, path, query, page + 1) if more else None,
        "previous": (
            None if page == 1 else _page_link(base, path, query, None if page == 2 else page - 1)
        ),
        "results": [_claim(row, base) for row in rows],
    }


PERSON_NAME = (
    "coalesce(nullif(trim(concat_ws(' ', {0}.first_name, {0}.last_name)), ''), {0}.username)"
)
DETAIL_COLUMNS = f"""
    r.order, v.analysis, v.published_at, v.id IS NOT NULL, {PERSON_NAME.format("u")},
    -- The byline (Verdict.byline): contributors by first contribution; the author leads if,
    -- in older data, they are not among them.
    (SELECT coalesce(json_agg(name ORDER BY position), '[]') FROM (
        SELECT 0 AS position, 0 AS id, {PERSON_NAME.format("u")} AS name
         WHERE v.author_id IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM claims_verdictcontributor x
                WHERE x.verdict_id = v.id AND x.user_id = v.author_id)
        UNION ALL
        SELECT row_number() OVER (ORDER BY x.first_contributed_at, x.id), x.id,
               {PERSON_NAME.format("cu")}
          FROM claims_verdictcontributor x JOIN auth_user cu ON cu.id = x.user_id
         WHERE x.verdict_id = v.id) AS byline),
    (SELECT coalesce(json_agg(json_build_array(src.id, src.url, src.title, p.name, src.kind,
                                               src.published_on, e.stance, e.note)
                              ORDER BY e.id), '[]')
       FROM claims_evidence e
       JOIN sources_source src ON src.id = e.source_id
       LEFT JOIN sources_publisher p ON p.id = src.publisher_id
      WHERE e.verdict_id = v.id),
    (SELECT coalesce(json_agg(json_build_array(
                to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                k.kind, k.note, o.slug, o.label, o.value, n.slug, n.label, n.value)
              ORDER BY k.created_at, k.id), '[]')
       FROM claims_correction k
       LEFT JOIN claims_rating o ON o.id = k.old_rating_id
       LEFT JOIN claims_rating n ON n.id = k.new_rating_id
      WHERE k.claim_id = c.id)
"""


def _rating(slug, label, value) -> dict | None:
    return {"slug": slug, "label": label, "value": value} if slug else None


def claim_detail(environ, base: str, claim_id: int) -> tuple[str, dict]:
    sql = f"""
        SELECT {CLAIM_COLUMNS}, {DETAIL_COLUMNS}
        FROM claims_claim c {CLAIM_JOINS}
        LEFT JOIN auth_user u ON u.id = v.author_id
        WHERE c.id = %s AND c.status = 'published'
    """
    with _cursor() as cursor:
        cursor.execute(sql, [claim_id])
        row = cursor.fetchone()
    if row is None:
        return "404 Not Found", {"detail": "No Claim matches the given query."}
    claim = _claim(row, base)
    _, analysis, verdict_published_at, has_verdict, author, byline, evidence, corrections = row[17:]
    claim["verdict"] = (
        {
            "rating": claim["rating"],
            "summary": claim["verdict_summary"],
            "analysis": analysis,
            "evidence": [
                {
                    "source": {
                        "id": source_id,
                        "url": url,
                        "title": title,
                        "publisher": publisher,
                        "kind": kind,
                        "published_on": published_on,
                    },
                    "stance": stance,
                    "note": note,
                }
                for source_id, url, title, publisher, kind, published_on, stance, note in evidence
            ],
            "author": author,
            "contributors": byline,
            "published_at": _timestamp(verdict_published_at),
        }
        if has_verdict
        else None
    )
    # Published claims only here: nothing is left to do before submission.
    claim["submission_problems"] = []
    claim["corrections"] = [
        {
            "at": at.removesuffix(".000000") + "Z",
            "kind": kind,
            "note": note,
            "old_rating": _rating(*old),
            "new_rating": _rating(*new),
        }
        for at, kind, note, *ratings in corrections
        for old, new in [(ratings[:3], ratings[3:])]
    ]
    return "200 OK", claim


def application(environ, start_response):
    """Route the two URLs; anything else is a 404."""
    host = environ.get("HTTP_HOST") or environ["SERVER_NAME"]
    base = f"{environ['wsgi.url_scheme']}://{host}"
    path = environ["PATH_INFO"]
    parts = path.strip("/").split("/")
    if path == "/api/v1/claims/":
        status, body = claim_list(environ, base)
    elif len(parts) == 4 and parts[:3] == ["api", "v1", "claims"] and parts[3].isdigit():
        status, body = claim_detail(environ, base, int(parts[3]))
    else:
        status, body = "404 Not Found", {"detail": "Not found."}
    payload = orjson.dumps(body)
    start_response(
        status,
        [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
    )
    return [payload]
