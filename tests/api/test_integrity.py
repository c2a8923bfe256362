"""Issue 13 over the API: four eyes over every contributor, published means frozen (public
updates), a source's URL kept while published fact-checks cite it, our rating scale in the
services, and list inputs capped before any database work."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Correction, Rating, Verdict
from claimtracker.writes import fixture_writes
from tests.api.test_writes import client_for, draft_ready_for_review, etag_of, member, post
from tests.factories import SourceFactory, TopicFactory, published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def checker():
    return client_for(member("Fact-checkers", username="checker"))


@pytest.fixture
def editor():
    return client_for(member("Editors", username="editor"))


@pytest.fixture
def editor2():
    return client_for(member("Editors", username="editor2"))


def put_verdict(client, claim_id: int, **fields):
    body = {
        "rating": "false",
        "summary": "Rewritten by the editor.",
        "analysis": "Nothing of the fact-checker's text is left.",
        "evidence": [{"source": SourceFactory().pk, "stance": "contradicts"}],
    } | fields
    return client.put(
        f"/api/v1/claims/{claim_id}/verdict/",
        body,
        format="json",
        HTTP_IF_MATCH=etag_of(client, claim_id),
    )


# --- Reproductions 1 and 2: four eyes --------------------------------------------------------


def test_author_and_reviewer_are_not_api_input(checker, editor):
    claim_id = draft_ready_for_review(checker)
    response = put_verdict(checker, claim_id, author="editor", reviewer="editor")
    assert response.status_code == 200
    verdict = Verdict.objects.get(claim_id=claim_id)
    assert (verdict.author.username, verdict.reviewer) == ("checker", None)


def test_an_editor_who_rewrote_the_verdict_cannot_publish_it(checker, editor, editor2, api):
    """Reproduction 2: an editor PUTs a new verdict on a claim in review, then publishes."""
    claim_id = draft_ready_for_review(checker)
    assert post(checker, claim_id, "submit").status_code == 200
    assert put_verdict(editor, claim_id).status_code == 200

    refused = post(editor, claim_id, "publish")

    assert refused.status_code == 403
    assert "Four eyes" in refused.json()["detail"]
    assert Claim.objects.get(pk=claim_id).status == "in_review"
    # A third person, who wrote none of it, may publish; the byline names both writers.
    assert post(editor2, claim_id, "publish").status_code == 200
    verdict = api.get(f"/api/v1/claims/{claim_id}/").json()["verdict"]
    assert verdict["contributors"] == ["checker", "editor"]
    assert verdict["author"] == "checker"


def test_putting_the_same_verdict_again_makes_nobody_a_contributor(checker, editor):
    claim_id = draft_ready_for_review(checker)
    assert post(checker, claim_id, "submit").status_code == 200
    current = checker.get(f"/api/v1/claims/{claim_id}/").json()["verdict"]
    same = put_verdict(
        editor,
        claim_id,
        rating=current["rating"]["slug"],
        summary=current["summary"],
        analysis=current["analysis"],
        evidence=[
            {"source": item["source"]["id"], "stance": item["stance"], "note": item["note"]}
            for item in current["evidence"]
        ],
    )
    assert same.status_code == 200
    assert post(editor, claim_id, "publish").status_code == 200


def test_claimreview_author_lists_the_organisation_then_the_contributors(checker, editor, api):
    claim_id = draft_ready_for_review(checker)
    post(checker, claim_id, "submit")
    assert post(editor, claim_id, "publish").status_code == 200
    review = api.get(f"/api/v1/claims/{claim_id}/claimreview/").json()
    organisation, person = review["author"]
    assert organisation["@type"] == "Organization"
    assert person == {"@type": "Person", "name": "checker"}
    page = api.get(f"/claims/{claim_id}/", follow=True).content.decode()
    assert "Fact-checked by checker, " in page


# --- Reproduction 5: our scale, in the services ------------------------------------------------


@pytest.fixture
def external_rating():
    with fixture_writes("test data written by hand"):
        return Rating.objects.create(slug="pants-on-fire", label="Pants on Fire", external=True)


def test_a_verdict_refuses_an_imported_rating(checker, external_rating):
    claim_id = draft_ready_for_review(checker)
    response = put_verdict(checker, claim_id, rating="pants-on-fire")
    assert response.status_code == 400
    assert "our own scale" in response.json()["rating"][0]
    assert Verdict.objects.get(claim_id=claim_id).rating.slug == "misleading"


def test_a_correction_refuses_an_imported_rating(editor, external_rating):
    claim = published_claim()
    response = editor.post(
        f"/api/v1/claims/{claim.pk}/corrections/",
        {"note": "Re-rated.", "rating": "pants-on-fire"},
        format="json",
        HTTP_IF_MATCH=etag_of(editor, claim.pk),
    )
    assert response.status_code == 400
    assert "rating" in response.json()
    assert not Correction.objects.filter(claim=claim).exists()


# --- Reproduction 9: list inputs capped before any database work ---------------------------------


@pytest.mark.parametrize(
    ("path", "method", "body", "named"),
    [
        ("/api/v1/claims/", "post", {"text": "x", "topics": ["5g"] * 10_000}, "topics"),
        (
            "/api/v1/claims/",
            "post",
            {"text": "x", "appearances": [{"source": 1}] * 10_000},
            "appearances",
        ),
        (
            "/api/v1/claims/{claim}/verdict/",
            "put",
            {"rating": None, "summary": "", "evidence": [{"source": 1, "stance": "x"}] * 5_000},
            "evidence",
        ),
        (
            "/api/v1/speakers/",
            "post",
            {"name": "Someone", "slug": "someone", "aliases": ["Mx Someone"] * 10_000},
            "aliases",
        ),
    ],
    ids=["topics", "appearances", "evidence", "aliases"],
)
def test_a_huge_list_is_refused_before_any_database_work(editor, path, method, body, named):
    TopicFactory(slug="5g")
    with fixture_writes("test data written by hand"):
        claim = Claim.objects.create(text="A draft.")
    with CaptureQueriesContext(connection) as queries:
        response = getattr(editor, method)(
            path.format(claim=claim.pk), body, format="json", HTTP_IF_MATCH="*"
        )
    assert response.status_code == 400
    assert named in response.json()
    assert "no more than" in str(response.json()[named])
    # Authentication only (token, user, permissions): nothing per item.
    assert len(queries) <= 4, [q["sql"] for q in queries.captured_queries]


def test_topic_slugs_are_looked_up_in_one_query(editor):
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(20)]
    with CaptureQueriesContext(connection) as queries:
        response = editor.post(
            "/api/v1/claims/", {"text": "x", "topics": [t.slug for t in topics]}, format="json"
        )
    assert response.status_code == 201
    topic_reads = [q for q in queries.captured_queries if 'FROM "claims_topic"' in q["sql"]]
    assert len(topic_reads) <= 3  # the lookup, the set(), the response


def test_an_unknown_topic_is_named(editor):
    response = editor.post("/api/v1/claims/", {"text": "x", "topics": ["nope"]}, format="json")
    assert response.status_code == 400
    assert "nope" in response.json()["topics"][0]


# --- Reproduction 3 and published means frozen: public updates ---------------------------------


def update(client, claim_id: int, **body):
    return client.post(
        f"/api/v1/claims/{claim_id}/updates/",
        body,
        format="json",
        HTTP_IF_MATCH=etag_of(client, claim_id),
    )


def test_a_public_update_replaces_a_dead_link_and_is_shown_everywhere(editor, api):
    claim = published_claim()
    dead = claim.verdict.evidence.get()
    archived = SourceFactory(url="https://web.archive.org/web/2019/https://example.org/law")
    old_etag = etag_of(api, claim.pk)

    response = update(
        editor,
        claim.pk,
        note="The law's page moved; we link the archived copy.",
        evidence=[{"source": archived.pk, "stance": dead.stance, "note": dead.note}],
    )

    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "update"
    assert response["ETag"] != old_etag
    detail = api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert [e["source"]["url"] for e in detail["verdict"]["evidence"]] == [archived.url]
    [record] = detail["corrections"]
    assert (record["kind"], record["note"]) == (
        "update",
        "The law's page moved; we link the archived copy.",
    )
    assert detail["verdict"]["rating"]["slug"] == "false"  # the verdict stands
    review = api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    [comment] = review["correction"]
    assert comment["@type"] == "CorrectionComment"
    assert comment["name"] == "Update"
    page = api.get(f"/claims/{claim.pk}/", follow=True).content.decode()
    assert "The law&#x27;s page moved" in page
    assert "Update" in page
    claim.refresh_from_db()
    assert claim.modified_at is not None
    assert claim.events.get(action="update").actor.username == "editor"


def test_a_public_update_needs_a_note_an_editor_and_a_change(editor, checker):
    claim = published_claim()
    assert update(editor, claim.pk, note="", context="New.").status_code == 400
    assert update(checker, claim.pk, note="Typo.", context="New.").status_code == 403
    unchanged = update(editor, claim.pk, note="Nothing.", context=claim.context)
    assert unchanged.status_code == 400
    assert "must change something" in str(unchanged.json())
    assert not Correction.objects.filter(claim=claim).exists()


def test_a_public_update_needs_if_match(editor):
    claim = published_claim()
    response = editor.post(
        f"/api/v1/claims/{claim.pk}/updates/", {"note": "x", "context": "y"}, format="json"
    )
    assert response.status_code == 428


def test_a_draft_is_edited_not_publicly_updated(editor):
    with fixture_writes("test data written by hand"):
        claim = Claim.objects.create(text="A draft.")
    assert update(editor, claim.pk, note="x", context="y").status_code == 409


def test_the_public_update_endpoint_is_documented(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/claims/{id}/updates/"]["post"]
    assert {p["name"] for p in operation["parameters"]} >= {"If-Match"}
    assert {"201", "400", "403", "409", "412", "428"} <= set(operation["responses"])


# --- Reproduction 3: a cited source ------------------------------------------------------------


def patch_source(client, source, **body):
    return client.patch(f"/api/v1/sources/{source.pk}/", body, format="json")


def test_the_url_of_a_source_a_published_fact_check_cites_cannot_change(editor):
    claim = published_claim()
    source = claim.verdict.evidence.get().source
    before = source.url

    response = patch_source(editor, source, url="https://elsewhere.example.org/", note="Moved.")

    assert response.status_code == 409
    assert "cited by published fact-checks" in response.json()["detail"]
    assert f"#{claim.pk}" in response.json()["detail"]
    source.refresh_from_db()
    assert source.url == before


def test_other_edits_to_a_cited_source_are_public_updates(editor, checker, api):
    claim = published_claim()
    source = claim.appearances.get().source
    old_etag = etag_of(api, claim.pk)

    assert patch_source(editor, source, title="Renamed").status_code == 400  # no note
    assert patch_source(checker, source, title="Renamed", note="Title fixed.").status_code == 403
    response = patch_source(editor, source, title="Renamed", note="The article's title fixed.")

    assert response.status_code == 200
    [record] = Correction.objects.filter(claim=claim)
    assert (record.kind, record.note) == ("update", "The article's title fixed.")
    assert etag_of(api, claim.pk) != old_etag
    # Internal fields are not public: no update.
    assert patch_source(editor, source, notes="Checked the archive.").status_code == 200
    assert Correction.objects.filter(claim=claim).count() == 1


def test_a_source_only_drafts_cite_changes_freely(editor):
    source = SourceFactory()
    response = patch_source(editor, source, url="https://moved.example.org/a")
    assert response.status_code == 200
