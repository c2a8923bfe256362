"""manage.py create_user: a newsroom account in a role, through the newsroom service."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "correct horse battery staple"


def sign_in(username: str, password: str):
    """authenticate() as the admin login calls it: with the request, which the sign-in
    lockout (django-axes) counts attempts by."""
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username=username, password=password)


def run(*args) -> str:
    out = io.StringIO()
    call_command("create_user", *args, stdout=out)
    return out.getvalue()


def test_an_editor_created_from_stdin_can_sign_in_and_publish(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_PASSWORD + "\n"))
    output = run("eddie", "--role", "editor", "--password-stdin")

    assert "Created editor 'eddie'" in output
    user = sign_in("eddie", GOOD_PASSWORD)
    assert user is not None and user.is_staff and not user.is_superuser
    assert user.has_perm("claims.publish_claim")
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]


def test_a_fact_checker_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLAIMTRACKER_USER_PASSWORD", GOOD_PASSWORD)
    run("fiona", "--role", "fact-checker")

    user = sign_in("fiona", GOOD_PASSWORD)
    assert user.has_perm("claims.submit_claim")
    assert not user.has_perm("claims.publish_claim")


def test_a_weak_password_an_existing_name_and_no_password_are_refused(monkeypatch):
    monkeypatch.delenv("CLAIMTRACKER_USER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("123\n"))
    with pytest.raises(CommandError, match=r"too short|too common|entirely numeric"):
        run("weak", "--role", "editor", "--password-stdin")

    monkeypatch.setenv("CLAIMTRACKER_USER_PASSWORD", GOOD_PASSWORD)
    run("taken", "--role", "editor")
    with pytest.raises(CommandError, match="already exists"):
        run("taken", "--role", "fact-checker")

    monkeypatch.delenv("CLAIMTRACKER_USER_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="No password"):
        run("nopass", "--role", "editor")
    assert not get_user_model().objects.filter(username__in=["weak", "nopass"]).exists()


def test_an_unknown_role_is_refused():
    with pytest.raises(CommandError, match="invalid choice"):
        run("someone", "--role", "admin")
