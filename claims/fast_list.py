"""The public claim list's fast path: GET /api/v1/claims/ for anonymous readers, in SQL
written once per filter shape.

The generic path (``claims_for_list()``, ``ClaimFilter``, DRF's paginator and
``ClaimListSerializer``) builds a Django form, a queryset with two JSON subqueries and a
count, compiles both, and turns each row into model instances: about ten milliseconds of CPU a
request, ten times what PostgreSQL spends on it. This path answers the common requests (no
filter; speaker, topic and rating; stated and published dates; language; a search ``q``,
alone or with any of these; page and page size) with

- the parameters cleaned by the same form fields the filters use, without a form;
- one query naming the slugs' ids when a slug filter is given, and one query for the page
  and its count, whose SQL is built once per shape (which filters are present) and reused
  (and, above EXACT_COUNT_LIMIT, one for the planner's estimate, as the generic path);
- list items written straight from the row.

A search keeps the generic path's semantics (ClaimFilter.filter_search): the query is parsed
with the stemmers of the languages asked for, or of every language present; the
SEARCH_WINDOW most recently published claims that match it and the other filters are ranked
by ts_rank, then newest first; the count is the window's size.

Anything else (another parameter, a value the fields refuse, an unknown slug, a signed-in
reader who sees unpublished claims, HEAD) returns None, and the generic path answers it, with
its 400s. tests/api/test_fast_list.py holds the two paths to the same responses.
"""

from __future__ import annotations

import datetime as dt
import functools
from contextlib import contextmanager

import orjson
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections, router
from django.urls import reverse
from django.utils import timezone
from psycopg.types.datetime import TimestamptzLoader
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from claims import filters
from claims.filters import ClaimFilter, end_of_day, start_of_day
from claims.models import Claim
from claims.search import configs_for, parsed_query
from claims.selectors import user_sees_unpublished
from claimtracker.filters import IsoDateField, SlugListField
from claimtracker.pagination import (
    EXACT_COUNT_LIMIT,
    LinkHeaderMixin,
    PageNumberPagination,
    count_is_estimate,
    planner_estimate,
    requested_page,
    requested_page_size,
)

# Slug filters: parameter -> (table of the slugs, the WHERE condition on their ids).
SLUG_FILTERS = {
    "speaker": ("claims_speaker", "c.speaker_id = ANY(%s)"),
    "topic": (
        "claims_topic",
        "EXISTS (SELECT 1 FROM claims_claim_topics ct"
        " WHERE ct.claim_id = c.id AND ct.topic_id = ANY(%s))",
    ),
    "rating": ("claims_rating", "v.rating_id = ANY(%s)"),
}
# Date filters: parameter -> (the WHERE condition, the value it compares with).
DATE_FILTERS = {
    "stated_after": ("c.stated_on >= %s", lambda day: day),
    "stated_before": ("c.stated_on <= %s", lambda day: day),
    "published_after": ("c.published_at >= %s", start_of_day),
    "published_before": ("c.published_at <= %s", end_of_day),
}
# The language filter (RFC 4647 basic filtering, as claims.search.language_q writes it):
# the tags equal to a range, or starting with it and a hyphen; two arrays of upper-cased
# ranges. Ranges are letters, digits and hyphens (LanguageRangeField), nothing LIKE escapes.
LANGUAGE_FILTER = "(UPPER(c.language::text) = ANY(%s) OR UPPER(c.language::text) LIKE ANY(%s))"
# Search (ClaimFilter.filter_search): the SEARCH_WINDOW most recently published matches,
# ranked; the query parsed first, with the configurations of the languages asked for or of
# every language present (claims.search.parsed_query), and given as a constant.
SEARCH = ("q",)
PAGING = (PageNumberPagination.page_query_param, PageNumberPagination.page_size_query_param)
PARAMETERS = frozenset({*SLUG_FILTERS, *DATE_FILTERS, "language", "q", *PAGING})

# What ClaimListSerializer shows, as claims_for_list() fetches it: topics and appearances as
# JSON arrays in the order the API lists them, each object's keys in the API's order (json,
# not jsonb, which reorders keys), so that the items are used as parsed.
COLUMNS = """
    c.id, c.text, c.claim_reviewed, c.stated_on, c.context, c.language, c.status,
    c.published_at, c.modified_at, s.slug, s.name, v.id, v.summary, r.slug, r.label, r.value,
    (SELECT json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY t.name)::text
       FROM claims_claim_topics ct JOIN claims_topic t ON t.id = ct.topic_id
      WHERE ct.claim_id = c.id),
    (SELECT json_agg(json_build_object('url', src.url, 'title', src.title,
                                       'publisher', p.name,
                                       'published_on', src.published_on,
                                       'first', a.is_first)
                     ORDER BY a.is_first DESC, src.published_on, a.id)::text
       FROM claims_appearance a
       JOIN sources_source src ON src.id = a.source_id
       LEFT JOIN sources_publisher p ON p.id = src.publisher_id
      WHERE a.claim_id = c.id)
"""
JOINS = """
    LEFT JOIN claims_speaker s ON s.id = c.speaker_id
    LEFT JOIN claims_verdict v ON v.claim_id = c.id
    LEFT JOIN claims_rating r ON r.id = v.rating_id
"""
ORDER = "c.published_at DESC NULLS LAST, c.id DESC"

_SLUGS = SlugListField(required=False)
_DATE = IsoDateField(required=False)
# The filters' own fields: q's length and negation checks, the language ranges' syntax.
_SEARCH_TEXT = ClaimFilter.base_filters["q"].field
_LANGUAGES = ClaimFilter.base_filters["language"].field


def _condition(name: str) -> str:
    if name in SLUG_FILTERS:
        return SLUG_FILTERS[name][1]
    if name in DATE_FILTERS:
        return DATE_FILTERS[name][0]
    return LANGUAGE_FILTER


def _matching(shape: tuple[str, ...]) -> str:
    """FROM and WHERE of the claims matching the filters in ``shape`` (search aside)."""
    where = ["c.status = %s"]
    where += [_condition(name) for name in shape if name not in SEARCH]
    # The rating is the verdict's: the count joins it only when it filters on it.
    joins = "JOIN claims_verdict v ON v.claim_id = c.id" if "rating" in shape else ""
    return f"FROM claims_claim c {joins} WHERE {' AND '.join(where)}"


@functools.cache
def page_sql(shape: tuple[str, ...]) -> str:
    """The page, one item more (is there a next page?), and the count, exact up to
    EXACT_COUNT_LIMIT + 1, for the filters in ``shape`` (in PARAMETERS' order)."""
    matching = _matching(shape)
    condition = matching.split(" WHERE ", 1)[1]
    return (
        f"SELECT {COLUMNS}, (SELECT count(*) FROM (SELECT 1 {matching} LIMIT %s) AS bounded)"
        f" FROM claims_claim c {JOINS} WHERE {condition} ORDER BY {ORDER} LIMIT %s OFFSET %s"
    )


@functools.cache
def search_sql(shape: tuple[str, ...]) -> str:
    """A search's page, one item more, and its count, for the filters in ``shape`` (whose
    last element is "q"): the SEARCH_WINDOW newest matches of the filters, ranked by
    ts_rank, then newest first. The parsed query is a parameter, twice: the planner sees it.

    The window is ranked from the claims' search vectors alone, and only the page's claims
    are joined to what an item shows: joining all of the window first (its verdicts,
    speakers, ratings) took 35-50% of the query at a million claims."""
    return (
        f"WITH hits AS MATERIALIZED (SELECT c.id {_matching(shape)}"
        " AND c.search_vector @@ %s::tsquery"
        f" ORDER BY {ORDER} LIMIT %s),"
        " page AS MATERIALIZED (SELECT c.id, ts_rank(c.search_vector, %s::tsquery) AS rank"
        f" FROM hits JOIN claims_claim c ON c.id = hits.id ORDER BY rank DESC, {ORDER}"
        " LIMIT %s OFFSET %s)"
        f" SELECT {COLUMNS}, (SELECT count(*) FROM hits)"
        f" FROM page JOIN claims_claim c ON c.id = page.id {JOINS}"
        f" ORDER BY page.rank DESC, {ORDER}"
    )


@functools.cache
def estimate_sql(shape: tuple[str, ...]) -> str:
    """The query whose planned rows estimate a count above EXACT_COUNT_LIMIT."""
    return f"SELECT 1 {_matching(shape)}"


class NotFast(Exception):
    """The request is not one this path answers: the generic path does."""


def _clean(request: Request) -> tuple[dict[str, list[str]], dict[str, list]]:
    """The slug filters' slugs, and every other filter's parameters for the SQL, as the
    filters' fields clean them (django-filter reads a repeated ``q`` or date's last value)."""
    params = request.query_params
    if not set(params) <= PARAMETERS:
        raise NotFast
    slugs, values = {}, {}
    try:
        for name in SLUG_FILTERS:
            if found := _SLUGS.clean(params.getlist(name)):
                slugs[name] = found
        for name, (_, convert) in DATE_FILTERS.items():
            if (day := _DATE.clean(params.get(name))) is not None:
                values[name] = [convert(day)]
        ranges = _LANGUAGES.clean(params.getlist("language"))
        text = _SEARCH_TEXT.clean(params.get("q"))
    except DjangoValidationError:
        raise NotFast from None
    if ranges and "*" not in ranges:
        upper = [value.upper() for value in ranges]
        values["language"] = [upper, [f"{value}-%" for value in upper]]
    if text:
        values["q"] = [text, configs_for(ranges)]
    return slugs, values


def _ids(connection, slugs: dict[str, list[str]]) -> dict[str, list[int]]:
    """The ids the slugs name, in one query; an unknown slug is the generic path's 400.
    Prepared: lookups in unique indexes, whose planning cost more than running them."""
    if not slugs:
        return {}
    union = " UNION ALL ".join(
        f"SELECT %s::text, slug, id FROM {SLUG_FILTERS[name][0]} WHERE slug = ANY(%s)"
        for name in slugs
    )
    with connection.prepared_cursor() as cursor:
        cursor.execute(union, [value for name, values in slugs.items() for value in (name, values)])
        found = {(name, slug): pk for name, slug, pk in cursor.fetchall()}
    try:
        return {name: [found[(name, slug)] for slug in values] for name, values in slugs.items()}
    except KeyError:
        raise NotFast from None


def claim_list(request: Request) -> Response | None:
    """The list as the generic path answers it, or None when this path does not apply."""
    if request.method != "GET" or request.user.is_authenticated:
        return None
    try:
        slugs, given = _clean(request)
        paginator = PageNumberPagination()
        number = requested_page(request, paginator) or 1
        size = requested_page_size(request, paginator)
    except (NotFast, DRFValidationError):
        return None
    order = (*SLUG_FILTERS, *DATE_FILTERS, "language", *SEARCH)
    shape = tuple(name for name in order if name in slugs or name in given)
    search = [name for name in shape if name in SEARCH]
    connection = connections[router.db_for_read(Claim)]
    try:
        ids = _ids(connection, slugs)
    except NotFast:
        return None
    with rows_cursor(connection) as cursor:
        values = [Claim.Status.PUBLISHED]
        for name in shape:
            values += [ids[name]] if name in ids else [] if name in SEARCH else given[name]
        page = [size + 1, (number - 1) * size]
        if search:
            text, configs = given["q"]
            query = parsed_query(text, configs, using=connection.alias)
            # Read at each request, as the generic path reads it (a test narrows it).
            window = filters.SEARCH_WINDOW
            cursor.execute(search_sql(shape), [*values, query, window, query, *page])
        else:
            cursor.execute(page_sql(shape), [*values, EXACT_COUNT_LIMIT + 1, *values, *page])
        rows = cursor.fetchall()
    count = rows[0][-1] if rows else 0
    if search and count_is_estimate(count):
        return None  # A window larger than the exact count's limit: not the deployed case.
    if not rows and number > 1:
        # As DRF's paginator says it (claimtracker.exceptions writes the body).
        raise NotFound(PageNumberPagination.invalid_page_message)
    if count_is_estimate(count):
        count = planner_estimate(estimate_sql(shape), values, using=connection.alias)
    rows, more = rows[:size], len(rows) > size
    url = request.build_absolute_uri()
    page_param = PageNumberPagination.page_query_param
    links = {
        "next": replace_query_param(url, page_param, number + 1) if more else None,
        "previous": (
            None
            if number == 1
            else remove_query_param(url, page_param)
            if number == 2
            else replace_query_param(url, page_param, number - 1)
        ),
    }
    item = item_writer(request)
    response = Response(
        {
            "count": count,
            "count_is_estimate": count_is_estimate(count),
            **links,
            "results": [item(row) for row in rows],
        }
    )
    response["Link"] = LinkHeaderMixin.link_header(
        first=remove_query_param(url, page_param), **links
    )
    return response


# The published claims of a list of ids, as list items (a match's results).
ITEMS_SQL = f"SELECT {COLUMNS} FROM claims_claim c {JOINS} WHERE c.id = ANY(%s) AND c.status = %s"


def match_results(request: Request, scores: dict[int, float]) -> list[dict] | None:
    """GET /api/v1/claims/match/'s results for the claims ``scores`` names (best first), as
    ClaimMatchSerializer writes them, in one query; None for a reader who sees unpublished
    claims (the generic path answers). tests/api/test_claim_match.py holds the two equal."""
    if user_sees_unpublished(request.user):
        return None
    if not scores:
        return []
    with rows_cursor(connections[router.db_for_read(Claim)], prepared=True) as cursor:
        cursor.execute(ITEMS_SQL, [list(scores), Claim.Status.PUBLISHED])
        rows = {row[0]: row for row in cursor.fetchall()}
    item = item_writer(request)
    return [
        {**item(rows[claim_id]), "score": score}
        for claim_id, score in scores.items()
        if claim_id in rows
    ]


@contextmanager
def rows_cursor(connection, *, prepared: bool = False):
    """A cursor for rows of COLUMNS: timestamps are read by psycopg's compiled loader, in the
    session's time zone, where Django's adds its time zone in Python (a fifth of the CPU of
    writing a page's items). The item writer converts them to the current zone anyway.
    ``prepared``: for lookups by id, whose planning costs more than running them
    (claimtracker/postgresql)."""
    with connection.prepared_cursor() if prepared else connection.cursor() as cursor:
        cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)
        yield cursor


def item_writer(request: Request):
    """A function writing a row of COLUMNS as ClaimListSerializer writes the claim, with the
    URLs and time zone looked up once."""
    zone = timezone.get_current_timezone()
    claims_url = request.build_absolute_uri(reverse("claim-list"))
    speakers_url = request.build_absolute_uri(reverse("speaker-list"))
    return functools.partial(_item, claims_url=claims_url, speakers_url=speakers_url, zone=zone)


def drf_timestamp(value: dt.datetime | None, zone: dt.tzinfo) -> str | None:
    """As DRF's DateTimeField writes it (ISO 8601 in the current time zone, UTC as Z), with
    the zone looked up once a page rather than twice an item."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _item(row: tuple, claims_url: str, speakers_url: str, zone: dt.tzinfo) -> dict:
    """A list item as ClaimListSerializer writes it."""
    (claim_id, text, claim_reviewed, stated_on, context, language, status, published_at) = row[:8]
    (modified_at, speaker_slug, speaker_name, verdict_id, summary) = row[8:13]
    (rating_slug, rating_label, rating_value, topics, appearances) = row[13:18]
    return {
        "id": claim_id,
        "url": f"{claims_url}{claim_id}/",
        "text": text,
        "claim_reviewed": claim_reviewed,
        "speaker": (
            {"slug": speaker_slug, "name": speaker_name, "url": f"{speakers_url}{speaker_slug}/"}
            if speaker_slug is not None
            else None
        ),
        "stated_on": stated_on.isoformat() if stated_on else None,
        "context": context,
        "language": language,
        "topics": orjson.loads(topics) if topics else [],
        "status": status,
        "rating": (
            {"slug": rating_slug, "label": rating_label, "value": rating_value}
            if rating_slug is not None
            else None
        ),
        "verdict_summary": summary if verdict_id is not None else "",
        "published_at": drf_timestamp(published_at, zone),
        "modified_at": drf_timestamp(modified_at, zone),
        "appearances": orjson.loads(appearances) if appearances else [],
        "claimreview_url": f"{claims_url}{claim_id}/claimreview/",
    }
