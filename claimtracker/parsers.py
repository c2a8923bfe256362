"""The API's one request parser: strict JSON, whose every refusal is a 400 naming what is wrong.

DRF's JSONParser keeps the last of two equal keys, reads 1e400 as infinity and reports any
failure as a bare message. A public record should not guess which of two values was meant,
and PostgreSQL can store neither NUL bytes in text nor an infinite count.
"""

from __future__ import annotations

import json
import math

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Errors about the body as a whole, not one of its fields, are listed under this key.
BODY = "body"


class DuplicateKey(ValueError):
    """A JSON object names the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object_without_duplicates(pairs: list[tuple[str, object]]) -> dict:
    data = {}
    for key, value in pairs:
        if key in data:
            raise DuplicateKey(key)
        data[key] = value
    return data


def _constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _problem(value) -> str | None:
    """What PostgreSQL could not store in ``value``, at any depth, or None."""
    if isinstance(value, str):
        return "NUL bytes are not allowed." if "\x00" in value else None
    if isinstance(value, float):
        return None if math.isfinite(value) else "A number is out of range."
    if isinstance(value, list):
        return next(filter(None, map(_problem, value)), None)
    if isinstance(value, dict):
        return next(filter(None, map(_problem, [*value, *value.values()])), None)
    return None


def _shown(key: str) -> str:
    return key.replace("\x00", "\\x00")[:100]


class StrictJSONParser(JSONParser):
    """JSON in UTF-8 (RFC 8259): no duplicate keys, no NUL bytes, finite numbers only."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        try:
            data = json.loads(
                raw.decode("utf-8"),
                object_pairs_hook=_object_without_duplicates,
                parse_constant=_constant,
            )
        except UnicodeDecodeError as error:
            raise ParseError({BODY: [f"Not valid UTF-8 (byte {error.start})."]}) from None
        except DuplicateKey as duplicate:
            message = "Given more than once in the JSON body."
            raise ParseError({_shown(duplicate.key): [message]}) from None
        except ValueError as error:  # JSONDecodeError, or an integer of over 4,300 digits
            raise ParseError({BODY: [f"Invalid JSON: {error}."]}) from None
        except RecursionError:
            raise ParseError({BODY: ["Invalid JSON: nested too deeply."]}) from None
        fields = data.items() if isinstance(data, dict) else [(BODY, data)]
        for key, value in fields:
            try:
                problem = _problem(key) or _problem(value)
            except RecursionError:
                problem = "Nested too deeply."
            if problem:
                raise ParseError({_shown(key): [problem]})
        return data
