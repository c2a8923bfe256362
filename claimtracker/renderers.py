"""JSON rendering with orjson: the same bytes as DRF's JSONRenderer, several times faster."""

from __future__ import annotations

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

# DRF's encoder, for what orjson leaves to it.
_encoder = JSONEncoder()

# Types orjson would write in its own format go through DRF's encoder instead, so the output
# does not change: datetimes ("Z" for UTC), dataclasses. Non-string keys (error dicts keyed by
# list index) are written as strings, as the standard library does.
_OPTIONS = (
    orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS
)


class ORJSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer, encoding with orjson.

    Compact UTF-8 output, as DRF's defaults (COMPACT_JSON, UNICODE_JSON) write it, with
    U+2028 and U+2029 escaped as DRF escapes them (they end a line in older JavaScript). A
    request for indented output (``Accept: application/json; indent=4``) and anything orjson
    refuses (integers beyond 64 bits) take DRF's own path. One difference remains: orjson
    writes a NaN float as null where DRF would raise; the API produces none.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", renderer_context or {}) is None:
            try:
                encoded = orjson.dumps(data, default=_encoder.default, option=_OPTIONS)
            except orjson.JSONEncodeError:
                pass
            else:
                if b"\xe2\x80\xa8" in encoded or b"\xe2\x80\xa9" in encoded:
                    encoded = encoded.replace(b"\xe2\x80\xa8", b"\\u2028")
                    encoded = encoded.replace(b"\xe2\x80\xa9", b"\\u2029")
                return encoded
        return super().render(data, accepted_media_type, renderer_context)
