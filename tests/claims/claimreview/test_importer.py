"""ClaimReview import: other organisations' fact-checks become imported claims, never ours."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from claims import services
from claims.models import (
    ALLOWED_TRANSITIONS,
    Appearance,
    Claim,
    ExternalReview,
    Rating,
    Speaker,
    SpeakerAlias,
    Verdict,
    allowed_actions,
)
from sources.models import Publisher, Source
from tests.factories import (
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example.org/reviews/moon-cheese",
    "claimReviewed": "The moon is made of cheese",
    "description": "Samples brought back by Apollo missions are rock.",
    "datePublished": "2024-03-02",
    "inLanguage": "en",
    "author": {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example.org",
    },
    "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {
            "@type": "Person",
            "name": "Dana Moon",
            "jobTitle": "Cheese enthusiast",
            "sameAs": ["https://www.wikidata.org/wiki/Q999"],
        },
        "datePublished": "2024-02-20",
        "firstAppearance": {
            "@type": "CreativeWork",
            "url": "https://news.example.org/moon",
            "headline": "Moon is cheese, says Moon",
            "datePublished": "2024-02-21",
            "publisher": {"@type": "Organization", "name": "Daily Example"},
        },
        "appearance": [
            {"@type": "CreativeWork", "url": "https://news.example.org/moon?utm_source=x"},
            "https://video.example.org/watch/42",
        ],
    },
}


def review(**changes) -> dict:
    data = copy.deepcopy(REVIEW)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def imported(data: dict, actor=None) -> services.ImportedReview:
    return services.claimreview_import_item(actor=actor, review=data)


# What one review creates.


def test_a_review_becomes_an_imported_claim_with_speaker_sources_and_verdict():
    result = imported(review())

    claim = Claim.objects.get(pk=result.claim.pk)
    assert result.created and not result.warnings
    assert claim.status == Claim.Status.IMPORTED
    assert claim.text == claim.claim_reviewed == "The moon is made of cheese"
    assert claim.stated_on == dt.date(2024, 2, 20)
    assert claim.published_at is None
    speaker = claim.speaker
    assert (speaker.name, speaker.role, speaker.verified) == (
        "Dana Moon",
        "Cheese enthusiast",
        False,
    )
    assert speaker.same_as == ["https://www.wikidata.org/wiki/Q999"]

    appearances = list(claim.appearances.select_related("source__publisher"))
    # The utm_ variant of the first appearance is the same source.
    assert [(a.source.url, a.is_first) for a in appearances] == [
        ("https://news.example.org/moon", True),
        ("https://video.example.org/watch/42", False),
    ]
    first = appearances[0].source
    assert first.title == "Moon is cheese, says Moon"
    assert first.published_on == dt.date(2024, 2, 21)
    assert first.publisher.name == "Daily Example"
    assert appearances[1].source.title == "https://video.example.org/watch/42"

    verdict = claim.verdict
    assert verdict.rating.slug == "false"
    assert verdict.summary == "Samples brought back by Apollo missions are rock."
    external = claim.external_review
    assert external.url == REVIEW["url"]
    assert external.publisher == Publisher.objects.get(name="Example Checks")
    assert external.publisher.url == "https://checks.example.org"
    assert external.date_published == dt.date(2024, 3, 2)
    assert external.rating_text == "Pants on Fire"
    assert external.data == REVIEW


def test_existing_speaker_and_source_are_reused_not_duplicated():
    by_alias = SpeakerAliasFactory(name="Dana Moon").speaker
    source = SourceFactory(url="https://NEWS.example.org/moon/")

    claim = imported(review()).claim

    assert claim.speaker == by_alias
    assert Speaker.objects.count() == 1
    assert claim.appearances.get(is_first=True).source == source


def test_speaker_is_matched_by_a_shared_same_as_url_before_the_name():
    known = SpeakerFactory(name="D. Moon", same_as=["https://www.wikidata.org/wiki/Q999"])
    SpeakerFactory(name="Dana Moon")

    assert imported(review()).claim.speaker == known


def test_speaker_name_match_is_case_insensitive():
    known = SpeakerFactory(name="DANA MOON")
    assert imported(review()).claim.speaker == known


def test_the_imported_status_has_no_workflow_actions():
    assert allowed_actions(Claim.Status.IMPORTED) == []
    assert all(Claim.Status.IMPORTED not in starts for starts, _ in ALLOWED_TRANSITIONS.values())
    assert Claim.Status.IMPORTED.label == "Imported (another organisation's fact-check)"


def test_imported_claims_are_not_public_but_staff_see_them():
    claim = imported(review()).claim
    anonymous = APIClient().get("/api/v1/claims/").json()
    assert claim.pk not in [item["id"] for item in anonymous["results"]]
    staff = APIClient()
    staff.force_login(UserFactory(is_staff=True))
    listed = staff.get("/api/v1/claims/", {"status": "imported"}).json()
    assert [item["id"] for item in listed["results"]] == [claim.pk]


def test_imported_claims_cannot_be_edited_as_our_work():
    claim = imported(review()).claim
    with pytest.raises(Exception, match="cannot be edited"):
        services.claim_update(claim=claim, actor=None, expected_version=None, text="Changed")


# Re-import.


def test_reimporting_the_same_review_updates_it_instead_of_duplicating():
    first = imported(review()).claim
    other = SpeakerFactory(name="Someone Else")
    changed = review(
        url="https://CHECKS.example.org/reviews/moon-cheese/?utm_campaign=feed",
        reviewRating={"alternateName": "Mostly false"},
        description="Some of the moon may be cheese after all.",
        itemReviewed={
            "author": {"name": "Someone Else"},
            "appearance": "https://other.example.org/story",
        },
    )

    result = imported(changed)

    assert not result.created
    assert Claim.objects.count() == 1 and ExternalReview.objects.count() == 1
    claim = Claim.objects.get()
    assert claim.pk == first.pk
    assert claim.version == 2
    assert claim.speaker == other
    assert claim.stated_on is None
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.rating.slug, verdict.summary, verdict.version) == (
        "mostly-false",
        "Some of the moon may be cheese after all.",
        2,
    )
    assert [(a.source.url, a.is_first) for a in claim.appearances.all()] == [
        ("https://other.example.org/story", True)
    ]
    assert claim.external_review.rating_text == "Mostly false"


# Ratings.


@pytest.mark.parametrize(
    ("rating", "slug"),
    [
        ({"ratingValue": 1, "bestRating": 5, "worstRating": 1}, "false"),
        ({"ratingValue": 3, "bestRating": 5, "worstRating": 1}, "half-true"),
        ({"ratingValue": "5", "bestRating": "5", "worstRating": "1"}, "true"),
        # 0..10: 7 is 3.8 on 1..5, rounded to 4.
        ({"ratingValue": 7, "bestRating": 10, "worstRating": 0}, "mostly-true"),
        # 0..10: 5 is exactly 3 on 1..5.
        ({"ratingValue": 5, "bestRating": 10, "worstRating": 0}, "half-true"),
        # An inverted scale (1 is best) still maps the right way round.
        ({"ratingValue": 1, "bestRating": 1, "worstRating": 5}, "true"),
        # The number wins over the label.
        (
            {"ratingValue": 2, "bestRating": 5, "worstRating": 1, "alternateName": "Nope"},
            "mostly-false",
        ),
        ({"alternateName": "Pants on Fire"}, "false"),
        ({"alternateName": "FAKE"}, "false"),
        ({"alternateName": "Mostly False"}, "mostly-false"),
        ({"alternateName": "mostly-false"}, "mostly-false"),
        ({"alternateName": "Half True"}, "half-true"),
        ({"alternateName": "Mixture"}, "half-true"),
        ({"alternateName": "Misleading"}, "misleading"),
        ({"alternateName": "Missing context"}, "misleading"),
        ({"alternateName": "Unproven"}, "unverifiable"),
        ({"alternateName": "unverified"}, "unverifiable"),
        # Numbers without a scale are ignored; the label decides.
        ({"ratingValue": 2, "alternateName": "True"}, "true"),
        ("False", "false"),
    ],
)
def test_ratings_map_onto_our_scale(rating, slug):
    result = imported(review(reviewRating=rating))
    assert result.claim.verdict.rating.slug == slug
    assert not result.rating_created


def test_an_unknown_label_is_kept_as_an_external_rating_off_our_scale(client):
    result = imported(review(reviewRating={"alternateName": "Four Pinocchios"}))

    rating = result.claim.verdict.rating
    assert result.rating_created
    assert (rating.label, rating.slug, rating.value, rating.external) == (
        "Four Pinocchios",
        "four-pinocchios",
        None,
        True,
    )
    # A second review with the same wording reuses it.
    again = imported(review(url="https://checks.example.org/2", reviewRating="four pinocchios"))
    assert again.claim.verdict.rating == rating and not again.rating_created
    # The public scale and the verdict form leave it out.
    slugs = [item["slug"] for item in client.get("/api/v1/ratings/").json()]
    assert "four-pinocchios" not in slugs
    assert "false" in slugs


def test_a_review_without_any_rating_gets_an_unrated_verdict():
    result = imported(review(reviewRating={"@type": "Rating"}))
    assert result.claim.verdict.rating is None
    assert "unrated" in result.warnings[0]


# Resilience: odd but readable shapes.


def test_author_as_a_list_takes_the_first_organisation():
    data = review(
        author=[
            {"@type": "Person", "name": "A Reporter"},
            {"@type": "NewsMediaOrganization", "name": "Checks Inc"},
        ]
    )
    assert imported(data).external_review.publisher.name == "Checks Inc"


def test_author_as_a_string_is_the_publisher_name():
    assert imported(review(author="Plain Checks")).external_review.publisher.name == "Plain Checks"


def test_appearance_as_a_plain_url_string():
    data = review(itemReviewed={"appearance": "https://plain.example.org/a"})
    claim = imported(data).claim
    assert [(a.source.url, a.is_first) for a in claim.appearances.all()] == [
        ("https://plain.example.org/a", True)
    ]


def test_without_item_reviewed_the_claim_has_no_speaker_or_appearances():
    result = imported(review(itemReviewed=None))
    assert result.claim.text == "The moon is made of cheese"
    assert result.claim.speaker is None
    assert not result.claim.appearances.exists()


def test_graph_references_are_resolved():
    document = {
        "@context": "https://schema.org",
        "@graph": [
            {"@id": "#org", "@type": "Organization", "name": "Graph Checks"},
            {"@id": "#page", "@type": "WebPage", "name": "A page"},
            review(author={"@id": "#org"}),
        ],
    }
    page = services.claimreview_items(document)
    assert page.ignored_nodes == 2
    assert imported(page.items[0]).external_review.publisher.name == "Graph Checks"


@pytest.mark.parametrize(
    "document",
    [REVIEW, [REVIEW], {"@graph": [REVIEW]}, {"next": None, "previous": None, "results": [REVIEW]}],
    ids=["object", "list", "graph", "feed page"],
)
def test_every_accepted_shape_yields_the_review(document):
    assert services.claimreview_items(document).items == [REVIEW]


def test_a_json_string_is_not_a_document():
    with pytest.raises(ValidationError):
        services.claimreview_items("ClaimReview")


WRONG_TYPES = [
    None,
    7,
    True,
    1e400,
    "text",
    "http://example.org:99999/x",
    [],
    ["x", 3],
    {},
    {"@id": "#nowhere"},
    [{"name": 5, "url": "http://example.org:99999/"}],
]


@pytest.mark.parametrize(
    "path",
    [
        ("author",),
        ("reviewRating",),
        ("reviewRating", "ratingValue"),
        ("reviewRating", "bestRating"),
        ("reviewRating", "alternateName"),
        ("datePublished",),
        ("inLanguage",),
        ("description",),
        ("itemReviewed",),
        ("itemReviewed", "author"),
        ("itemReviewed", "author", "sameAs"),
        ("itemReviewed", "author", "name"),
        ("itemReviewed", "datePublished"),
        ("itemReviewed", "appearance"),
        ("itemReviewed", "firstAppearance"),
        ("itemReviewed", "firstAppearance", "publisher"),
        ("itemReviewed", "firstAppearance", "datePublished"),
        ("itemReviewed", "firstAppearance", "url"),
    ],
    ids="/".join,
)
def test_wrong_types_anywhere_never_crash(path):
    for value in WRONG_TYPES:
        data = review()
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        report = services.claimreview_import(actor=None, reviews=[data])
        (item,) = report.items
        assert item.action in ("created", "updated"), (path, value, item.reason)


# Skipped items, with their reasons; nothing half-imported.


def test_bad_items_are_skipped_with_their_number_url_and_reason():
    items = [
        review(),
        review(claimReviewed=None, url="https://checks.example.org/no-claim"),
        "not an object",
        review(url="not a url"),
        review(url="https://checks.example.org:99999/port"),
        {"@type": "WebPage", "url": "https://checks.example.org/page"},
        review(claimReviewed="   ", url="https://checks.example.org/blank"),
        review(url="https://checks.example.org/fine", claimReviewed="Another claim"),
    ]

    report = services.claimreview_import(actor=None, reviews=items)

    assert [item.action for item in report.items] == [
        "created",
        "skipped",
        "skipped",
        "skipped",
        "skipped",
        "skipped",
        "skipped",
        "created",
    ]
    skipped = {item.number: item for item in report.skipped}
    assert skipped[2].url == "https://checks.example.org/no-claim"
    assert "claimReviewed" in skipped[2].reason
    assert "Not a JSON object" in skipped[3].reason
    assert "url" in skipped[4].reason
    assert "url" in skipped[5].reason
    assert "Not a ClaimReview" in skipped[6].reason
    assert "claimReviewed" in skipped[7].reason
    assert Claim.objects.count() == 2


def test_what_the_database_refuses_is_reported_not_raised():
    report = services.claimreview_import(
        actor=None, reviews=[review(claimReviewed="Nul \x00 byte"), review(url="https://c.org/2")]
    )
    assert [item.action for item in report.items] == ["skipped", "created"]
    assert report.items[0].reason.startswith("Refused by the database")


def test_a_failing_item_leaves_nothing_behind():
    # May create claims, speakers and publishers, but not sources: the item fails after its
    # publisher and speaker.
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_claim", "add_speaker", "add_publisher"])
    )
    report = services.claimreview_import(actor=user, reviews=[review()])

    (item,) = report.skipped
    assert "permission to create sources" in item.reason
    assert not Speaker.objects.exists()
    assert not Claim.objects.exists()
    assert not Publisher.objects.exists()


def test_importing_needs_permission_to_add_claims():
    with pytest.raises(PermissionDenied):
        services.claimreview_import(actor=UserFactory(), reviews=[review()])


def test_dry_run_reports_and_changes_nothing():
    report = services.claimreview_import(actor=None, reviews=[review(), review()], dry_run=True)
    assert [item.action for item in report.items] == ["created", "updated"]
    assert report.items[0].review.speaker_created
    for model in (Claim, Speaker, Source, Publisher, ExternalReview, Appearance):
        assert not model.objects.exists()
    assert not SpeakerAlias.objects.exists()
    assert not Rating.objects.filter(external=True).exists()


def test_admin_shows_an_imported_claim_and_where_it_came_from(admin_client):
    claim = imported(review()).claim
    page = admin_client.get(f"/admin/claims/claim/{claim.pk}/change/")
    assert page.status_code == 200
    listed = admin_client.get("/admin/claims/claim/", {"status": "imported"})
    assert listed.context["cl"].result_count == 1
    external = admin_client.get(f"/admin/claims/externalreview/{claim.external_review.pk}/change/")
    assert external.status_code == 200
    assert "Example Checks" in external.content.decode()
