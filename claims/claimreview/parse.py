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
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

_URL = URLValidator(schemes=["http", "https"])
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# "example.org/path", "www.example.org", "example.org:8080/x": a host name with a dot first.
_HOST_FIRST = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}(:[0-9]+)?([/?#]|$)")
# Where a URL is a post (a statement), never who someone is.
SOCIAL_HOSTS = {
    "twitter.com",
    "x.com",
    "facebook.com",
    "fb.com",
    "fb.watch",
    "instagram.com",
    "tiktok.com",
    "youtube.com",
    "youtu.be",
    "t.me",
    "telegram.me",
    "threads.net",
    "bsky.app",
    "linkedin.com",
    "reddit.com",
    "vk.com",
    "weibo.com",
    "truthsocial.com",
    "rumble.com",
    "whatsapp.com",
    "wa.me",
    "kwai.com",
    "t.co",
}
# Paths of a profile (which may identify someone) rather than a post, on those hosts.
_PROFILE_PATH = re.compile(r"^/(@?[A-Za-z0-9_.-]+|user/[^/]+|channel/[^/]+|c/[^/]+|in/[^/]+)/?$")


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


def absolute(value: Any, *, base: str = "") -> str:
    """The value as an absolute address: as it is when it has a scheme; ``https://`` added
    to a scheme-less one that starts with a host ("aosfatos.org/x"); a relative one resolved
    against ``base`` (the page's address) when given. "" for anything else."""
    url = value.strip() if isinstance(value, str) else ""
    if not url or len(url) > 2000:
        return ""
    if url.startswith("//"):
        return f"https:{url}"
    if _SCHEME.match(url):
        return url
    if base and (url.startswith(("/", "./", "../", "?", "#")) or not _HOST_FIRST.match(url)):
        return urljoin(base, url)
    if _HOST_FIRST.match(url):
        return f"https://{url}"
    return ""


def http_url(value: Any, *, base: str = "") -> str:
    """A valid public http(s) URL (scheme-less and relative ones made absolute), or ""."""
    url = absolute(value, base=base)
    if not url or len(url) > 2000:
        return ""
    try:
        _URL(url)
    except ValidationError:
        return ""
    return address(url)


def address(value: Any, *, base: str = "") -> str:
    """A review's URL: any absolute http(s) address (an intranet host has no dot; that's fine),
    scheme-less and relative ones made absolute as ``absolute()`` does."""
    url = absolute(value, base=base)
    if len(url) > 2000 or any(char.isspace() for char in url):
        return ""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        return ""
    return url if parts.scheme in ("http", "https") and parts.hostname else ""


def is_social_post(url: str) -> bool:
    """Whether the URL is a post on a social network (a tweet, a video, a reel)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host not in SOCIAL_HOSTS and not any(host.endswith(f".{h}") for h in SOCIAL_HOSTS):
        return False
    if host in {"youtu.be", "t.co", "fb.watch", "wa.me"}:
        return True
    return bool(parts.query) or not _PROFILE_PATH.match(parts.path or "/")


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


def _flattened(node: Any, nodes: dict[str, dict], depth: int = 0) -> tuple[list[Any], int]:
    """The ClaimReview items inside a node: itself, or those of a list of documents, an
    ``@graph``, a DataFeed (``dataFeedElement``) or a DataFeedItem (``item``). Returns the
    items and how many nodes were ignored."""
    if depth > 5:
        return [], 1
    if isinstance(node, list):
        found, ignored = [], 0
        for element in node:
            items, skipped = _flattened(element, nodes, depth + 1)
            found += items
            ignored += skipped
        return found, ignored
    if not isinstance(node, dict):
        return [node], 0  # reported as a bad item, with its number
    types = types_of(node)
    if "ClaimReview" in types:
        return [_resolve(node, nodes)], 0
    if isinstance(node.get("@graph"), list):
        graph = node["@graph"]
        local = nodes | {
            item["@id"]: item
            for item in graph
            if isinstance(item, dict) and isinstance(item.get("@id"), str)
        }
        found, ignored = [], 0
        for item in graph:
            if is_claimreview(item) or _is_feed(item):
                items, skipped = _flattened(item, local, depth + 1)
                found += items
                ignored += skipped
            else:
                ignored += 1
        return found, ignored
    if "DataFeed" in types:
        return _flattened(objects(node.get("dataFeedElement")), nodes, depth + 1)
    if "DataFeedItem" in types:
        return _flattened(objects(node.get("item")), nodes, depth + 1)
    if "@type" in node:
        return [node], 0  # not a ClaimReview: reported with its type
    return [node], 0


def _is_feed(node: Any) -> bool:
    return bool({"DataFeed", "DataFeedItem"} & set(types_of(node)))


def claimreview_items(document: Any) -> ClaimReviewDocument:
    """The ClaimReview items of a JSON document: one object, a list (of reviews or of
    documents), an ``@graph``, a schema.org DataFeed of DataFeedItems (the Fact Check Tools
    feed) or a page of our feed ({"next", "previous", "results"}). Raises ValidationError for
    anything else."""
    if isinstance(document, list):
        items, ignored = _flattened(document, {})
        return ClaimReviewDocument(items=items, ignored_nodes=ignored)
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
    items, ignored = _flattened(document, {})
    return ClaimReviewDocument(items=items, ignored_nodes=ignored)
