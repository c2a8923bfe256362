"""Races against a live server with real threads: one winner, no lost update, one event.

Fifty PATCHes with one ETag against several gunicorn workers: tests/faults/test_same_etag_race.py.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token

from claims.models import Claim, ClaimEvent
from tests.factories import UserFactory, claim_in_status

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def token_for(group: str, username: str) -> str:
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    return Token.objects.create(user=user).key


def send(url: str, method: str, token: str, body: dict, etag: str) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method=method,
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "If-Match": etag,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def race(count: int, attempt) -> list[int]:
    """Start ``count`` threads together; return their status codes."""
    barrier = threading.Barrier(count)
    statuses: list[int] = []

    def run(number: int) -> None:
        barrier.wait(timeout=30)
        statuses.append(attempt(number))

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_two_parallel_publishes_make_one_publication(live_server):
    claim = claim_in_status("in_review")
    tokens = [token_for("Editors", "editor"), token_for("Editors", "editor2")]
    url = f"{live_server.url}/api/v1/claims/{claim.pk}/publish/"

    # If-Match "*" skips the version check, so only the row lock stands between them.
    statuses = race(2, lambda number: send(url, "POST", tokens[number], {}, "*"))

    assert sorted(statuses) == [200, 409]
    assert Claim.objects.get(pk=claim.pk).status == "published"
    assert ClaimEvent.objects.filter(claim=claim, action="publish").count() == 1
