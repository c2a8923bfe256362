"""The write API: tokens, the workflow over HTTP, If-Match, and the errors a client sees."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, ClaimEvent, Correction
from tests.factories import TEST_PASSWORD, SourceFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


def member(group: str | None, **kwargs):
    user = UserFactory(**kwargs)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def checker():
    return client_for(member("Fact-checkers", username="checker"))


@pytest.fixture
def editor():
    return client_for(member("Editors", username="editor"))


@pytest.fixture
def editor2():
    return client_for(member("Editors", username="editor2"))


def etag_of(client, claim_id: int) -> str:
    response = client.get(f"/api/v1/claims/{claim_id}/")
    assert response.status_code == 200
    return response["ETag"]


def post(client, claim_id: int, action: str, **data):
    return client.post(
        f"/api/v1/claims/{claim_id}/{action}/",
        data,
        format="json",
        HTTP_IF_MATCH=etag_of(client, claim_id),
    )


def draft_ready_for_review(client) -> int:
    speaker = SpeakerFactory(slug="ren-zhengfei")
    article, law = SourceFactory(), SourceFactory()
    created = client.post(
        "/api/v1/claims/",
        {
            "text": "No law in China requires any company to install mandatory backdoors",
            "speaker": speaker.slug,
            "stated_on": "2019-01-15",
            "appearances": [{"source": article.pk, "first": True}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    claim_id = created.json()["id"]
    verdict = client.put(
        f"/api/v1/claims/{claim_id}/verdict/",
        {
            "rating": "misleading",
            "summary": "Article 7 obliges cooperation.",
            "evidence": [{"source": law.pk, "stance": "contradicts", "note": "Article 7"}],
        },
        format="json",
        HTTP_IF_MATCH=created["ETag"],
    )
    assert verdict.status_code == 200, verdict.json()
    return claim_id


def test_token_endpoint_gives_a_token_for_a_username_and_password():
    user = member("Fact-checkers", username="checker")
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "checker", "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=user).key
    wrong = APIClient().post(
        "/api/v1/auth/token/", {"username": "checker", "password": "nope"}, format="json"
    )
    assert wrong.status_code == 400


def test_the_whole_workflow_over_the_api(checker, editor, editor2, api):
    claim_id = draft_ready_for_review(checker)
    assert post(checker, claim_id, "submit").json()["status"] == "in_review"
    sent_back = post(editor, claim_id, "request-changes", note="Cite the law's text.")
    assert sent_back.json()["status"] == "changes_requested"
    assert post(checker, claim_id, "resubmit").json()["status"] == "in_review"
    published = post(editor2, claim_id, "publish")
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    listed = api.get("/api/v1/claims/", {"speaker": "ren-zhengfei"}).json()["results"]
    assert [item["id"] for item in listed] == [claim_id]
    actions = list(ClaimEvent.objects.filter(claim_id=claim_id).values_list("action", flat=True))
    assert actions == ["submit", "request_changes", "resubmit", "publish"]


def test_a_correction_shows_on_the_api_and_the_public_page(checker, editor, editor2, api):
    claim_id = draft_ready_for_review(checker)
    post(checker, claim_id, "submit")
    post(editor2, claim_id, "publish")
    response = post(editor, claim_id, "corrections", rating="false", note="New evidence.")
    assert response.status_code == 201
    assert response.json()["old_rating"]["slug"] == "misleading"
    assert response.json()["new_rating"]["slug"] == "false"
    detail = api.get(f"/api/v1/claims/{claim_id}/").json()
    assert detail["rating"]["slug"] == "false"
    assert detail["corrections"][0]["note"] == "New evidence."
    page = api.get(f"/claims/{claim_id}/", follow=True).content.decode()
    assert "New evidence." in page


def test_author_cannot_publish_own_verdict_over_the_api(editor):
    claim_id = draft_ready_for_review(editor)
    post(editor, claim_id, "submit")
    response = post(editor, claim_id, "publish")
    assert response.status_code == 403
    assert "Four eyes" in response.json()["detail"]
    assert Claim.objects.get(pk=claim_id).status == "in_review"


def test_writes_need_if_match(checker):
    claim_id = draft_ready_for_review(checker)
    response = checker.post(f"/api/v1/claims/{claim_id}/submit/", {}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert Claim.objects.get(pk=claim_id).status == "draft"


def test_a_stale_etag_is_refused_with_the_current_one(checker):
    claim_id = draft_ready_for_review(checker)
    stale = etag_of(checker, claim_id)
    first = checker.patch(
        f"/api/v1/claims/{claim_id}/", {"context": "First edit"}, format="json", HTTP_IF_MATCH=stale
    )
    assert first.status_code == 200
    second = checker.patch(
        f"/api/v1/claims/{claim_id}/",
        {"context": "Second edit"},
        format="json",
        HTTP_IF_MATCH=stale,
    )
    assert second.status_code == 412
    assert second["ETag"] == first["ETag"]
    assert second.json()["current_version"] == Claim.objects.get(pk=claim_id).version
    assert Claim.objects.get(pk=claim_id).context == "First edit"


@pytest.mark.parametrize("header", ['"garbage"', 'W/"v1"', '"v999.abc"'])
def test_an_if_match_that_names_no_current_version_is_a_412(checker, header):
    claim_id = draft_ready_for_review(checker)
    response = checker.post(
        f"/api/v1/claims/{claim_id}/submit/", {}, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 412


def test_illegal_transition_is_a_409_naming_status_and_allowed_actions(checker, editor):
    claim_id = draft_ready_for_review(checker)
    response = post(editor, claim_id, "publish")
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "draft"
    assert body["allowed_actions"] == ["submit"]
    assert "draft" in body["detail"]


def test_missing_requirements_are_a_400_listing_each(checker):
    created = checker.post("/api/v1/claims/", {"text": "An unfinished claim"}, format="json")
    response = post(checker, created.json()["id"], "submit")
    assert response.status_code == 400
    assert len(response.json()["claim"]) == 4


def test_note_is_required_to_reject(editor, checker):
    claim_id = draft_ready_for_review(checker)
    post(checker, claim_id, "submit")
    response = post(editor, claim_id, "reject")
    assert response.status_code == 400
    assert "note" in response.json()


def test_published_claims_are_not_edited_in_place(checker, editor2):
    claim_id = draft_ready_for_review(checker)
    post(checker, claim_id, "submit")
    post(editor2, claim_id, "publish")
    response = checker.patch(
        f"/api/v1/claims/{claim_id}/",
        {"text": "Rewritten"},
        format="json",
        HTTP_IF_MATCH=etag_of(checker, claim_id),
    )
    assert response.status_code == 409
    assert "correction" in response.json()["detail"]


def test_duplicate_source_address_is_a_400_naming_the_existing_source(checker):
    existing = SourceFactory(url="https://www.bbc.com/news/business-46870658")
    response = checker.post(
        "/api/v1/sources/",
        {"url": "https://WWW.bbc.com/news/business-46870658/?utm_source=x", "title": "Again"},
        format="json",
    )
    assert response.status_code == 400
    assert f"#{existing.pk}" in response.json()["url"][0]


def test_speakers_topics_and_sources_are_created_and_edited(checker, editor):
    speaker = checker.post(
        "/api/v1/speakers/",
        {"name": "Meng Wanzhou", "slug": "meng-wanzhou", "aliases": ["Ms Meng"]},
        format="json",
    )
    assert speaker.status_code == 201
    assert speaker.json()["aliases"] == ["Ms Meng"]
    edited = checker.patch("/api/v1/speakers/meng-wanzhou/", {"role": "Huawei CFO"}, format="json")
    assert edited.json()["role"] == "Huawei CFO"
    assert checker.post("/api/v1/topics/", {"name": "5G", "slug": "5g"}).status_code == 201
    assert editor.patch("/api/v1/topics/5g/", {"name": "5G networks"}).json()["name"] == (
        "5G networks"
    )
    source = checker.post(
        "/api/v1/sources/", {"url": "https://example.org/a", "title": "A"}, format="json"
    )
    assert source.status_code == 201
    assert checker.get(f"/api/v1/sources/{source.json()['id']}/").status_code == 200


def test_history_lists_workflow_and_changes_with_the_actor(checker, editor2):
    claim_id = draft_ready_for_review(checker)
    post(checker, claim_id, "submit")
    post(editor2, claim_id, "publish")
    staff = member("Editors", username="boss", is_staff=True)
    body = client_for(staff).get(f"/api/v1/claims/{claim_id}/history/").json()
    assert [step["action"] for step in body["workflow"]] == ["submit", "publish"]
    assert body["workflow"][1]["actor"] == "editor2"
    checker_id = Claim.objects.get(pk=claim_id).created_by_id
    claim_changes = [row for row in body["changes"] if row["model"] == "claims.ClaimHistory"]
    assert claim_changes[0]["event"] == "insert"
    assert claim_changes[0]["user_id"] == checker_id


def test_history_is_for_staff_only(checker, api):
    claim_id = draft_ready_for_review(checker)
    assert checker.get(f"/api/v1/claims/{claim_id}/history/").status_code == 403
    assert api.get(f"/api/v1/claims/{claim_id}/history/").status_code in (401, 403, 404)


def test_correction_count_unchanged_when_a_correction_is_refused(checker, editor):
    claim_id = draft_ready_for_review(checker)
    response = post(editor, claim_id, "corrections", rating="false", note="Too early")
    assert response.status_code == 409
    assert not Correction.objects.exists()


def test_a_race_on_a_unique_value_is_a_409_not_a_500(checker, monkeypatch):
    from claims.models import Speaker

    SpeakerFactory(slug="taken")
    # As if the other request inserted "taken" between our validation and our insert.
    monkeypatch.setattr(Speaker, "validate_unique", lambda self, exclude=None: None)
    response = checker.post("/api/v1/speakers/", {"name": "Someone", "slug": "taken"})
    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"
    assert Speaker.objects.filter(slug="taken").count() == 1


def test_a_workflow_write_loads_the_claim_detail_once(editor, django_assert_max_num_queries):
    """The write looks the claim up bare; only the response loads its evidence and the rest."""
    from tests.factories import claim_in_status

    claim = claim_in_status("in_review")
    etag = etag_of(editor, claim.pk)
    # 22; 3 for the change feed (its lock, the event, the webhook subscribers); 1 for four
    # eyes over every contributor, not only the author; 4 for the notifications (who works
    # on the claim, their accounts, the rows, the e-mail job).
    with django_assert_max_num_queries(30) as captured:
        response = editor.post(f"/api/v1/claims/{claim.pk}/publish/", {}, HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    # Reads of evidence rows (the ETag's digest only looks at them inside its claim query).
    evidence_reads = [
        q
        for q in captured.captured_queries
        if q["sql"].split(" FROM ", 1)[-1].startswith('"claims_evidence"')
    ]
    # One for the publication check (the verdict needs evidence); the response reads the
    # evidence inside its one detail query (claims/fast_detail.py, written_claim_detail).
    assert len(evidence_reads) == 1
    details = [q for q in captured.captured_queries if "v.analysis, v.published_at" in q["sql"]]
    assert len(details) == 1
    assert response.json()["verdict"]["evidence"]


def test_a_write_to_a_claim_id_that_is_not_a_number_is_a_404(editor):
    response = editor.post("/api/v1/claims/abc/publish/", {}, HTTP_IF_MATCH="*")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
