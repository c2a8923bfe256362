"""factory-boy factories for every model.

Fixtures are the one sanctioned way around the services: every factory writes inside
``fixture_writes()``, so the write guard (claimtracker/writes.py) lets them through, and a
test that writes by hand says so with the same context manager.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from claims.models import (
    Appearance,
    Claim,
    Correction,
    Evidence,
    Rating,
    Speaker,
    SpeakerAlias,
    Topic,
    Verdict,
)
from claimtracker.writes import fixture_writes
from sources.models import Publisher, Source

TEST_PASSWORD = "correct horse battery staple"


class ModelFactory(factory.django.DjangoModelFactory):
    """A factory whose rows are written as fixtures, past the write guard."""

    class Meta:
        abstract = True

    @classmethod
    def _generate(cls, strategy, params):
        # The row, its sub-factories and its post-generation steps.
        with fixture_writes(cls.__name__):
            return super()._generate(strategy, params)


class UserFactory(ModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)


class PublisherFactory(ModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Publisher {n}")
    slug = factory.LazyAttribute(lambda publisher: slugify(publisher.name))
    url = factory.LazyAttribute(lambda publisher: f"https://{publisher.slug}.example.org")


class SourceFactory(ModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")
    title = factory.Faker("sentence", nb_words=6)
    publisher = factory.SubFactory(PublisherFactory)
    author = factory.Faker("name")
    published_on = factory.Faker("date_between", start_date="-5y", end_date="today")
    kind = Source.Kind.NEWS_ARTICLE


class SpeakerFactory(ModelFactory):
    class Meta:
        model = Speaker

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    role = factory.Faker("job")
    country = "GB"


class SpeakerAliasFactory(ModelFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    name = factory.LazyAttribute(lambda alias: f"Mx {alias.speaker.name.split()[-1]}")


class TopicFactory(ModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))


class RatingFactory(ModelFactory):
    """The default scale comes from a migration; this makes extra steps for tests."""

    class Meta:
        model = Rating

    slug = factory.Sequence(lambda n: f"rating-{n}")
    label = factory.Sequence(lambda n: f"Rating {n}")
    value = None
    order = factory.Sequence(lambda n: 100 + n)


class ClaimFactory(ModelFactory):
    text = factory.Faker("sentence", nb_words=12)
    claim_reviewed = factory.LazyAttribute(lambda claim: claim.text[:70].strip())
    speaker = factory.SubFactory(SpeakerFactory)
    stated_on = factory.Faker("date_between", start_date="-5y", end_date="today")
    # Fixed wording, so random words never match a search test by accident.
    context = factory.Sequence(lambda n: f"Said at event number {n}.")
    status = Claim.Status.DRAFT
    published_at = factory.LazyAttribute(
        lambda claim: timezone.now() if claim.status in ("published", "retracted") else None
    )

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(claim, create, extracted, **kwargs):
        """``ClaimFactory(topics=[...])`` files the claim under them."""
        if create and extracted:
            claim.topics.set(extracted)


class AppearanceFactory(ModelFactory):
    class Meta:
        model = Appearance

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    is_first = False


class VerdictFactory(ModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(lambda: Rating.objects.get(slug="false"))
    summary = factory.Faker("sentence")
    analysis = factory.Faker("paragraph")
    author = factory.SubFactory(UserFactory)


class EvidenceFactory(ModelFactory):
    class Meta:
        model = Evidence

    verdict = factory.SubFactory(VerdictFactory)
    source = factory.SubFactory(SourceFactory)
    stance = Evidence.Stance.CONTRADICTS
    note = factory.Faker("sentence")


class CorrectionFactory(ModelFactory):
    class Meta:
        model = Correction

    claim = factory.SubFactory(ClaimFactory, status=Claim.Status.PUBLISHED)
    note = factory.Faker("sentence")
    old_rating = factory.LazyFunction(lambda: Rating.objects.get(slug="false"))
    new_rating = factory.LazyFunction(lambda: Rating.objects.get(slug="mostly-false"))
    corrected_by = factory.SubFactory(UserFactory)


@transaction.atomic  # the database checks at commit that a published claim has a verdict
@fixture_writes("published_claim")
def published_claim(**kwargs) -> Claim:
    """A published claim with a rated verdict, one piece of evidence and a first appearance."""
    rating = kwargs.pop("rating", None)
    published_at = kwargs.pop("published_at", timezone.now() - dt.timedelta(days=1))
    claim = ClaimFactory(
        status=Claim.Status.PUBLISHED,
        published_at=published_at,
        modified_at=kwargs.pop("modified_at", published_at),
        **kwargs,
    )
    AppearanceFactory(claim=claim, is_first=True)
    verdict = VerdictFactory(claim=claim, **({"rating": rating} if rating else {}))
    EvidenceFactory(verdict=verdict)
    return claim


def claim_in_status(status: str) -> Claim:
    """A claim meeting every submission requirement, put straight into ``status``."""
    claim = published_claim()
    published_at = claim.published_at if status in ("published", "retracted") else None
    with transaction.atomic(), fixture_writes("claim_in_status"):
        Claim.objects.filter(pk=claim.pk).update(
            status=status, published_at=published_at, modified_at=published_at
        )
    return Claim.objects.get(pk=claim.pk)
