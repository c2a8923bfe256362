"""The OpenAPI schema is valid, and the docs work with no internet."""

from __future__ import annotations

import pytest
from django.core.management import call_command


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    schema = (tmp_path / "s.yml").read_text()
    for path in [
        "/api/v1/claims/:",
        "/api/v1/claims/{id}/:",
        "/api/v1/claims/{id}/claimreview/:",
        "/api/v1/claimreview/:",
        "/api/v1/speakers/{slug}/:",
        "/api/v1/topics/{slug}/:",
        "/api/v1/sources/{id}/:",
        "/api/v1/ratings/:",
    ]:
        assert path in schema


@pytest.mark.django_db
def test_schema_is_served(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "ClaimList" in response.content.decode()


@pytest.mark.django_db
def test_swagger_ui_loads_its_assets_from_this_server(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    asset = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200
