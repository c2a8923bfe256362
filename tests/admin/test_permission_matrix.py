"""Who may open and submit each admin page: add, change and delete, GET and POST, per role.

The expected statuses are written out, per model and role, from what each role is for:
fact-checkers research and write, editors also file topics and publish, only a superuser
changes the rating scale or deletes (a claim the public never saw, through claim_delete);
editors also keep the rating labels (each rating's wording per language).
Pages of rows that services write (appearances and evidence outside their claim, aliases
outside their speaker, corrections, workflow events, imported reviews, reported speech, the
review queue) are read-only for everyone.

The verdict, evidence, appearance, contributor, workflow-event, alias, imported-review and
reported-speech pages are out of the menus (the verdict, its evidence and the appearances are
worked on on the claim's page): every role gets the same answers on their URLs as before
(below), but no role finds a link to them on the home page, an app's page or the side menu.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from claims import services
from claims.models import (
    Appearance,
    Claim,
    ClaimEvent,
    ClaimInReview,
    Correction,
    Evidence,
    ExternalReview,
    Rating,
    RatingLabel,
    Speaker,
    SpeakerAlias,
    Topic,
    Verdict,
    VerdictContributor,
)
from claimtracker.writes import fixture_writes
from sources.models import Publisher, ReportedSpeech, Source
from tests import snapshots
from tests.factories import (
    CorrectionFactory,
    SpeakerAliasFactory,
    TopicFactory,
    UserFactory,
    claim_in_status,
    published_claim,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "fact_checker", "editor", "superuser"]
# What each role may do on each page: a(dd), c(hange), v(iew), d(elete). Staff without a
# role may do nothing; anonymous visitors are sent to the login page.
CAN = {
    Claim: {"fact_checker": "acv", "editor": "acv", "superuser": "acvd"},
    ClaimInReview: {"fact_checker": "v", "editor": "v", "superuser": "v"},
    Appearance: {"fact_checker": "v", "editor": "v", "superuser": "v"},
    Verdict: {"fact_checker": "acv", "editor": "acv", "superuser": "acv"},
    Evidence: {"fact_checker": "v", "editor": "v", "superuser": "v"},
    VerdictContributor: {"fact_checker": "", "editor": "", "superuser": "v"},
    Correction: {"fact_checker": "v", "editor": "v", "superuser": "v"},
    ClaimEvent: {"fact_checker": "v", "editor": "v", "superuser": "v"},
    ExternalReview: {"fact_checker": "", "editor": "", "superuser": "v"},
    Speaker: {"fact_checker": "acv", "editor": "acv", "superuser": "acv"},
    SpeakerAlias: {"fact_checker": "v", "editor": "v", "superuser": "v"},
    Topic: {"fact_checker": "av", "editor": "acv", "superuser": "acv"},
    Rating: {"fact_checker": "v", "editor": "v", "superuser": "acv"},
    RatingLabel: {"fact_checker": "v", "editor": "acvd", "superuser": "acvd"},
    Publisher: {"fact_checker": "acv", "editor": "acv", "superuser": "acv"},
    Source: {"fact_checker": "acv", "editor": "acv", "superuser": "acv"},
    ReportedSpeech: {"fact_checker": "", "editor": "", "superuser": "v"},
}
PAGES = [
    ("add", "GET"),
    ("add", "POST"),
    ("change", "GET"),
    ("change", "POST"),
    ("delete", "GET"),
    ("delete", "POST"),
]


def expected_statuses(model, role: str) -> dict[tuple[str, str], int]:
    if role == "anonymous":
        return dict.fromkeys(PAGES, 302)
    can = CAN[model].get(role, "")
    return {
        # An empty add or change form comes back with its errors (200): nothing is saved.
        ("add", "GET"): 200 if "a" in can else 403,
        ("add", "POST"): 200 if "a" in can else 403,
        ("change", "GET"): 200 if ("c" in can or "v" in can) else 403,
        ("change", "POST"): 200 if "c" in can else 403,
        ("delete", "GET"): 200 if "d" in can else 403,
        # A confirmed delete redirects to the list.
        ("delete", "POST"): 302 if "d" in can else 403,
    }


def user_for(role: str):
    if role == "anonymous":
        return None
    if role == "superuser":
        return UserFactory(is_staff=True, is_superuser=True)
    user = UserFactory(is_staff=True)
    if role != "staff":
        user.groups.add(
            Group.objects.get(name={"fact_checker": "Fact-checkers"}.get(role, "Editors"))
        )
    return user


def one_of_each() -> dict:
    """One row of every model, around a claim in review (not published: it can be deleted)."""
    claim = claim_in_status("in_review")
    source = claim.appearances.get().source
    with fixture_writes("rows that only services and imports write"):
        event = ClaimEvent.objects.create(
            claim=claim, action="submit", from_status="draft", to_status="in_review"
        )
        imported = claim_in_status("draft")
        Claim.objects.filter(pk=imported.pk).update(status=Claim.Status.IMPORTED)
        review = ExternalReview.objects.create(claim=imported, url="https://checks.example.org/1")
        speech = ReportedSpeech.objects.create(source=source, text="great", start=1, end=6)
        contribution = VerdictContributor.objects.create(
            verdict=claim.verdict, user=UserFactory(username="contributor")
        )
    return {
        Claim: claim,
        ClaimInReview: claim,
        Appearance: claim.appearances.get(),
        Verdict: claim.verdict,
        Evidence: claim.verdict.evidence.get(),
        VerdictContributor: contribution,
        Correction: CorrectionFactory(claim=published_claim()),
        ClaimEvent: event,
        ExternalReview: review,
        Speaker: claim.speaker,
        SpeakerAlias: SpeakerAliasFactory(),
        Topic: TopicFactory(),
        Rating: Rating.objects.get(slug="false"),
        RatingLabel: services.rating_label_create(
            actor=None, rating=Rating.objects.get(slug="false"), label="Archi-faux", language="fr"
        ),
        Publisher: source.publisher,
        Source: source,
        ReportedSpeech: speech,
    }


def test_every_registered_model_is_in_the_matrix():
    from django.contrib import admin

    registered = {
        model for model in admin.site._registry if model._meta.app_label in {"claims", "sources"}
    }
    assert registered == set(CAN)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", list(CAN), ids=lambda model: model._meta.model_name)
def test_admin_pages_answer_each_role_as_expected(client, model, role):
    obj = snapshots.built_once("one of each", one_of_each)[model]
    user = user_for(role)
    if user is not None:
        client.force_login(user)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    urls = {
        "add": reverse(f"{name}_add"),
        "change": reverse(f"{name}_change", args=[obj.pk]),
        "delete": reverse(f"{name}_delete", args=[obj.pk]),
    }
    statuses = {}
    for page, method in PAGES:
        if method == "GET":
            response = client.get(urls[page])
        else:
            response = client.post(urls[page], {"post": "yes"} if page == "delete" else {})
        statuses[page, method] = response.status_code
    assert statuses == expected_statuses(model, role)
    if role == "superuser" and "d" in CAN[model]:
        assert not model.objects.filter(pk=obj.pk).exists()


# Pages kept for old links and searching, left out of every menu (claimtracker.admin).
OUT_OF_THE_MENUS = [
    Verdict,
    Evidence,
    Appearance,
    VerdictContributor,
    ClaimEvent,
    SpeakerAlias,
    ExternalReview,
    ReportedSpeech,
]


@pytest.mark.parametrize("role", ["fact_checker", "editor", "superuser"])
def test_no_role_finds_internal_pages_in_the_menus(client, role):
    client.force_login(user_for(role))
    pages = [client.get(reverse("admin:index"))]
    pages += [client.get(reverse("admin:app_list", args=[app])) for app in ("claims", "sources")]
    for model in OUT_OF_THE_MENUS:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for page in pages:
            assert page.status_code == 200
            assert f'href="{url}"' not in page.content.decode(), (model, page.request["PATH_INFO"])
        # ...and their list still answers whoever may read it (the matrix above).
        expected = 200 if "v" in CAN[model].get(role, "") else 403
        assert client.get(url).status_code == expected
