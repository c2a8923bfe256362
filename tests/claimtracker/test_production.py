"""Production mode: `check --deploy` is clean, https is enforced behind the proxy, and the
Content Security Policy leaves the admin, the API docs and the public pages working."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import published_claim

# The checkout: the folder above this file that holds manage.py.
ROOT = next(
    folder for folder in Path(__file__).resolve().parents if (folder / "manage.py").exists()
)


def production_environment(**extra: str) -> dict[str, str]:
    """This process's environment without any DJANGO_ variable (the test settings set some),
    plus what a production deployment sets."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")
    }
    environment.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="claims.example.org",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://claims.example.org",
        DJANGO_SETTINGS_MODULE="claimtracker.settings.production",
        **extra,
    )
    return environment


def manage(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow  # a subprocess; `make test-fast` leaves it out
def test_check_deploy_is_clean_with_the_production_variables():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=production_environment()
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow  # a subprocess; `make test-fast` leaves it out
def test_production_settings_refuse_to_start_without_a_secret_key_or_with_debug():
    environment = production_environment()
    del environment["DJANGO_SECRET_KEY"]
    del environment["DJANGO_DEBUG"]
    no_key = manage("check", environment=environment)
    assert no_key.returncode == 1
    assert "DJANGO_SECRET_KEY must be set" in no_key.stderr
    assert "Traceback" not in no_key.stderr

    debug = manage("check", environment={**production_environment(), "DJANGO_DEBUG": "1"})
    assert debug.returncode == 1
    assert "debug is never on in production" in debug.stderr


@pytest.mark.slow  # a subprocess; `make test-fast` leaves it out
def test_manage_py_needs_no_variables_for_local_use():
    """As README prints them: --help, shell -c, on the database of `make run`."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")
    }
    help_text = manage("--help", environment=environment)
    assert help_text.returncode == 0, help_text.stderr
    assert "createsuperuser" in help_text.stdout
    assert "load_demo" in help_text.stdout  # the project's commands: the settings loaded

    shell = manage(
        "shell",
        "-c",
        "from django.conf import settings; from claims.models import Rating; "
        "print(settings.DEBUG, Rating.objects.model.__name__)",
        environment=environment,
    )
    assert shell.returncode == 0, shell.stderr
    assert "True Rating" in shell.stdout


@pytest.mark.slow  # a subprocess; `make test-fast` leaves it out
def test_check_deploy_names_what_turning_https_off_gives_up():
    environment = production_environment(
        DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_COOKIES="0", DJANGO_HSTS_SECONDS="0"
    )

    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)

    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


@pytest.fixture
def behind_tls_proxy(settings):
    """The production https settings, as base.py sets them when DJANGO_DEBUG=0."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31_536_000


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, behind_tls_proxy):
    response = client.get("/api/v1/ratings/?page=2")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/api/v1/ratings/?page=2"


@pytest.mark.django_db
def test_https_through_the_proxy_is_served_with_hsts_and_the_security_headers(
    client, behind_tls_proxy
):
    response = client.get("/api/v1/ratings/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/api/v1/docs/", "/api/v1/ratings/"])
def test_pages_allow_scripts_and_styles_from_this_site_only(client, path):
    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_the_swagger_ui_has_no_inline_script_or_style(client):
    page = client.get("/api/v1/docs/").content.decode()

    assert "<style" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    script_url = re.search(r'<script src="([^"]*script[^"]*)"', page).group(1)
    script = client.get(script_url.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/speakers/", "/topics/", "/corrections/", "claim"])
def test_public_pages_have_no_inline_script_or_style_and_a_strict_policy(client, path):
    claim = published_claim()
    if path == "claim":
        path = f"/claims/{claim.pk}/"

    response = client.get(path, follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert directives(response)["style-src"] == ["'self'"]
    assert directives(response)["script-src"] == ["'self'"]
    assert "<style" not in page
    assert " style=" not in page
    # The only script element is the ClaimReview JSON-LD: data, which script-src does not
    # govern.
    assert re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", page) == []
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)">', page).group(1)
    assert client.get(stylesheet).status_code == 200


@pytest.mark.django_db
def test_a_revalidated_public_page_keeps_the_same_policy(client):
    claim = published_claim()
    page = client.get(f"/claims/{claim.pk}/x/", follow=True)

    revalidated = client.get(page.request["PATH_INFO"], HTTP_IF_NONE_MATCH=page["ETag"])

    assert revalidated.status_code == 304
    assert revalidated["Content-Security-Policy"] == page["Content-Security-Policy"]


@pytest.mark.django_db
def test_no_browsable_api_with_debug_off(client):
    response = client.get("/api/v1/ratings/", HTTP_ACCEPT="text/html")

    assert response["Content-Type"] == "application/json"
