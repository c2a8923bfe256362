"""Bad input, table-driven: every row is a 4xx JSON answer that names what is wrong, and the
database is exactly as it was before.

The rows cover NUL bytes and invalid UTF-8 in the path, the query and the body; 100 kB
strings; wrong JSON types; invalid JSON; a wrong content type; duplicate keys; numbers out
of range; and impossible dates, over the read and the write endpoints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.filters import MAX_NEGATIONS_IN_A_ROW
from claims.models import Claim
from tests.factories import SpeakerFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

HUGE = "x" * 100_000  # 100 kB
BIGGER_THAN_BIGINT = "99999999999999999999"
# Every table an API write can touch; a refused request leaves each one byte for byte alike.
TABLES = [
    "claims_claim",
    "claims_verdict",
    "claims_evidence",
    "claims_appearance",
    "claims_correction",
    "claims_claimevent",
    "claims_claim_topics",
    "claims_speaker",
    "claims_speakeralias",
    "claims_topic",
    "claims_rating",
    "sources_source",
    "sources_publisher",
    "sources_reportedspeech",
    "claims_claimhistory",
    "claims_verdicthistory",
    "sources_sourcehistory",
]


@dataclass
class Row:
    """A request, and the status and the name its refusal must give."""

    method: str
    path: str
    named: str  # a key of the JSON error body (for a 415, a word of its detail)
    status: int = 400
    says: str = ""  # a word of the message, where several refusals could name the field
    body: object = None  # JSON-encoded unless bytes
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)


CLAIM = "/api/v1/claims/{claim}/"
ROWS = {
    # NUL bytes.
    "nul-in-query-value": Row("GET", "/api/v1/claims/?q=ren%00", "q", says="NUL"),
    "nul-in-query-name": Row("GET", "/api/v1/speakers/?q%00=1", "q\\x00", says="NUL"),
    "nul-in-path-slug": Row("GET", "/api/v1/speakers/ren%00/", "path", says="NUL"),
    "nul-in-path-id": Row(
        "PATCH", "/api/v1/claims/{claim}%00/", "path", body={"text": "x"}, says="NUL"
    ),
    "nul-in-body-string": Row(
        "POST", "/api/v1/claims/", "text", body={"text": "a\x00b"}, says="NUL"
    ),
    "nul-in-body-list": Row(
        "POST",
        "/api/v1/speakers/",
        "aliases",
        body={"name": "A", "slug": "a", "aliases": ["\x00"]},
        says="NUL",
    ),
    "nul-in-body-key": Row("POST", "/api/v1/topics/", "\\x00", body={"\x00": 1}, says="NUL"),
    "nul-in-nested-body": Row(
        "PUT",
        CLAIM + "verdict/",
        "evidence",
        body={"rating": None, "summary": "", "evidence": [{"source": 1, "note": "\x00"}]},
        says="NUL",
    ),
    # Invalid UTF-8.
    "bad-utf8-in-query-value": Row("GET", "/api/v1/claims/?q=%FF%FE", "q", says="UTF-8"),
    "bad-utf8-in-match-text": Row("GET", "/api/v1/claims/match/?text=%C3%28", "text", says="UTF-8"),
    "bad-utf8-in-query-name": Row("GET", "/api/v1/sources/?%FF=1", "\\xff", says="UTF-8"),
    # Django percent-encodes undecodable bytes in the path again: nothing matches them.
    "bad-utf8-in-path": Row("GET", "/api/v1/topics/%C3%28/", "", 404),
    "bad-utf8-in-path-id": Row("PATCH", "/api/v1/claims/%FF/", "", 404, body={"text": "x"}),
    "bad-utf8-in-body": Row(
        "POST", "/api/v1/claims/", "body", body=b'{"text": "\xff\xfe"}', says="UTF-8"
    ),
    # 100 kB strings.
    "huge-search": Row("GET", f"/api/v1/claims/?q={HUGE}", "q", says="at most"),
    "huge-match-text": Row("GET", f"/api/v1/claims/match/?text={HUGE}", "text"),
    # PostgreSQL's web-search parser nests a NOT per '-' and fails past 32 ("tsquery stack
    # too small"): long runs are refused, naming the search.
    "dashes-in-search": Row("GET", "/api/v1/claims/?q=" + "-" * 50, "q", says="in a row"),
    "spaced-dashes-in-search": Row(
        "GET", "/api/v1/claims/?q=" + "-+" * 40 + "law", "q", says="in a row"
    ),
    "dashes-after-a-word": Row("GET", "/api/v1/claims/?q=law+" + "-" * 33, "q", says="in a row"),
    "huge-speaker-search": Row("GET", f"/api/v1/speakers/?q={HUGE}", "q"),
    "huge-slug-filter": Row("GET", f"/api/v1/sources/?publisher={HUGE}", "publisher"),
    "huge-claim-text": Row(
        "POST", "/api/v1/claims/", "text", body={"text": HUGE}, says="no more than"
    ),
    "huge-claim-context": Row(
        "PATCH", CLAIM, "context", body={"context": HUGE}, says="no more than"
    ),
    "huge-language": Row(
        "POST", "/api/v1/claims/", "language", body={"text": "t", "language": HUGE}
    ),
    "huge-analysis": Row(
        "PUT",
        CLAIM + "verdict/",
        "analysis",
        body={"rating": None, "summary": "", "analysis": HUGE + "xx"},
        says="no more than",
    ),
    "huge-transition-note": Row(
        "POST", CLAIM + "submit/", "note", body={"note": HUGE}, says="no more than"
    ),
    "huge-source-title": Row(
        "POST",
        "/api/v1/sources/",
        "title",
        body={"url": "https://e.org/1", "title": HUGE},
        says="no more than",
    ),
    "huge-source-url": Row(
        "POST", "/api/v1/sources/", "url", body={"url": f"https://e.org/{HUGE}", "title": "T"}
    ),
    "huge-speaker-name": Row(
        "POST", "/api/v1/speakers/", "name", body={"name": HUGE, "slug": "s"}, says="no more than"
    ),
    "huge-topic-description": Row(
        "POST",
        "/api/v1/topics/",
        "description",
        body={"name": "T", "slug": "t", "description": HUGE},
        says="no more than",
    ),
    "huge-article": Row(
        "POST", "/api/v1/sources/import/", "text", body={"text": HUGE * 3, "url": "https://e.org/a"}
    ),
    # Wrong JSON types.
    "list-for-text": Row("POST", "/api/v1/claims/", "text", body={"text": ["a"]}),
    "string-for-list": Row("PATCH", CLAIM, "topics", body={"topics": "cybersecurity"}),
    "object-for-list": Row("PATCH", CLAIM, "appearances", body={"appearances": {"source": 1}}),
    "number-for-date": Row("PATCH", CLAIM, "stated_on", body={"stated_on": 20190115}),
    "string-for-boolean": Row(
        "PATCH", CLAIM, "appearances", body={"appearances": [{"source": 1, "first": "maybe"}]}
    ),
    "string-for-url-list": Row(
        "POST", "/api/v1/speakers/", "same_as", body={"name": "A", "slug": "a", "same_as": "x"}
    ),
    "string-for-id": Row(
        "PUT",
        CLAIM + "verdict/",
        "evidence",
        body={"rating": None, "summary": "", "evidence": [{"source": "one", "stance": "supports"}]},
    ),
    "list-for-body": Row("POST", "/api/v1/claims/", "non_field_errors", body=["text"]),
    "null-for-text": Row("POST", "/api/v1/claims/", "text", body={"text": None}),
    # Invalid JSON.
    "truncated-json": Row("POST", "/api/v1/claims/", "body", body=b'{"text": '),
    "single-quoted-json": Row("POST", "/api/v1/topics/", "body", body=b"{'name': 'T'}"),
    "nan-in-json": Row("POST", "/api/v1/claims/", "body", body=b'{"text": NaN}'),
    "too-deep-json": Row("POST", "/api/v1/claims/", "body", body=b"[" * 100_000),
    # Wrong content type.
    "plain-text-body": Row(
        "POST", "/api/v1/claims/", "media type", 415, body=b"text=x", content_type="text/plain"
    ),
    "form-body": Row(
        "POST",
        "/api/v1/sources/",
        "media type",
        415,
        body=b"url=https://e.org/1&title=T",
        content_type="application/x-www-form-urlencoded",
    ),
    # Duplicate keys.
    "duplicate-key": Row(
        "POST", "/api/v1/claims/", "text", body=b'{"text": "a", "text": "b"}', says="more than once"
    ),
    "duplicate-nested-key": Row(
        "PUT",
        CLAIM + "verdict/",
        "stance",
        body=b'{"rating": null, "summary": "", '
        b'"evidence": [{"source": 1, "stance": "supports", "stance": "contradicts"}]}',
        says="more than once",
    ),
    # Numbers out of range.
    "page-beyond-any": Row(
        "GET", f"/api/v1/claims/?page={BIGGER_THAN_BIGINT}", "Invalid page", 404
    ),
    "page-of-5000-digits": Row("GET", f"/api/v1/sources/?page={'9' * 5000}", "page"),
    "negative-page-size": Row("GET", "/api/v1/speakers/?page_size=-1", "page_size"),
    "id-beyond-bigint": Row("GET", f"/api/v1/claims/{BIGGER_THAN_BIGINT}/", "", 404),
    "source-id-beyond-bigint": Row(
        "PATCH", f"/api/v1/sources/{BIGGER_THAN_BIGINT}/", "", 404, body={"title": "T"}
    ),
    "write-to-id-beyond-bigint": Row(
        "POST", f"/api/v1/claims/{BIGGER_THAN_BIGINT}/submit/", "", 404, body={}
    ),
    "infinite-number-in-body": Row(
        "POST", "/api/v1/claims/", "text", body=b'{"text": 1e400}', says="out of range"
    ),
    "huge-integer-in-body": Row(
        "POST", "/api/v1/claims/", "body", body=b'{"text": ' + b"9" * 5000 + b"}"
    ),
    "id-beyond-bigint-in-body": Row(
        "PATCH", CLAIM, "appearances", body={"appearances": [{"source": int(BIGGER_THAN_BIGINT)}]}
    ),
    "score-out-of-range": Row("GET", "/api/v1/claims/match/?text=law&min_score=1e400", "min_score"),
    "score-not-a-number": Row("GET", "/api/v1/claims/match/?text=law&min_score=nan", "min_score"),
    "stale-version-beyond-bigint": Row(
        "POST",
        CLAIM + "submit/",
        "current_version",
        412,
        body={},
        headers={"If-Match": f'"v{BIGGER_THAN_BIGINT}.x"'},
    ),
    # Impossible dates.
    "zero-date-filter": Row("GET", "/api/v1/claims/?stated_after=0000-00-00", "stated_after"),
    "zero-date-feed": Row(
        "GET", "/api/v1/claimreview/?published_after=0000-00-00", "published_after"
    ),
    "zero-date-in-body": Row("PATCH", CLAIM, "stated_on", body={"stated_on": "0000-00-00"}),
    "zero-date-of-source": Row(
        "POST",
        "/api/v1/sources/",
        "published_on",
        body={"url": "https://e.org/1", "title": "T", "published_on": "0000-00-00"},
    ),
    "zero-datetime-of-source": Row(
        "POST",
        "/api/v1/sources/",
        "accessed_at",
        body={"url": "https://e.org/1", "title": "T", "accessed_at": "0000-00-00T00:00:00Z"},
    ),
    "february-30-in-body": Row("PATCH", CLAIM, "stated_on", body={"stated_on": "2019-02-30"}),
    "february-30-of-article": Row(
        "POST",
        "/api/v1/sources/import/",
        "published_on",
        body={"text": "An article.", "url": "https://e.org/a", "published_on": "2019-02-30"},
    ),
}


@pytest.fixture
def editor_api(demo) -> APIClient:
    """An editor's token client; the demo gives every endpoint something to read."""
    user = UserFactory(username="bad-input-editor")
    user.groups.add(Group.objects.get(name="Editors"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def checksum() -> dict[str, str]:
    """An md5 of every row of every table a write can touch (one query)."""
    per_table = " UNION ALL ".join(
        f"SELECT '{table}', md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
        f"FROM {table} t"
        for table in TABLES
    )
    with connection.cursor() as cursor:
        cursor.execute(per_table)
        return dict(cursor.fetchall())


@pytest.mark.parametrize("row", ROWS.values(), ids=ROWS.keys())
def test_bad_input_is_a_4xx_naming_the_field_and_changes_nothing(editor_api, row):
    claim = Claim.objects.filter(status=Claim.Status.DRAFT).order_by("id").first()
    path = row.path.format(claim=claim.pk)
    etag = editor_api.get(CLAIM.format(claim=claim.pk))["ETag"]
    body = row.body if isinstance(row.body, bytes) or row.body is None else json.dumps(row.body)
    before = checksum()

    response = editor_api.generic(
        row.method,
        path,
        body or "",
        content_type=row.content_type,
        headers={"If-Match": etag, **row.headers},
    )

    assert response.status_code == row.status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    error = response.json()
    if row.status in (404, 415):
        assert row.named in error["detail"]  # a 404 says what was not found, or just that
    else:
        assert row.named in error, error
        assert row.says in json.dumps(error[row.named])
    assert checksum() == before


# Text that is operators to PostgreSQL's tsquery syntax: answered (the search is web-search
# syntax, which ignores them), or refused naming the parameter, never a 500.
SEARCH_EDGE_CASES = {
    "dashes": "-" * 50,
    "dashes-then-word": "-" * 32 + "law",
    "dashes-before-or": "-" * 40 + " or law",
    "bangs": "!" * 50,
    "bars": "|" * 50,
    "follows": "<->" * 50,
    "follows-between-words": " <-> ".join(["law"] * 50),
    "open-parentheses": "(" * 50,
    "close-parentheses": ")" * 50,
    "nested-parentheses": "(" * 25 + "law" + ")" * 25,
    "ampersands": "&" * 50,
    "prefix-stars": "law:* " * 40,
    "quotes": '"' * 51,
    "negated-phrases": '-"law spy" ' * 40,
    "or-runs": "or " * 100 + "law",
    "mixed": "!(-law | <-> spy) & -'x':* " * 15,
    "mixed-dash-runs": "- ! - | - ( - <-> - " * 10 + "law",
    "every-operator": "-!|&()<->:*'\\\"" * 20,
}


@pytest.mark.parametrize("text", SEARCH_EDGE_CASES.values(), ids=SEARCH_EDGE_CASES.keys())
@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/claims/", "q"),
        ("/api/v1/claims/match/", "text"),
        ("/api/v1/speakers/", "q"),
        ("/api/v1/claimreview/", "q"),  # no text filter: ignored, never an error
    ],
)
def test_search_operators_are_answered_or_refused_naming_the_parameter_never_a_500(
    api, demo, path, parameter, text
):
    response = api.get(path, {parameter: text})
    assert response.status_code in (200, 400), response.content[:300]
    assert response["Content-Type"] == "application/json"
    if response.status_code == 400:
        assert parameter in response.json()


@pytest.mark.parametrize("dashes", [1, 2, MAX_NEGATIONS_IN_A_ROW])
def test_a_few_dashes_in_a_row_still_search(api, demo, dashes):
    response = api.get("/api/v1/claims/", {"q": "law " + "-" * dashes + "spying"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "published_before=9999-12-31",
        "published_after=0001-01-01",
        "stated_before=9999-12-31",
        "stated_after=0001-01-01",
    ],
)
def test_the_first_and_last_dates_are_valid_filters(api, demo, query):
    response = api.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 200
    assert response.json()["count"] == Claim.objects.published().count()


@pytest.mark.parametrize("page_size", ["101", "100000", BIGGER_THAN_BIGINT])
@pytest.mark.parametrize(
    ("path", "factory"), [("/api/v1/topics/", TopicFactory), ("/api/v1/speakers/", SpeakerFactory)]
)
def test_a_page_size_above_100_is_refused_naming_the_maximum(api, path, factory, page_size):
    factory.create_batch(3)
    response = api.get(path, {"page_size": page_size})
    assert response.status_code == 400
    assert "At most 100 items a page" in response.json()["page_size"][0]
