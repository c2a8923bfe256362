"""The claim form saves through claim_create and claim_update, and refuses stale edits."""

from __future__ import annotations

import pytest
from django.db.models import F
from django.urls import reverse

from claims import services
from claims.models import Appearance, Claim
from claimtracker.writes import fixture_writes
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory, TopicFactory

pytestmark = pytest.mark.django_db

INLINES = ["appearances", "verdict", "evidence", "corrections", "events"]


def form_data(claim: Claim, *, loaded_version: int | None = None, **changes) -> dict:
    """What the change form posts for ``claim``, with ``changes``; inlines left untouched."""
    data = {
        "text": claim.text,
        "claim_reviewed": claim.claim_reviewed,
        "speaker": claim.speaker_id or "",
        "stated_on": claim.stated_on.isoformat() if claim.stated_on else "",
        "context": claim.context,
        "topics": [topic.pk for topic in claim.topics.all()] if claim.pk else [],
        "language": claim.language,
        "assigned_to": claim.assigned_to_id or "",
        "loaded_version": loaded_version or claim.version,
        "_continue": "Save and continue editing",
    }
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": 0,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    return data | changes


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def non_field_errors(response) -> list[str]:
    return list(response.context["adminform"].form.non_field_errors())


def test_the_form_carries_the_version_it_was_opened_with(client, editor):
    claim = ClaimFactory(version=3)
    client.force_login(editor)
    page = client.get(change_url(claim)).content.decode()
    assert 'name="loaded_version" value="3"' in page


def test_an_edit_goes_through_the_service_and_is_attributed(client, editor):
    claim = ClaimFactory()
    assignee = editor
    client.force_login(editor)
    response = client.post(
        change_url(claim), form_data(claim, text="Edited text.", assigned_to=assignee.pk)
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.text, claim.assigned_to, claim.version) == ("Edited text.", assignee, 2)
    assert claim.history.last().pgh_context.metadata["user"] == editor.pk


def test_a_stale_save_is_refused_and_the_first_edit_survives(client, editor, member):
    claim = ClaimFactory(text="Original.")
    other = member("Editors")
    client.force_login(other)
    first = client.post(change_url(claim), form_data(claim, text="First edit.", loaded_version=1))
    assert first.status_code == 302

    client.force_login(editor)
    second = client.post(change_url(claim), form_data(claim, text="Second.", loaded_version=1))

    assert second.status_code == 200
    [error] = non_field_errors(second)
    assert error.startswith("This claim was changed by someone else since you opened it")
    assert "your edits were not saved" in error
    # The user keeps what they typed, to copy it over after reloading.
    assert "Second." in second.content.decode()
    claim.refresh_from_db()
    assert (claim.text, claim.version) == ("First edit.", 2)


def test_a_race_after_validation_is_still_refused_by_the_service(client, editor, monkeypatch):
    claim = ClaimFactory(text="Original.")
    real_update = services.claim_update

    def someone_saves_first(**kwargs):
        with fixture_writes("another editor's save, just before ours"):
            Claim.objects.filter(pk=claim.pk).update(text="Theirs.", version=F("version") + 1)
        return real_update(**kwargs)

    monkeypatch.setattr(services, "claim_update", someone_saves_first)
    client.force_login(editor)
    response = client.post(change_url(claim), form_data(claim, text="Mine."))

    # The same form again, with what the user typed and why nothing was saved.
    assert response.status_code == 200
    [error] = non_field_errors(response)
    assert "changed by someone else" in error
    claim.refresh_from_db()
    # The admin's transaction rolled back everything, the other edit included; nothing of
    # this save was written.
    assert claim.text == "Original."


def test_adding_a_claim_creates_it_through_the_service_with_inlines_and_topics(client, editor):
    speaker, topic, source = SpeakerFactory(), TopicFactory(), SourceFactory()
    client.force_login(editor)
    data = form_data(
        Claim(text="A new claim.", language="en", speaker=speaker),
        loaded_version="",
    )
    data |= {
        "topics": [topic.pk],
        "appearances-TOTAL_FORMS": 1,
        "appearances-0-source": source.pk,
        "appearances-0-is_first": "on",
        "appearances-0-note": "",
    }
    response = client.post(reverse("admin:claims_claim_add"), data)

    assert response.status_code == 302
    claim = Claim.objects.get(text="A new claim.")
    assert (claim.status, claim.created_by, claim.speaker) == ("draft", editor, speaker)
    assert list(claim.topics.all()) == [topic]
    assert Appearance.objects.get(claim=claim).source == source
    assert claim.history.last().pgh_context.metadata["user"] == editor.pk


def test_a_published_claim_is_read_only_and_a_forced_save_is_refused(client, editor, ready_claim):
    claim = ready_claim("published")
    client.force_login(editor)
    page = client.get(change_url(claim))
    content = page.content.decode()
    assert 'name="text"' not in content
    assert 'name="_save"' not in content
    assert "appearances-0-source" not in content

    response = client.post(change_url(claim), form_data(claim, text="Rewritten."))

    assert response.status_code == 200
    [error] = non_field_errors(response)
    assert "A published claim cannot be edited" in error
    claim.refresh_from_db()
    assert claim.text != "Rewritten."


def test_a_published_verdict_is_not_editable_on_its_own_page(client, editor, ready_claim):
    claim = ready_claim("published")
    client.force_login(editor)
    url = reverse("admin:claims_verdict_change", args=[claim.verdict.pk])
    assert client.get(url).context["has_change_permission"] is False
    assert client.post(url, {"summary": "Sneaky."}).status_code == 403


def test_a_near_duplicate_claim_links_to_the_existing_one(client, demo):
    from django.contrib.auth.models import Group

    from claims.models import Speaker
    from tests.factories import UserFactory

    checker = UserFactory(username="dup-checker", is_staff=True)
    checker.groups.add(Group.objects.get(name="Fact-checkers"))
    client.force_login(checker)
    existing = Claim.objects.get(text__startswith="No law in China")
    new = Claim(
        text="China has no law that requires companies to install backdoors",
        speaker=Speaker.objects.get(slug="donald-trump"),
    )
    data = form_data(new, loaded_version=1)
    data.pop("loaded_version")
    response = client.post(
        reverse("admin:claims_claim_add"),
        data,
        follow=True,
    )
    page = response.content.decode()
    assert "This may have been checked before" in page
    link = reverse("admin:claims_claim_change", args=[existing.pk])
    assert f'href="{link}"' in page
    assert 'id="similar-claims"' in page
