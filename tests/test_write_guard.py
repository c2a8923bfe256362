"""The write guard: a write to a domain model outside a service fails loudly in tests.

Includes a deliberate bypass, an admin page and an inline written the way Django makes easy
(``obj.save()``), to show that a page added later without its service is caught.
"""

from __future__ import annotations

import re

import pghistory.models
import pytest
from django.apps import apps
from django.contrib import admin
from django.test import override_settings
from django.urls import path

from claims import services
from claims.models import Claim, Speaker, SpeakerAlias, Topic
from claimtracker.writes import UnsanctionedWrite, fixture_writes, is_guarded
from tests.factories import ClaimFactory, SpeakerFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

# --- A deliberate bypass: an admin site whose pages save the way Django does by default. ----

bypass_site = admin.AdminSite(name="bypass")


@admin.register(Topic, site=bypass_site)
class TopicAdminWithoutService(admin.ModelAdmin):
    """A page someone adds later and forgets to route through topic_create."""


class AliasInlineWithoutService(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


@admin.register(Speaker, site=bypass_site)
class SpeakerAdminWithAnUnroutedInline(admin.ModelAdmin):
    """The speaker itself through the service, but its inline left to Django."""

    fields = ["name", "slug", "kind", "country"]
    inlines = [AliasInlineWithoutService]

    def save_model(self, request, obj, form, change):
        saved = services.speaker_create(actor=request.user, **form.cleaned_data)
        obj.pk, obj._state.adding = saved.pk, False


urlpatterns = [path("bypass/", bypass_site.urls)]


def test_every_domain_model_is_guarded():
    models = [
        model
        for app in ("claims", "sources", "sync")
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, pghistory.models.Event)
    ]
    assert len(models) >= 14
    assert [model for model in models if not is_guarded(model)] == []


@pytest.mark.parametrize(
    ("write", "operation"),
    [
        (lambda: SpeakerFactory.build(slug="direct").save(), "save()"),
        (lambda: Topic.objects.create(name="Direct", slug="direct"), "save()"),
        (lambda: Claim.objects.filter(pk=ClaimFactory().pk).update(text="x"), "update()"),
        (lambda: Claim.objects.filter(pk=ClaimFactory().pk).delete(), "delete()"),
        (lambda: ClaimFactory().delete(), "delete()"),
        (lambda: Topic.objects.bulk_create([Topic(name="B", slug="b")]), "bulk_create()"),
        (lambda: ClaimFactory().topics.add(TopicFactory()), "many-to-many add"),
        (lambda: SpeakerFactory().aliases.create(name="Mr X"), "save()"),
    ],
    ids=["save", "create", "update", "queryset-delete", "delete", "bulk-create", "m2m", "related"],
)
def test_a_write_outside_a_service_fails_loudly(write, operation):
    with pytest.raises(UnsanctionedWrite, match=re.escape(operation)) as refused:
        write()
    assert "outside a service" in str(refused.value)


def test_services_and_fixtures_may_write():
    topic = services.topic_create(actor=None, name="Sanctions", slug="sanctions")
    with fixture_writes("a test's own data"):
        Topic.objects.filter(pk=topic.pk).update(description="Set by a fixture.")
    topic.refresh_from_db()
    assert topic.description == "Set by a fixture."


@override_settings(CLAIMTRACKER_WRITE_GUARD=False)
def test_the_guard_is_off_in_production_settings():
    from claimtracker.settings import base

    assert base.CLAIMTRACKER_WRITE_GUARD is False
    Topic.objects.create(name="Unguarded", slug="unguarded")


@pytest.mark.urls(__name__)
def test_an_admin_page_added_without_its_service_is_caught(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with pytest.raises(UnsanctionedWrite, match=r"save\(\) of claims\.Topic"):
        client.post("/bypass/claims/topic/add/", {"name": "Trade", "slug": "trade"})
    assert not Topic.objects.filter(slug="trade").exists()


@pytest.mark.urls(__name__)
def test_an_inline_left_to_django_is_caught(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    form = {
        "name": "Meng Wanzhou",
        "slug": "meng-wanzhou",
        "kind": "person",
        "country": "CN",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Ms Meng",
    }
    with pytest.raises(UnsanctionedWrite, match=r"save\(\) of claims\.SpeakerAlias"):
        client.post("/bypass/claims/speaker/add/", form)
    # The admin's transaction rolled back the speaker too.
    assert not Speaker.objects.filter(slug="meng-wanzhou").exists()


def test_the_real_admin_saves_the_same_inline_through_the_service(admin_client):
    form = {
        "name": "Meng Wanzhou",
        "slug": "meng-wanzhou",
        "kind": "person",
        "role": "",
        "affiliation": "",
        "country": "CN",
        "same_as": "",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Ms Meng",
    }
    response = admin_client.post("/admin/claims/speaker/add/", form)
    assert response.status_code == 302
    speaker = Speaker.objects.get(slug="meng-wanzhou")
    assert [alias.name for alias in speaker.aliases.all()] == ["Ms Meng"]
