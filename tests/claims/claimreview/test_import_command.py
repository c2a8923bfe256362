"""import_claimreview: files, stdin, dry runs, following feed pages, and our own feed round trip."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from claims.management.commands.import_claimreview import Command
from claims.models import Claim, ExternalReview, Rating, Speaker
from claimtracker.writes import fixture_writes
from sources.models import Source
from tests.claims.claimreview.test_importer import review
from tests.factories import SpeakerFactory, UserFactory, published_claim

pytestmark = pytest.mark.django_db


def run(*args, stdin: bytes | None = None, monkeypatch=None, commit: bool = True) -> str:
    """import_claimreview as a system job (unless the test says --as), committed unless told."""
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    who = [] if "--as" in args else ["--system"]
    flags = [*who, *(["--commit"] if commit else [])]
    call_command("import_claimreview", *args, *flags, stdout=out, stderr=out)
    return out.getvalue()


def write(tmp_path, name: str, document) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_imports_a_file_and_reports_each_item(tmp_path):
    path = write(tmp_path, "reviews.json", [review(), {"@type": "ClaimReview", "url": "x"}])
    output = run(path)
    assert "item 1 <https://checks.example.org/reviews/moon-cheese>: created" in output
    assert "new speaker Dana Moon (unverified)" in output
    assert "item 2 <x>: skipped: claimReviewed: Missing" in output
    assert "1 created, 0 updated, 1 skipped." in output
    assert Claim.objects.filter(status=Claim.Status.IMPORTED).count() == 1


def test_reads_standard_input_and_records_the_actor(monkeypatch):
    user = UserFactory(username="importer", is_superuser=True)
    output = run(
        "-", "--as", "importer", stdin=json.dumps(review()).encode(), monkeypatch=monkeypatch
    )
    assert "1 created" in output
    assert Claim.objects.get().created_by == user


def test_dry_run_changes_nothing(tmp_path):
    output = run(write(tmp_path, "r.json", review()), commit=False)
    assert "would be created" in output
    assert "Dry run: 1 would be created" in output
    assert not Claim.objects.exists() and not Speaker.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"{not json", "is not JSON"), (b"\xff\xfe", "not UTF-8"), (b'"a string"', "got a JSON str")],
)
def test_unreadable_input_is_a_command_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path))


def test_unknown_user_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="No user"):
        run(write(tmp_path, "r.json", review()), "--as", "nobody")


# Following feed pages: only to allowed addresses, never anywhere else.


class StubFeed:
    """A local HTTP server serving JSON pages by path; it records what was requested."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict, bytes]] = {}
        self.requested: list[str] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                stub.requested.append(self.path)
                status, headers, body = stub.pages.get(self.path, (404, {}, b"{}"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"
        # shutdown() waits out the poll interval: 0.5 s by default, at every test's end.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def page(self, path: str, document, *, status: int = 200, headers=None) -> None:
        self.pages[path] = (status, headers or {}, json.dumps(document).encode())


@pytest.fixture
def feed():
    stub = StubFeed()
    stub.thread.start()
    yield stub
    stub.server.shutdown()
    stub.server.server_close()
    stub.thread.join(timeout=5)


def feed_page(items, next_url=None) -> dict:
    return {"next": next_url, "previous": None, "results": items}


def numbered(number: int) -> dict:
    return review(url=f"https://checks.example.org/{number}", claimReviewed=f"Claim {number}")


def test_follow_fetches_allowed_pages_and_refuses_others(tmp_path, feed):
    elsewhere = "http://elsewhere.example.org/api/v1/claimreview/?cursor=3"
    feed.page("/api/v1/claimreview/?cursor=2", feed_page([numbered(2)], elsewhere))
    first = write(
        tmp_path, "page1.json", feed_page([numbered(1)], feed.url("/api/v1/claimreview/?cursor=2"))
    )

    output = run(first, "--follow", "--allow-host", feed.host)

    assert feed.requested == ["/api/v1/claimreview/?cursor=2"]
    assert f"Next page not fetched: {elsewhere} is not allowed" in output
    assert sorted(Claim.objects.values_list("text", flat=True)) == ["Claim 1", "Claim 2"]


def test_follow_with_an_allowed_prefix(tmp_path, feed):
    feed.page("/api/v1/claimreview/?cursor=2", feed_page([numbered(2)]))
    first = write(tmp_path, "p.json", feed_page([], feed.url("/api/v1/claimreview/?cursor=2")))

    run(first, "--follow", "--allow-prefix", feed.url("/api/v1/"))
    assert feed.requested == ["/api/v1/claimreview/?cursor=2"]

    feed.requested.clear()
    output = run(first, "--follow", "--allow-prefix", feed.url("/other/"))
    assert feed.requested == []
    assert "is not allowed" in output


def test_without_follow_the_next_page_is_only_mentioned(tmp_path, feed):
    next_url = feed.url("/api/v1/claimreview/?cursor=2")
    output = run(
        write(tmp_path, "p.json", feed_page([numbered(1)], next_url)), "--allow-host", feed.host
    )
    assert f"Next page not followed (use --follow): {next_url}" in output
    assert feed.requested == []


def test_a_redirect_to_a_host_not_allowed_is_not_followed(tmp_path, feed):
    feed.page("/moved", {}, status=302, headers={"Location": "http://elsewhere.example.org/x"})
    first = write(tmp_path, "p.json", feed_page([numbered(1)], feed.url("/moved")))
    with pytest.raises(CommandError, match=r"redirect to http://elsewhere\.example\.org/x is not"):
        run(first, "--follow", "--allow-host", feed.host)
    assert feed.requested == ["/moved"]


def test_following_stops_at_a_loop_and_at_max_pages(tmp_path, feed):
    loop = feed.url("/loop")
    feed.page("/loop", feed_page([numbered(2)], loop))
    first = write(tmp_path, "p.json", feed_page([numbered(1)], loop))
    output = run(first, "--follow", "--allow-host", feed.host)
    assert feed.requested == ["/loop"]
    assert "Stopped following" in output
    feed.requested.clear()
    run(first, "--follow", "--allow-host", feed.host, "--max-pages", "1")
    assert feed.requested == []


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8000/api/v1/claimreview/?cursor=x", True),
        ("https://127.0.0.1:8000/api/v1/claimreview/", True),
        ("http://127.0.0.1:8001/api/v1/claimreview/", False),
        ("http://127.0.0.1:8000@elsewhere.example.org/api/v1/", False),
        ("http://elsewhere.example.org/?http://127.0.0.1:8000/", False),
        ("ftp://127.0.0.1:8000/api/v1/", False),
        ("file:///etc/passwd", False),
    ],
)
def test_allowed_hosts_match_host_and_port_exactly(url, allowed):
    assert Command._allowed(url, ["127.0.0.1:8000"], []) is allowed


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8000/api/v1/claimreview/", True),
        ("http://127.0.0.1:8000/admin/", False),
        ("http://127.0.0.1:80000/api/v1/", False),
        ("http://127.0.0.1:8000@elsewhere.example.org/api/v1/", False),
    ],
)
def test_allowed_prefixes_match_scheme_host_and_path(url, allowed):
    assert Command._allowed(url, [], ["http://127.0.0.1:8000/api/v1/"]) is allowed


# Our own feed, exported and imported back.


def feed_pages(client) -> list[dict]:
    pages, url = [], "/api/v1/claimreview/?page_size=2"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(response.json())
        url = pages[-1]["next"]
    return pages


def facts() -> set[tuple]:
    return {
        (
            claim.claim_reviewed or claim.text,
            claim.speaker.name,
            claim.speaker.role,
            tuple(claim.speaker.same_as),
            claim.stated_on,
            claim.verdict.rating.slug,
            frozenset((a.source.url, a.is_first) for a in claim.appearances.all()),
        )
        for claim in Claim.objects.select_related("speaker", "verdict__rating")
    }


def test_our_feed_round_trips_through_the_import(client, demo, tmp_path):
    speaker = SpeakerFactory(same_as=["https://www.wikidata.org/wiki/Q42"])
    for slug in ("true", "false", "half-true"):
        published_claim(speaker=speaker, rating=Rating.objects.get(slug=slug))
    with fixture_writes("only the published claims"):
        Claim.objects.exclude(status=Claim.Status.PUBLISHED).delete()
    expected = facts()
    assert len(expected) == 5
    pages = feed_pages(client)
    assert len(pages) == 3
    paths = [write(tmp_path, f"page{number}.json", page) for number, page in enumerate(pages)]

    with fixture_writes("an empty archive to import into"):
        Claim.objects.all().delete()
        Speaker.objects.all().delete()
        Source.objects.all().delete()
    for path in paths:
        run(path)

    assert Claim.objects.filter(status=Claim.Status.IMPORTED).count() == 5
    assert facts() == expected
    assert ExternalReview.objects.filter(publisher__name="ClaimTracker").count() == 5
    assert not Speaker.objects.filter(verified=True).exists()

    # Importing the same pages again updates every claim and creates nothing.
    outputs = "".join(run(path) for path in paths)
    assert outputs.count(": updated:") == 5 and ": created:" not in outputs
    assert Claim.objects.count() == 5
    assert Speaker.objects.count() == len({fact[1] for fact in expected})


def test_base_url_resolves_relative_addresses_and_unmapped_ratings_are_listed(tmp_path):
    document = review(url="/reviews/relative", reviewRating={"alternateName": "Zany nonsense"})
    path = write(tmp_path, "relative.json", document)
    assert "skipped: url: A relative address" in run(path)
    output = run(path, "--base-url", "https://checks.example.org/index.html")
    assert "item 1 <https://checks.example.org/reviews/relative>: created" in output
    assert "to map to our scale in the admin (Rating labels): 'Zany nonsense'" in output
