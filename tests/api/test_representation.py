"""The hand-written claim representation and the orjson renderer match DRF's own."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.serializers import ModelSerializer
from rest_framework.test import APIRequestFactory

from claims.models import Claim, Topic
from claims.selectors import _appearances, claims_for_detail, claims_for_list
from claims.serializers import ClaimDetailSerializer, ClaimListSerializer
from claimtracker.renderers import ORJSONRenderer
from claimtracker.writes import fixture_writes
from tests.factories import (
    AppearanceFactory,
    CorrectionFactory,
    TopicFactory,
    claim_in_status,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_claims():
    """Claims with and without speaker, dates, topics, appearances, verdict and corrections."""
    full = published_claim(
        stated_on=dt.date(2019, 1, 15),
        context="Said at a press event.",
        topics=[TopicFactory(name="Zeta"), TopicFactory(name="Alpha")],
    )
    AppearanceFactory(claim=full, is_first=False, source__published_on=None)
    AppearanceFactory(claim=full, is_first=False, source__publisher=None)
    CorrectionFactory(claim=full)
    bare = claim_in_status(Claim.Status.DRAFT)
    with fixture_writes("a claim with no speaker, date or verdict"):
        Claim.objects.filter(pk=bare.pk).update(speaker=None, stated_on=None)
        bare.verdict.delete()
    return [full.pk, bare.pk]


@pytest.mark.parametrize(
    ("selector", "serializer_class"),
    [(claims_for_list, ClaimListSerializer), (claims_for_detail, ClaimDetailSerializer)],
)
def test_hand_written_representation_equals_the_generic_one(
    varied_claims, superuser, selector, serializer_class
):
    request = APIRequestFactory().get("/api/v1/claims/")
    context = {"request": request}
    # The generic path reads topics and appearances as related objects, in the API's order.
    related = [Prefetch("topics", queryset=Topic.objects.order_by("name")), _appearances()]
    claims = selector(superuser).filter(pk__in=varied_claims).prefetch_related(*related)
    assert len(claims) == 2
    for claim in claims:
        fast = serializer_class(claim, context=context).data
        generic = ModelSerializer.to_representation(serializer_class(context=context), claim)
        assert json.loads(json.dumps(fast)) == json.loads(json.dumps(generic))
        assert list(fast) == list(generic)  # same keys, same order


def test_topics_and_appearances_are_listed_in_api_order(api, varied_claims):
    claim = api.get(f"/api/v1/claims/{varied_claims[0]}/").json()
    assert [topic["name"] for topic in claim["topics"]] == ["Alpha", "Zeta"]
    firsts = [appearance["first"] for appearance in claim["appearances"]]
    assert firsts == [True, False, False]
    dated = [appearance["published_on"] for appearance in claim["appearances"][1:]]
    assert dated[-1] is None  # undated sources come last


@pytest.mark.parametrize(
    "data",
    [
        {"text": "Ren said: “no backdoors” — é, 中文, emoji 🙂", "n": 3, "x": None, "ok": True},
        {"line": "a\u2028b\u2029c", "when": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)},
        {"day": dt.date(2026, 1, 2), "lazy": gettext_lazy("Not found."), 0: ["list item"]},
        [1.5, {"nested": [{"deep": "value"}]}],
    ],
)
def test_orjson_renderer_writes_the_bytes_drf_writes(data):
    assert ORJSONRenderer().render(data) == JSONRenderer().render(data)


def test_orjson_renderer_falls_back_for_integers_beyond_64_bits():
    assert ORJSONRenderer().render({"big": 2**70}) == b'{"big":1180591620717411303424}'


def test_indented_output_is_still_served(api):
    response = api.get("/api/v1/ratings/", HTTP_ACCEPT="application/json; indent=2")
    assert response.content.startswith(b'[\n  {\n    "slug"')
