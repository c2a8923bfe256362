"""Two spellings of one address are one source."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.models import Source
from sources.normalization import normalize_url
from tests.factories import SourceFactory

SAME_ADDRESS = [
    ("HTTPS://WWW.BBC.COM/news/business-46870658", "https://www.bbc.com/news/business-46870658"),
    ("https://www.bbc.com/news/business-46870658/", "https://www.bbc.com/news/business-46870658"),
    (
        "https://www.bbc.com/news/business-46870658?utm_source=twitter&utm_medium=social",
        "https://www.bbc.com/news/business-46870658",
    ),
    (
        "https://www.bbc.com/news/business-46870658?at_medium=RSS&at_campaign=KARANGA",
        "https://www.bbc.com/news/business-46870658",
    ),
    ("https://example.org/a?fbclid=abc&id=7", "https://example.org/a?id=7"),
    ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("http://example.org:80/a", "http://example.org/a"),
    ("https://example.org/a#section-2", "https://example.org/a"),
    ("  https://example.org/  ", "https://example.org"),
]


@pytest.mark.parametrize(("given", "expected"), SAME_ADDRESS)
def test_normalize_url(given, expected):
    assert normalize_url(given) == expected


@pytest.mark.parametrize(("given", "expected"), SAME_ADDRESS)
def test_normalizing_twice_changes_nothing(given, expected):
    assert normalize_url(normalize_url(given)) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.org/a?id=7", "https://example.org/a?id=8"),
        ("https://example.org/A", "https://example.org/a"),
        ("https://example.org:8443/a", "https://example.org/a"),
    ],
)
def test_different_addresses_stay_different(first, second):
    assert normalize_url(first) != normalize_url(second)


@pytest.mark.django_db
def test_a_second_spelling_of_a_known_url_is_refused_by_the_database():
    SourceFactory(url="https://www.bbc.com/news/business-46870658")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(url="https://WWW.bbc.com/news/business-46870658/?utm_source=feed")
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_model_validation_names_the_existing_source():
    existing = SourceFactory(url="https://www.bbc.com/news/business-46870658")
    duplicate = Source(url="https://www.bbc.com/news/business-46870658/", title="Copy")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert f"source #{existing.pk}" in str(excinfo.value.message_dict["url"])


@pytest.mark.django_db
def test_source_keeps_the_url_as_given_and_looks_it_up_by_any_spelling():
    source = SourceFactory(url="https://Example.org/Report?utm_campaign=x")
    assert source.url == "https://Example.org/Report?utm_campaign=x"
    assert list(Source.objects.for_url("https://example.org/Report/")) == [source]


@pytest.mark.parametrize(
    ("given", "linked"),
    [
        (
            "https://www.bbc.com/news/business-46870658?utm_source=twitter&utm_medium=social",
            "https://www.bbc.com/news/business-46870658",
        ),
        # What is not tracking stays as given: order, case, trailing slash and fragment.
        (
            "https://Example.org/Story/?b=2&utm_campaign=x&a=1#quote",
            "https://Example.org/Story/?b=2&a=1#quote",
        ),
        ("https://example.org/a?fbclid=abc", "https://example.org/a"),
        ("https://example.org/a?q=a%20b&id=7", "https://example.org/a?q=a%20b&id=7"),
        ("https://example.org/", "https://example.org/"),
    ],
)
def test_a_source_links_its_url_without_tracking_parameters(given, linked):
    assert Source(url=given).clean_url == linked
