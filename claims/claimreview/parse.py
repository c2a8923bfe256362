"""Reading ClaimReview JSON-LD defensively: pure functions, no database.

Any value may be missing, a string, an object or a list; these helpers return plain Python
values (text, URL, date, number) or an empty one when the input does not have that shape.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

_URL = URLValidator(schemes=["http", "https"])


@dataclass
class ClaimReviewDocument:
    """The ClaimReview items found in one JSON document, and the feed's next page if any."""

    items: list[Any]
    next_url: str = ""
    ignored_nodes: int = 0


def types_of(node: Any) -> list[str]:
    """The node's ``@type`` values without prefix ("schema:ClaimReview" is "ClaimReview")."""
    if not isinstance(node, dict):
        return []
    types = node.get("@type")
    values = types if isinstance(types, list) else [types]
    # "ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" are one type.
    return [re.split(r"[/:#]", value)[-1] for value in values if isinstance(value, str)]


def is_claimreview(node: Any) -> bool:
    """Whether the node is typed ClaimReview."""
    return "ClaimReview" in types_of(node)


def text(value: Any) -> str:
    """The value as one line of text ("" when it has none)."""
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def objects(value: Any) -> list[Any]:
    """The value as a list: nothing, one item or the list itself."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def http_url(value: Any) -> str:
    """A valid public http(s) URL, or ""."""
    url = value.strip() if isinstance(value, str) else ""
    if not url or len(url) > 2000:
        return ""
    try:
        _URL(url)
    except ValidationError:
        return ""
    return address(url)


def address(value: Any) -> str:
    """A review's URL: any absolute http(s) address (an intranet host has no dot; that's fine)."""
    url = value.strip() if isinstance(value, str) else ""
    if len(url) > 2000 or any(char.isspace() for char in url):
        return ""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        return ""
    return url if parts.scheme in ("http", "https") and parts.hostname else ""


def date(value: Any) -> dt.date | None:
    """The ISO date at the start of the value, or None."""
    content = text(value)
    try:
        return dt.date.fromisoformat(content[:10])
    except ValueError:
        return None


def number(value: Any) -> float | None:
    """A finite number from a number or its text, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        result = float(value)
    else:
        try:
            result = float(text(value))
        except ValueError:
            return None
    return result if math.isfinite(result) else None


def first_object(value: Any) -> dict:
    """The first JSON object in the value, or {}."""
    return next((item for item in objects(value) if isinstance(item, dict)), {})


def named(value: Any, *, organisations_first: bool = False) -> tuple[str, dict]:
    """The first named author or publisher in ``value`` (an object, a list or a string)."""
    candidates = [item for item in objects(value) if isinstance(item, dict | str)]
    if organisations_first:
        # A review's author may list people and organisations; the publisher is the latter.
        candidates.sort(
            key=lambda item: not any(t.endswith("Organization") for t in types_of(item))
        )
    for item in candidates:
        if isinstance(item, str) and text(item) and not http_url(item):
            return text(item), {}
        if isinstance(item, dict) and text(item.get("name")):
            return text(item.get("name")), item
    return "", {}


def _resolve(value: Any, nodes: dict[str, dict], depth: int = 0) -> Any:
    """Replace {"@id": ...} references by the graph's node with that id (bounded depth)."""
    if depth > 5:
        return value
    if isinstance(value, list):
        return [_resolve(item, nodes, depth + 1) for item in value]
    if isinstance(value, dict):
        reference = value.get("@id")
        if set(value) == {"@id"} and isinstance(reference, str) and reference in nodes:
            value = nodes[reference]
        return {key: _resolve(item, nodes, depth + 1) for key, item in value.items()}
    return value


def storable(value: Any, depth: int = 0) -> Any:
    """``value`` as PostgreSQL's JSON accepts it: NaN and infinities (which Python's json
    reads) become null; anything not JSON becomes its text."""
    if depth > 50:
        return None
    if isinstance(value, dict):
        return {str(key): storable(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item, depth + 1) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def claimreview_items(document: Any) -> ClaimReviewDocument:
    """The ClaimReview items of a JSON document: one object, a list, an ``@graph`` or a page
    of our feed ({"next", "previous", "results"}). Raises ValidationError for anything else."""
    if isinstance(document, list):
        return ClaimReviewDocument(items=document)
    if not isinstance(document, dict):
        raise ValidationError(
            "Expected a ClaimReview object, a list of them, a JSON-LD @graph or a feed page; "
            f"got a JSON {type(document).__name__}."
        )
    if isinstance(document.get("results"), list):
        next_url = document.get("next")
        return ClaimReviewDocument(
            items=document["results"], next_url=next_url if isinstance(next_url, str) else ""
        )
    if isinstance(document.get("@graph"), list):
        graph = document["@graph"]
        nodes = {
            node["@id"]: node
            for node in graph
            if isinstance(node, dict) and isinstance(node.get("@id"), str)
        }
        reviews = [_resolve(node, nodes) for node in graph if is_claimreview(node)]
        return ClaimReviewDocument(items=reviews, ignored_nodes=len(graph) - len(reviews))
    return ClaimReviewDocument(items=[document])
