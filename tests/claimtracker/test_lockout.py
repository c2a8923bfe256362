"""Sign-in lockout (django-axes): wrong passwords for one user from one address lock that pair
out of the admin and the token endpoint alike, with a clear 429, until an administrator
unlocks it with axes_reset_ip_username."""

from __future__ import annotations

import uuid

import pytest
from axes.handlers.cache import AxesCacheHandler
from django.core.management import call_command
from redis.exceptions import ConnectionError as RedisConnectionError
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 5
PASSWORD = "correct-horse-battery-staple"
ADDRESS = "127.0.0.1"  # the test client's REMOTE_ADDR


@pytest.fixture
def locking(settings):
    """Lock out after LIMIT failures (the suite's own limit is out of reach)."""
    settings.AXES_FAILURE_LIMIT = LIMIT


@pytest.fixture
def staff_user(db):
    # A fresh name each run: with REDIS_URL the counters outlive the test's transaction.
    return UserFactory(username=f"staff-{uuid.uuid4().hex[:8]}", password=PASSWORD, is_staff=True)


def admin_login(client, user, password: str):
    return client.post(
        "/admin/login/?next=/admin/", {"username": user.username, "password": password}
    )


def token_request(user, password: str, address: str = ADDRESS):
    return APIClient().post(
        "/api/v1/auth/token/",
        {"username": user.username, "password": password},
        format="json",
        REMOTE_ADDR=address,
    )


def test_the_admin_refuses_the_right_password_after_too_many_wrong_ones(
    locking, client, staff_user
):
    statuses = [admin_login(client, staff_user, f"guess-{n}").status_code for n in range(LIMIT)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)  # the form again, "wrong password"
    assert statuses[-1] == 429

    refused = admin_login(client, staff_user, PASSWORD)

    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.content.decode()
    assert "30 minutes" in refused.content.decode()
    assert int(refused["Retry-After"]) == 30 * 60
    assert "_auth_user_id" not in client.session


def test_the_token_endpoint_refuses_the_right_password_after_too_many_wrong_ones(
    locking, staff_user
):
    statuses = [token_request(staff_user, f"guess-{n}").status_code for n in range(LIMIT)]
    assert statuses == [400] * (LIMIT - 1) + [429]

    refused = token_request(staff_user, PASSWORD)

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert "Too many failed sign-ins" in refused.json()["detail"]
    assert "token" not in refused.json()


def test_failures_at_the_admin_and_the_token_endpoint_add_up(locking, client, staff_user):
    for n in range(LIMIT - 1):
        admin_login(client, staff_user, f"guess-{n}")
    assert token_request(staff_user, "one-more-guess").status_code == 429
    assert admin_login(client, staff_user, PASSWORD).status_code == 429


def test_the_lockout_is_for_that_user_from_that_address_only(locking, staff_user):
    for n in range(LIMIT):
        token_request(staff_user, f"guess-{n}")
    other = UserFactory(username=f"other-{uuid.uuid4().hex[:8]}", password=PASSWORD)

    assert token_request(staff_user, PASSWORD, address="203.0.113.9").status_code == 200
    assert token_request(other, PASSWORD).status_code == 200
    assert token_request(staff_user, PASSWORD).status_code == 429


def test_signing_in_to_the_admin_before_the_limit_resets_the_count(locking, client, staff_user):
    for n in range(LIMIT - 1):
        admin_login(client, staff_user, f"guess-{n}")
    assert admin_login(client, staff_user, PASSWORD).status_code == 302
    client.logout()
    for n in range(LIMIT - 1):
        assert admin_login(client, staff_user, f"again-{n}").status_code == 200


def test_axes_reset_ip_username_lets_the_user_in_again(locking, client, staff_user, capsys, caplog):
    for n in range(LIMIT):
        admin_login(client, staff_user, f"guess-{n}")
    locked = admin_login(client, staff_user, PASSWORD)
    assert locked.status_code == 429
    # The page shows the address, and the log says what to run, for the administrator.
    assert ADDRESS in locked.content.decode()
    command = f"axes_reset_ip_username {ADDRESS} {staff_user.username}"
    assert any(command in record.getMessage() for record in caplog.records)

    call_command("axes_reset_ip_username", ADDRESS, staff_user.username)

    assert "removed" in capsys.readouterr().out
    signed_in = admin_login(client, staff_user, PASSWORD)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)
    assert token_request(staff_user, PASSWORD).status_code == 200


def test_with_the_cache_unreachable_sign_ins_are_let_through_uncounted(
    locking, staff_user, monkeypatch, caplog
):
    def unreachable(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to cache.internal:6379.")

    for method in ("get_failures", "user_login_failed", "user_logged_in"):
        monkeypatch.setattr(AxesCacheHandler, method, unreachable)

    assert [token_request(staff_user, f"guess-{n}").status_code for n in range(LIMIT + 1)] == [
        400
    ] * (LIMIT + 1)
    assert token_request(staff_user, PASSWORD).status_code == 200
    assert "the cache is unreachable" in caplog.text
