"""The verdict's own admin page: saving it moves the claim's version on, like every write."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token

from claims.models import Claim, Verdict
from claimtracker.writes import fixture_writes


def verdict_form(verdict, *, note: str) -> dict:
    """What the verdict page posts: the verdict's fields and its one piece of evidence."""
    [evidence] = verdict.evidence.all()
    return {
        "claim": verdict.claim_id,
        "rating": verdict.rating_id or "",
        "summary": verdict.summary,
        "analysis": verdict.analysis,
        "loaded_version": verdict.claim.version,
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "1",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-id": evidence.pk,
        "evidence-0-verdict": verdict.pk,
        "evidence-0-source": evidence.source_id,
        "evidence-0-stance": evidence.stance,
        "evidence-0-note": note,
        "_save": "Save",
    }


def test_editing_evidence_on_the_verdict_page_bumps_the_claim_version(client, editor, ready_claim):
    claim = ready_claim(Claim.Status.DRAFT)
    client.force_login(editor)
    stale_etag = client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    url = reverse("admin:claims_verdict_change", args=[claim.verdict.pk])

    response = client.post(url, verdict_form(claim.verdict, note="Article 7 says otherwise."))

    assert response.status_code == 302
    assert claim.verdict.evidence.get().note == "Article 7 says otherwise."
    before = claim.version
    claim.refresh_from_db()
    assert claim.version == before + 1
    # A client that read the claim before the edit cannot overwrite it.
    token = Token.objects.create(user=editor).key
    client.logout()
    refused = client.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"context": "Stale edit."},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_IF_MATCH=stale_etag,
    )
    assert refused.status_code == 412


def add_verdict_form(claim) -> dict:
    """What the verdict add page posts: a claim and a summary, no evidence."""
    return {
        "claim": claim.pk,
        "rating": "",
        "summary": "Added afterwards.",
        "analysis": "",
        "author": "",
        "reviewer": "",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }


def test_adding_a_verdict_to_a_rejected_claim_is_a_form_error_not_a_500(
    client, editor, ready_claim
):
    claim = ready_claim(Claim.Status.REJECTED)
    with fixture_writes("test data written by hand"):
        claim.verdict.delete()
    client.force_login(editor)

    response = client.post(reverse("admin:claims_verdict_add"), add_verdict_form(claim))

    assert response.status_code == 200  # the form again, with the reason
    errors = response.context["adminform"].form.errors
    assert "rejected" in " ".join(errors["claim"])
    assert not Verdict.objects.filter(claim=claim).exists()


def test_a_claim_rejected_while_its_verdict_form_was_open_is_refused_on_the_form(
    client, editor, ready_claim, monkeypatch
):
    claim = ready_claim(Claim.Status.DRAFT)
    with fixture_writes("test data written by hand"):
        claim.verdict.delete()
    client.force_login(editor)
    # The form saw a draft; the claim is rejected before the save reaches the service.
    monkeypatch.setattr("claims.admin.verdicts.is_locked", lambda claim: False)
    with fixture_writes("test data written by hand"):
        Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.REJECTED)

    response = client.post(reverse("admin:claims_verdict_add"), add_verdict_form(claim))

    # The service's refusal is shown on the form, not a 500; nothing is saved.
    assert response.status_code == 200
    assert "rejected" in response.content.decode()
    assert not Verdict.objects.filter(claim=claim).exists()
