"""GET /api/v1/exports/claims.csv and claims.jsonl: every published claim in one download.

The body is streamed from a server-side cursor in chunks, so a worker's memory does not
grow with the archive; gzip-compressed when the client accepts it. The ETag is the public
generation (claimtracker/caching.py), which every public change replaces: a client that sends it
back gets a 304 until something changes, without the database being read.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator

import orjson
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.http import parse_etags
from django.utils.text import compress_sequence
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.claimreview.render import claim_page_url_template, text_slug
from claimtracker.caching import public_generation
from claimtracker.openapi import IF_NONE_MATCH, NOT_MODIFIED
from exports.selectors import COLUMNS, export_rows

# Rows joined into one chunk of the response: one write to the socket per this many claims.
ROWS_PER_CHUNK = 500
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


class AnyAccept(BaseContentNegotiation):
    """The export is one format per URL: whatever Accept says, that format is served."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _text(value) -> str | int | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Line:
    """A file-like object whose write returns the line: csv.writer then formats one row."""

    def write(self, line: str) -> str:
        return line


def _chunks(lines: Iterable, joiner: str | bytes) -> Iterator:
    batch: list = []
    for line in lines:
        batch.append(line)
        if len(batch) >= ROWS_PER_CHUNK:
            yield joiner.join(batch)
            batch = []
    if batch:
        yield joiner.join(batch)


class ClaimExportView(APIView):
    """Every published claim, flat, in id order."""

    content_negotiation_class = AnyAccept
    export_format = ""
    media_type = ""
    filename = ""
    joiner: str | bytes = ""

    def get(self, request, *args, **kwargs):
        try:
            etag = f'"{self.export_format}-{public_generation().token}"'
        except Exception:  # No cache: no ETag, the download still works.
            etag = None
        if etag and etag in parse_etags(request.headers.get("If-None-Match", "")):
            return Response(status=304, headers={"ETag": etag})
        body = _chunks(self.lines(self._rows(request)), self.joiner)
        response = StreamingHttpResponse(body, content_type=self.media_type)
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response.streaming_content = compress_sequence(response.streaming_content)
            response["Content-Encoding"] = "gzip"
        response["Vary"] = "Accept-Encoding"
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        if etag:
            response["ETag"] = etag
        return response

    def _rows(self, request) -> Iterator[dict]:
        api = request.build_absolute_uri(reverse("claim-list"))
        page = claim_page_url_template(request=request)
        for row in export_rows():
            row["url"] = f"{api}{row['id']}/"
            slug = text_slug(row["claim_reviewed"] or row["text"])
            row["review_url"] = page.format(id=row["id"], slug=slug)
            yield row

    def lines(self, rows: Iterable[dict]) -> Iterator[bytes | str]:
        raise NotImplementedError


def _documented(media_type: str, description: str):
    return extend_schema(
        summary=f"Every published claim in one {description} download",
        description="Streamed, flat, in id order; gzip-compressed with Accept-Encoding: gzip. "
        f"Columns: {', '.join(COLUMNS)}. topic_slugs are joined by ';'. "
        "The ETag changes with any change the public can see; send it back as If-None-Match "
        "for a 304.",
        parameters=[IF_NONE_MATCH],
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.STR, description=description),
            (304, media_type): NOT_MODIFIED,
        },
        filters=False,
    )


class ClaimsCsvExportView(ClaimExportView):
    """CSV with a header row, RFC 4180 quoting."""

    export_format = "csv"
    media_type = "text/csv; charset=utf-8"
    filename = "claims.csv"

    @_documented("text/csv", "CSV")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def lines(self, rows: Iterable[dict]) -> Iterator[str]:
        writer = csv.writer(_Line())
        yield writer.writerow(COLUMNS)
        for row in rows:
            yield writer.writerow([_text(row[column]) for column in COLUMNS])


class ClaimsJsonlExportView(ClaimExportView):
    """JSON Lines: one JSON object per claim, keys in the CSV's column order."""

    export_format = "jsonl"
    media_type = "application/jsonl"
    filename = "claims.jsonl"
    joiner = b""

    @_documented("application/jsonl", "JSON Lines")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def lines(self, rows: Iterable[dict]) -> Iterator[bytes]:
        for row in rows:
            yield orjson.dumps({column: _text(row[column]) for column in COLUMNS}) + b"\n"
