"""Import other organisations' fact-checks, published as schema.org ClaimReview."""

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from claims import services
from claimtracker.commands import WriteCommand

MAX_PAGE_BYTES = 20 * 1024 * 1024


class NotAllowed(Exception):
    """An address outside the --allow-host / --allow-prefix list."""


class Command(WriteCommand):
    help = (
        "Import ClaimReview JSON (PATH, or - for stdin): one ClaimReview, a list of them, a "
        "JSON-LD @graph, or a page of a /api/v1/claimreview/ feed. Each review becomes an "
        "imported claim (never published as ours); importing the same review URL again updates "
        "it. With --follow, the feed's next pages are fetched, only from allowed addresses. "
        "A dry run (the import, rolled back) unless --commit is given."
    )
    commit_help = "import the reviews"

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="A JSON file, or - for stdin.")
        parser.add_argument(
            "--follow",
            action="store_true",
            help="Fetch the feed's next pages (only from --allow-host / --allow-prefix).",
        )
        parser.add_argument(
            "--allow-host",
            action="append",
            default=[],
            metavar="HOST[:PORT]",
            help="A host --follow may fetch from, e.g. 127.0.0.1:8000 (repeatable).",
        )
        parser.add_argument(
            "--allow-prefix",
            action="append",
            default=[],
            metavar="URL",
            help="An address prefix --follow may fetch, e.g. http://127.0.0.1:8000/api/v1/ "
            "(repeatable).",
        )
        parser.add_argument(
            "--max-pages", type=int, default=100, help="Stop following after this many pages."
        )
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="Seconds to wait for each page."
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The address of the page the JSON-LD came from: relative URLs in it are "
            "resolved against it.",
        )

    def handle(self, *args, path, base_url, **options) -> None:
        actor = self.actor(options)
        document = self._parse(self._read(path), path)
        items = self._items(document, path, options)
        try:
            with self.changes(options) as commit:
                report = services.claimreview_import(
                    actor=actor, reviews=items, dry_run=not commit, base_url=base_url
                )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        self._report(report)

    # Reading and following pages.

    def _read(self, path: str) -> bytes:
        try:
            return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None

    def _parse(self, raw: bytes, where: str):
        try:
            return json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise CommandError(f"{where} is not UTF-8 text.") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{where} is not JSON: {error}.") from None

    def _items(self, document, where: str, options) -> list:
        items, seen, pages = [], set(), 1
        while True:
            try:
                page = services.claimreview_items(document)
            except ValidationError as error:
                raise CommandError(f"{where}: {' '.join(error.messages)}") from None
            items += page.items
            if page.ignored_nodes:
                self.stdout.write(f"{where}: {page.ignored_nodes} graph node(s) not ClaimReview.")
            next_url = page.next_url
            if not next_url or not options["follow"]:
                if next_url:
                    self.stdout.write(f"Next page not followed (use --follow): {next_url}")
                return items
            if not self._allowed(next_url, options["allow_host"], options["allow_prefix"]):
                self.stderr.write(
                    f"Next page not fetched: {next_url} is not allowed by --allow-host or "
                    "--allow-prefix."
                )
                return items
            if next_url in seen or pages >= options["max_pages"]:
                self.stderr.write(f"Stopped following after {pages} page(s): {next_url}")
                return items
            seen.add(next_url)
            document = self._parse(self._fetch(next_url, options), next_url)
            where, pages = next_url, pages + 1

    @staticmethod
    def _allowed(url: str, hosts: list[str], prefixes: list[str]) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.username or parts.password:
            return False
        for host in hosts:
            host = host.lower()
            if parts.netloc.lower() == host:
                return True
        for prefix in prefixes:
            allowed = urlsplit(prefix)
            # The same scheme and host too, so "http://host:80" does not allow
            # "http://host:8000" or "http://host:80@elsewhere".
            if url.startswith(prefix) and (parts.scheme, parts.netloc.lower()) == (
                allowed.scheme,
                allowed.netloc.lower(),
            ):
                return True
        return False

    def _fetch(self, url: str, options) -> bytes:
        hosts, prefixes = options["allow_host"], options["allow_prefix"]
        allowed = self._allowed

        class AllowedRedirects(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, req, fp, code, msg, headers, newurl):
                if not allowed(newurl, hosts, prefixes):
                    raise NotAllowed(f"redirect to {newurl} is not allowed")
                return super().redirect_request(req, fp, code, msg, headers, newurl)

        # No proxies from the environment: the only connection is to the allowed address.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), AllowedRedirects)
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        self.stdout.write(f"Fetching {url}")
        try:
            with opener.open(request, timeout=options["timeout"]) as response:
                raw = response.read(MAX_PAGE_BYTES + 1)
        except NotAllowed as error:
            raise CommandError(f"Cannot fetch {url}: {error}.") from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise CommandError(f"Cannot fetch {url}: {error}.") from None
        if len(raw) > MAX_PAGE_BYTES:
            raise CommandError(f"{url} is larger than {MAX_PAGE_BYTES:,} bytes.")
        return raw

    # The actor and the report.

    def _report(self, report: services.ImportReport) -> None:
        would = "would be " if report.dry_run else ""
        for item in report.items:
            label = f"item {item.number}" + (f" <{item.url}>" if item.url else "")
            if item.action == "skipped":
                self.stdout.write(f"  {label}: {would}skipped: {item.reason}")
                continue
            review = item.review
            claim = review.claim
            extras = []
            if review.speaker_created:
                extras.append(f"new speaker {review.speaker} (unverified)")
            if review.sources_created:
                extras.append(f"{review.sources_created} new source(s)")
            if review.rating_created:
                extras.append(f"new external rating {review.rating}")
            details = f" [{', '.join(extras)}]" if extras else ""
            self.stdout.write(
                f"  {label}: {would}{item.action}: \u201c{claim.claim_reviewed}\u201d{details}"
            )
            for warning in review.warnings:
                self.stdout.write(f"    warning: {warning}")
        summary = (
            f"{len(report.created)} {would}created, {len(report.updated)} {would}updated, "
            f"{len(report.skipped)} {would}skipped."
        )
        if report.unmapped_ratings:
            self.stdout.write(
                "Ratings kept in the publisher's wording, to map to our scale in the admin "
                "(Rating labels): " + ", ".join(map(repr, report.unmapped_ratings))
            )
        if report.dry_run:
            self.stdout.write(f"Dry run: {summary} Nothing changed. Add --commit to import.")
        else:
            self.stdout.write(self.style.SUCCESS(summary))
