"""What a copying client reads in claims: modified_at, dateModified, 410 for retractions, and
the ClaimReview feed by modification."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from claims import services
from claims.models import Claim, Rating
from tests.factories import claim_in_status, published_claim

pytestmark = pytest.mark.django_db


def test_a_correction_moves_modified_at_and_date_modified(api, editor, second_editor):
    claim = claim_in_status("in_review")
    services.claim_publish(claim=claim, actor=editor)
    before = api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["dateModified"]
    other = Rating.objects.exclude(pk=claim.verdict.rating_id).filter(external=False).first()
    services.verdict_correct(claim=claim, actor=second_editor, note="Wrong rating.", rating=other)
    claim.refresh_from_db()
    detail = api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert detail["modified_at"] == claim.modified_at.isoformat().replace("+00:00", "Z")
    review = api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["dateModified"] == claim.modified_at.isoformat(timespec="seconds")
    assert review["dateModified"] >= before
    listed = api.get("/api/v1/claims/").json()["results"][0]
    assert listed["modified_at"] == detail["modified_at"]


def test_a_retracted_claim_is_gone_with_its_note_and_date(api, editor):
    claim = claim_in_status("in_review")
    services.claim_publish(claim=claim, actor=editor)
    services.claim_retract(claim=claim, actor=editor, note="The video was doctored.")
    claim.refresh_from_db()
    for url in (f"/api/v1/claims/{claim.pk}/", f"/api/v1/claims/{claim.pk}/claimreview/"):
        response = api.get(url)
        assert response.status_code == 410, url
        body = response.json()
        assert body["note"] == "The video was doctored."
        assert body["retracted_at"] == claim.modified_at.isoformat().replace("+00:00", "Z")
    # Never published, or unknown: still 404.
    assert api.get(f"/api/v1/claims/{claim_in_status('draft').pk}/").status_code == 404
    assert api.get("/api/v1/claims/999999/").status_code == 404


def test_the_claimreview_feed_by_modification_is_oldest_change_first(api):
    now = timezone.now()
    old = published_claim(published_at=now - dt.timedelta(days=9))
    corrected = published_claim(
        published_at=now - dt.timedelta(days=8), modified_at=now - dt.timedelta(hours=1)
    )
    recent = published_claim(published_at=now - dt.timedelta(days=2))
    since = (now - dt.timedelta(days=3)).isoformat()
    response = api.get("/api/v1/claimreview/", {"modified_after": since})
    assert response.status_code == 200
    urls = [item["url"] for item in response.json()["results"]]
    assert [url.split("/")[-3] for url in urls] == [str(recent.pk), str(corrected.pk)]
    assert str(old.pk) not in " ".join(urls)
    assert api.get("/api/v1/claimreview/", {"modified_after": "yesterday"}).status_code == 400


def test_the_modification_order_is_read_off_an_index():
    from django.db import connection

    sql, params = (
        Claim.objects.published()
        .filter(modified_at__gte=timezone.now())
        .order_by("modified_at", "id")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        # On a near-empty table the planner may prefer any index and a sort; forbidding
        # sequential scans and sorts leaves only an index that yields this order, so the
        # test fails exactly when no such index exists.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "claim_feed_modified_idx" in plan
