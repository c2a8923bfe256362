"""A newsroom's widget on another site reads published claims from the API in the browser,
and cannot write, even with a token."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token

from claims.models import Claim
from tests.factories import UserFactory

# As every browser test: the database is flushed after the test and its migrated rows (the
# rating scale, groups) restored for the next one. Without serialized_rollback the flush would
# also re-create content types, which the next serialized test then inserts again.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDGET = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Widget</title></head>
<body>
<h1>Latest fact-checks</h1>
<ul id="claims"></ul>
<p id="write"></p>
<script>
const api = "%(api)s";
fetch(api + "/api/v1/claims/?page_size=5")
  .then((response) => response.json())
  .then((page) => {
    for (const claim of page.results) {
      const item = document.createElement("li");
      item.textContent = claim.speaker.name + ": " + claim.text;
      document.getElementById("claims").appendChild(item);
    }
  })
  .catch((error) => { document.getElementById("claims").textContent = "read failed: " + error; });
fetch(api + "/api/v1/claims/", {
  method: "POST",
  headers: {"Content-Type": "application/json", "Authorization": "Bearer %(token)s"},
  body: JSON.stringify({text: "Written from another site."}),
})
  .then((response) => { say("write answered " + response.status); })
  .catch(() => { say("write blocked"); });
function say(text) { document.getElementById("write").textContent = text; }
</script>
</body></html>
"""


@pytest.fixture
def other_origin(tmp_path, live_server) -> Iterator[str]:
    """A second web server, on 127.0.0.1 (the live server is on localhost: another origin)."""
    editor = UserFactory(username="widget-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    token = Token.objects.create(user=editor).key
    (tmp_path / "widget.html").write_text(WIDGET % {"api": live_server.url, "token": token})
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # shutdown() waits out the poll interval: 0.5 s by default, at every test's end.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# serialized_rollback: the rating scale and the roles (data migrations) are restored first,
# whatever transactional test flushed the database before this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_on_another_origin_reads_published_claims_and_cannot_write(
    browser, journal, newsroom, other_origin, live_server
):
    assert live_server.url.startswith("http://localhost:")
    before = Claim.objects.count()
    published = Claim.objects.published().select_related("speaker")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with journal.step(page, "widget reads the published claims"):
        page.goto(f"{other_origin}/widget.html")
        page.wait_for_function("document.querySelectorAll('#claims li').length > 0")
        shown = page.locator("#claims li").all_inner_texts()
        assert len(shown) == min(published.count(), 5)
        assert any("Ren Zhengfei" in line for line in shown)
    with journal.step(page, "widget cannot write"):
        page.wait_for_function("document.getElementById('write').textContent !== ''")
        assert page.inner_text("#write") == "write blocked"
    context.close()
    assert Claim.objects.count() == before
