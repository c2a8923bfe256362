"""The bulk export: every published claim in one download, CSV or JSON Lines."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims import services
from claims.models import Claim
from claimtracker.writes import fixture_writes
from tests.factories import TopicFactory, UserFactory, claim_in_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


CSV = "/api/v1/exports/claims.csv"
JSONL = "/api/v1/exports/claims.jsonl"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response).decode())))


@pytest.fixture
def published():
    claims = [claim_in_status("published") for _ in range(3)]
    topics = [TopicFactory(slug="security"), TopicFactory(slug="china")]
    with fixture_writes("topics for an exported claim"):
        claims[0].topics.add(*topics)
    return claims


def test_the_csv_holds_every_published_claim_and_nothing_else(api, published):
    claim_in_status("in_review")
    claim_in_status("draft")
    response = api.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="claims.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [int(row["id"]) for row in rows] == sorted(claim.pk for claim in published)
    first = rows[0]
    claim = Claim.objects.select_related("speaker", "verdict__rating").get(pk=first["id"])
    assert first["url"] == f"http://testserver/api/v1/claims/{claim.pk}/"
    assert first["review_url"].startswith(f"http://testserver/claims/{claim.pk}/")
    assert first["text"] == claim.text
    assert first["speaker_slug"] == claim.speaker.slug
    assert first["speaker_name"] == claim.speaker.name
    assert first["rating_slug"] == claim.verdict.rating.slug
    assert first["summary"] == claim.verdict.summary
    assert first["topic_slugs"] == "china;security"
    assert first["published_at"].endswith("Z")
    assert first["stated_on"] == claim.stated_on.isoformat()
    first_appearance = claim.appearances.order_by("-is_first", "id").first()
    assert first["first_appearance_url"] == first_appearance.source.url


def test_the_jsonl_has_the_same_rows_as_the_csv(api, published):
    lines = body(api.get(JSONL)).decode().splitlines()
    records = [json.loads(line) for line in lines]
    from_csv = csv_rows(api.get(CSV))
    assert len(records) == len(from_csv) == 3
    for record, row in zip(records, from_csv, strict=True):
        assert list(record) == list(row)
        assert {k: "" if v is None else str(v) for k, v in record.items()} == row


def test_the_download_is_gzipped_when_asked(api, published):
    plain = body(api.get(CSV))
    response = api.get(CSV, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(body(response)) == plain


def test_an_unchanged_export_answers_304_and_a_write_changes_its_etag(
    api, published, django_capture_on_commit_callbacks
):
    first = api.get(CSV)
    etag = first["ETag"]
    assert api.get(CSV, HTTP_IF_NONE_MATCH=etag).status_code == 304
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_publish(claim=claim_in_status("in_review"), actor=editor)
    again = api.get(CSV, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag
    assert len(csv_rows(again)) == 4


def test_the_export_reads_the_database_in_a_constant_number_of_queries(api, published):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            csv_rows(api.get(CSV))
        return len(captured)

    queries()  # the first request creates the public generation in the cache
    few = queries()
    for _ in range(40):
        claim_in_status("published")
    assert queries() == few <= 3


def test_an_empty_archive_is_a_header_row(api):
    assert body(api.get(CSV)).decode().splitlines() == [
        "id,url,review_url,text,claim_reviewed,speaker_slug,speaker_name,stated_on,language,"
        "topic_slugs,rating_slug,rating_label,rating_value,summary,published_at,modified_at,first_appearance_url"
    ]
    assert body(api.get(JSONL)) == b""


def test_whatever_accept_says_the_export_is_served(api, published):
    response = api.get(CSV, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
