"""Every write path leaves an audit-trail event that names the user who acted."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim
from tests.factories import UserFactory, claim_in_status

pytestmark = pytest.mark.django_db


def editor(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def last_change_by(claim: Claim) -> int | None:
    event = claim.history.order_by("pgh_id").last()
    return event.pgh_context.metadata.get("user") if event.pgh_context else None


def test_api_write_is_attributed():
    user = editor()
    claim = claim_in_status("in_review")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    response = client.post(f"/api/v1/claims/{claim.pk}/publish/", {}, HTTP_IF_MATCH="*")
    assert response.status_code == 200
    assert last_change_by(claim) == user.pk


def test_admin_form_save_is_attributed(client):
    user = editor()
    claim = claim_in_status("draft")
    client.force_login(user)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "text": claim.text,
            "context": "Edited in the admin",
            "language": "en",
            "loaded_version": claim.version,
            "topics": [],
        }
    )
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for field in management:
            data[field.html_name] = field.value()
        for inline_form in formset.formset.forms:
            for field in inline_form:
                value = field.value()
                if value is not None:
                    data[field.html_name] = value
    if claim.speaker_id:
        data["speaker"] = claim.speaker_id
    data["stated_on"] = claim.stated_on.isoformat()
    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim.refresh_from_db()
    assert claim.context == "Edited in the admin"
    assert last_change_by(claim) == user.pk


def test_admin_bulk_action_is_attributed(client):
    user = editor()
    claim = claim_in_status("in_review")
    client.force_login(user)
    client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "publish_selected",
            "_selected_action": [claim.pk],
            f"seen_version_{claim.pk}": claim.version,
        },
    )
    claim.refresh_from_db()
    assert claim.status == "published"
    assert last_change_by(claim) == user.pk


def test_management_command_is_attributed():
    user = editor(username="night-editor")
    claim = claim_in_status("in_review")
    call_command(
        "publish_claims", str(claim.pk), "--as", "night-editor", "--commit", stdout=io.StringIO()
    )
    assert last_change_by(claim) == user.pk


def test_raw_sql_changes_are_recorded_too():
    from django.db import connection

    claim = claim_in_status("draft")
    before = claim.history.count()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_claim SET context = 'raw' WHERE id = %s", [claim.pk])
    assert claim.history.count() == before + 1
    assert claim.history.order_by("pgh_id").last().context == "raw"


def test_history_cannot_be_rewritten():
    from django.db import ProgrammingError, connection, transaction

    claim = claim_in_status("draft")
    with (
        pytest.raises(ProgrammingError, match="Cannot update or delete"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM claims_claimhistory WHERE pgh_obj_id = %s", [claim.pk])
    assert claim.history.exists()


def test_claim_page_links_to_its_timeline_and_raw_events_stay_for_superusers(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    claim = claim_in_status("draft")
    client.force_login(user)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    # The claim page's one history link is the readable timeline (issue 18), not raw events.
    assert reverse("admin:claims_claim_history", args=[claim.pk]) in page
    assert f"obj=claims.Claim:{claim.pk}" not in page
    events = client.get(
        reverse("admin:pghistory_events_changelist"),
        {"method": "tracks", "obj": f"claims.Claim:{claim.pk}"},
    )
    assert events.status_code == 200
    assert "insert" in events.content.decode()
