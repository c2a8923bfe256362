"""The OpenAPI schema is valid, and the docs work with no internet."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client


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


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker) -> dict:
    """The served schema, fetched once for the module's tests (it reads nothing from the
    database, and takes a fifth of a second to generate)."""
    with django_db_blocker.unblock():
        return Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()


def test_repeatable_filters_are_arrays(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    for name in ("speaker", "topic", "rating"):
        assert parameters[name]["schema"] == {"type": "array", "items": {"type": "string"}}
        # OpenAPI's defaults for a query array: ?speaker=a&speaker=b
        assert parameters[name].get("style", "form") == "form"
        assert parameters[name].get("explode", True) is True


def test_always_present_fields_are_required(schema):
    components = schema["components"]["schemas"]
    for name in ("ClaimList", "ClaimDetail"):
        required = set(components[name]["required"])
        assert {
            "claim_reviewed",
            "stated_on",
            "context",
            "language",
            "status",
            "published_at",
        } <= required, name


def test_error_bodies_are_shared_components_with_every_field_the_server_sends(schema):
    components = schema["components"]["schemas"]
    assert set(components["Conflict"]["properties"]) == {"detail", "status", "allowed_actions"}
    assert set(components["PreconditionFailed"]["required"]) == {"detail", "current_version"}
    publish = schema["paths"]["/api/v1/claims/{id}/publish/"]["post"]["responses"]
    assert publish["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Conflict"
    }
    assert publish["412"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PreconditionFailed"
    }
    for status in ("401", "413", "415", "429", "503"):
        assert status in publish, status
    listing = schema["paths"]["/api/v1/claims/"]["get"]["responses"]
    assert {"401", "429", "503"} <= set(listing)
    assert "Link" in listing["200"]["headers"]


def test_etags_are_documented_where_they_are_sent(schema):
    detail = schema["paths"]["/api/v1/claims/{id}/"]
    assert "ETag" in detail["get"]["responses"]["200"]["headers"]
    assert "ETag" in detail["patch"]["responses"]["200"]["headers"]
    assert "ETag" in detail["patch"]["responses"]["412"]["headers"]


def test_ordering_values_have_readable_names(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    ordering = parameters["ordering"]["schema"]
    names = dict(zip(ordering["enum"], ordering["x-enum-varnames"], strict=True))
    assert names["-stated_on"] == "STATED_ON_DESC"
    assert names["id"] == "ID"


def test_the_token_endpoint_takes_json_and_needs_no_credentials(schema):
    token = schema["paths"]["/api/v1/auth/token/"]["post"]
    assert list(token["requestBody"]["content"]) == ["application/json"]
    assert token.get("security", []) in ([], [{}])
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"


def test_claimreview_is_typed(schema):
    single = schema["paths"]["/api/v1/claims/{id}/claimreview/"]["get"]["responses"]["200"]
    assert single["content"]["application/ld+json"]["schema"] == {
        "$ref": "#/components/schemas/ClaimReview"
    }
    feed = schema["paths"]["/api/v1/claimreview/"]["get"]["responses"]["200"]
    items = feed["content"]["application/json"]["schema"]["properties"]["results"]["items"]
    assert items == {"$ref": "#/components/schemas/ClaimReview"}
