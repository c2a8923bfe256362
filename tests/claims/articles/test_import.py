"""Article import: the seed article becomes a source, seven Ren claims and reported speech."""

# ruff: noqa: RUF001

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims import services
from claims.models import Claim, Speaker, SpeakerAlias
from sources.models import ReportedSpeech, Source
from tests.factories import SpeakerAliasFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "claims" / "demo_data" / "bbc-huawei-ren-zhengfei.txt"
URL = "https://www.bbc.com/news/business-46870658"
REN_QUOTES = [
    "I love my country. I support the Communist Party. "
    "But I will not do anything to harm the world.",
    "I personally would never harm the interest of my customers and me and my company would not "
    "answer to such requests",
    "No law in China requires any company to install mandatory backdoors",
    "He dares to massively cut tax, which will benefit… business",
    # As printed: curly quotes and apostrophes.
    "The message to the US I want to communicate is, \u2018Collaboration and shared success\u2019",
    "You can\u2019t work with everyone",
    "We\u2019ll shift our focus to better serve countries that welcome Huawei.",
]


def fact_checker():
    user = UserFactory(username="checker", is_staff=True)
    user.groups.add(Group.objects.get(name="Fact-checkers"))
    return user


def run(*args, commit: bool = True) -> str:
    """import_article as a system job (unless the test says --as), committed unless told."""
    who = [] if "--as" in args else ["--system"]
    out = io.StringIO()
    call_command("import_article", *args, *who, *(["--commit"] if commit else []), stdout=out)
    return out.getvalue()


def test_the_expected_quotations_are_in_the_article_as_printed():
    article = SEED.read_text()
    assert all(quote in article for quote in REN_QUOTES)


def test_command_creates_the_source_and_the_seven_ren_claims_then_nothing():
    output = run(str(SEED), "--url", URL, "--publisher", "BBC", "--published-on", "2019-01-15")
    source = Source.objects.get()
    assert source.title == "Huawei founder Ren Zhengfei denies firm poses spying risk"
    assert source.publisher.name == "BBC"
    claims = Claim.objects.filter(appearances__source=source, appearances__is_first=True)
    assert sorted(claims.values_list("text", flat=True)) == sorted(REN_QUOTES)
    assert set(claims.values_list("speaker__name", flat=True)) == {"Ren Zhengfei"}
    assert set(claims.values_list("status", flat=True)) == {"draft"}
    assert "7 draft claim(s)" in output

    again = run(str(SEED), "--url", URL + "?utm_source=twitter", "--publisher", "BBC")
    assert Claim.objects.count() == 7
    assert Source.objects.count() == 1
    assert "0 draft claim(s)" in again


def test_fragments_are_reported_speech_not_claims():
    run(str(SEED), "--url", URL)
    fragments = dict(ReportedSpeech.objects.values_list("text", "speaker_name"))
    for words in ["very much", "improper information", "great president"]:
        assert fragments[words] == "Ren Zhengfei"
        assert not Claim.objects.filter(text=words).exists()


def test_unknown_speaker_is_created_unverified_with_the_aliases_used():
    run(str(SEED), "--url", URL)
    ren = Speaker.objects.get(name="Ren Zhengfei")
    assert ren.verified is False
    aliases = set(ren.aliases.values_list("name", flat=True))
    assert "Mr Ren" in aliases
    assert not aliases & {"he", "He", "she"}


def test_an_existing_speaker_is_matched_by_alias_and_kept_verified():
    ren = SpeakerFactory(name="Zhengfei Ren", slug="ren-zhengfei")
    SpeakerAliasFactory(speaker=ren, name="Ren Zhengfei")
    run(str(SEED), "--url", URL)
    assert Speaker.objects.filter(name__icontains="Ren").count() == 1
    assert Claim.objects.filter(speaker=ren).count() == 7
    ren.refresh_from_db()
    assert ren.verified is True


def test_dry_run_prints_the_candidates_and_changes_nothing():
    output = run(str(SEED), "--url", URL, commit=False)
    assert "Would create source" in output
    assert "No law in China requires any company to install mandatory backdoors" in output
    assert Source.objects.count() == 0 and Claim.objects.count() == 0
    assert Speaker.objects.count() == 0


def test_importing_into_the_demo_adds_only_what_is_missing(demo):
    before = Claim.objects.count()
    run(str(SEED), "--url", URL)
    # The demo already has four of Ren's quotations from this article.
    assert Claim.objects.count() == before + 3
    assert Source.objects.for_url(URL).count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"   \n", "empty"), (b"\x00\x01\x02binary", "binary"), (b"\xff\xfe\xfa", "UTF-8")],
)
def test_bad_files_are_refused_and_nothing_is_created(tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), "--url", URL)
    assert Source.objects.count() == 0


def test_a_huge_article_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Words and more words. " * 500_000)
    with pytest.raises(CommandError, match="too long"):
        run(str(path), "--url", URL)
    assert Source.objects.count() == 0


def test_a_url_is_required(tmp_path):
    with pytest.raises(CommandError, match="url"):
        run(str(SEED))


def test_html_is_reduced_to_text():
    html = (
        "<html><head><script>var x = '\"not a quote\"';</script></head><body><article>"
        "<h1>Minister defends budget</h1><p>Jane Doe is the finance minister.</p>"
        "<p>&ldquo;We will balance the books by 2027,&rdquo; Ms Doe said.</p>"
        "</article></body></html>"
    )
    plan = services.article_import(actor=None, text=html, url="https://example.org/budget")
    assert [claim.text for claim in plan.claims] == ["We will balance the books by 2027"]
    assert plan.claims[0].speaker.name == "Jane Doe"


def test_api_import_returns_the_source_and_the_claims():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=fact_checker()).key}")
    body = {"text": SEED.read_text(), "url": URL, "publisher": "BBC"}
    preview = client.post("/api/v1/sources/import/", {**body, "dry_run": True})
    assert preview.status_code == 200
    assert len(preview.json()["candidates"]) == 7
    assert Claim.objects.count() == 0

    response = client.post("/api/v1/sources/import/", body)
    assert response.status_code == 201
    result = response.json()
    assert result["source"]["url"] == URL
    assert len(result["claims"]) == 7
    assert {claim["status"] for claim in result["claims"]} == {"draft"}
    assert client.post("/api/v1/sources/import/", body).json()["claims"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "", "url": URL}, "text"),
        ({"text": "a\x00b", "url": URL}, "text"),
        ({"text": "x" * 300_000, "url": URL}, "text"),
        ({"text": "Some article", "url": "not a url"}, "url"),
        ({"url": URL}, "text"),
    ],
)
def test_api_refuses_bad_input_with_a_400_naming_the_field(body, field):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=fact_checker()).key}")
    response = client.post("/api/v1/sources/import/", body)
    assert response.status_code == 400
    assert field in response.json()
    assert Source.objects.count() == 0


def test_api_import_needs_a_role():
    assert APIClient().post("/api/v1/sources/import/", {"text": "x", "url": URL}).status_code == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory()).key}")
    response = client.post("/api/v1/sources/import/", {"text": SEED.read_text(), "url": URL})
    assert response.status_code == 403
    assert Source.objects.count() == 0


def test_admin_import_page_previews_then_creates(client):
    client.force_login(fact_checker())
    url = reverse("admin:claims_claim_import_article")
    data = {"url": URL, "publisher": "BBC", "text": SEED.read_text(), "_preview": "1"}
    preview = client.post(url, data)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Preview: 7 new draft claims" in page
    assert "You can\u2019t work with everyone" in page
    assert Claim.objects.count() == 0

    created = client.post(url, {**data, "_import": "1"})
    assert created.status_code == 302
    assert Claim.objects.count() == 7
    assert SpeakerAlias.objects.filter(name="Mr Ren").exists()


def test_admin_import_page_accepts_an_uploaded_file(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(fact_checker())
    upload = SimpleUploadedFile("bbc.txt", SEED.read_bytes(), content_type="text/plain")
    response = client.post(
        reverse("admin:claims_claim_import_article"),
        {"url": URL, "file": upload, "_preview": "1"},
    )
    assert "Preview: 7 new draft claims" in response.content.decode()


def test_import_flags_candidates_that_match_a_published_claim(demo):
    article = (
        "Minister speaks on technology\n\n"
        "Jane Doe is the country's technology minister.\n\n"
        "\u201cChina has no law that forces companies to install backdoors,\u201d Ms Doe said.\n\n"
        "\u201cWe will build our own networks from next year,\u201d she added."
    )
    plan = services.article_preview(text=article, url="https://example.org/minister")
    flagged, fresh = plan.candidates
    backdoors = Claim.objects.get(text__startswith="No law in China")
    assert [match.claim for match in flagged.published_matches] == [backdoors]
    assert flagged.published_matches[0].score >= 0.5
    assert fresh.published_matches == []
    output = io.StringIO()
    call_command(
        "import_article",
        "-",
        "--url",
        "https://example.org/minister",
        "--system",
        stdin=io.StringIO(article),
        stdout=output,
    )
    assert f"may have been checked before: claim #{backdoors.pk}" in output.getvalue()


# -- issue 17: the editor's choices, the language, organisations --------------------------


def _preview_form(page: str) -> dict:
    """The preview's tick boxes and speaker fields, as the browser would send them."""
    import re

    keys = re.findall(r'name="candidate" value="(\d+)"', page)
    data = {"candidate": keys}
    for key in keys:
        data[f"import_{key}"] = "on"
        speaker = re.search(rf'name="speaker_{key}" value="([^"]*)"', page)
        data[f"speaker_{key}"] = speaker.group(1) if speaker else ""
    return data


def test_admin_editor_unticks_a_quotation_and_renames_a_speaker_then_sees_only_those_claims(
    client,
):
    client.force_login(fact_checker())
    url = reverse("admin:claims_claim_import_article")
    data = {"url": URL, "publisher": "BBC", "text": SEED.read_text(), "_preview": "1"}
    page = client.post(url, data).content.decode()
    choices = _preview_form(page)
    first, second, *_ = choices["candidate"]
    del choices[f"import_{first}"]  # unticked
    choices[f"speaker_{second}"] = "Zhengfei Ren"

    created = client.post(url, {**data, **choices, "_import": "1"})

    assert Claim.objects.count() == 6
    assert not Claim.objects.filter(text=REN_QUOTES[0]).exists()
    assert Claim.objects.get(text=REN_QUOTES[1]).speaker.name == "Zhengfei Ren"
    ids = ",".join(str(pk) for pk in Claim.objects.order_by("pk").values_list("pk", flat=True))
    assert created.status_code == 302
    assert created["Location"] == f"{reverse('admin:claims_claim_changelist')}?id__in={ids}"
    listing = client.get(created["Location"])
    assert listing.status_code == 200
    assert "6 claims" in listing.content.decode() or "6 results" in listing.content.decode()


def test_admin_preview_keeps_the_editors_choices_when_previewing_again(client):
    client.force_login(fact_checker())
    url = reverse("admin:claims_claim_import_article")
    data = {"url": URL, "text": SEED.read_text(), "_preview": "1"}
    choices = _preview_form(client.post(url, data).content.decode())
    first = choices["candidate"][0]
    del choices[f"import_{first}"]
    page = client.post(url, {**data, **choices}).content.decode()
    assert "Preview: 6 new draft claims" in page
    assert f'id="import_{first}" aria-label="Import this quotation">' in page  # not checked


def test_a_french_article_is_read_with_its_language_and_a_detected_one_too():
    article = (
        "Le ministre défend sa réforme\n\n"
        "Le ministre de l’Économie, Jean Moreau, était à Lyon mardi pour défendre la réforme des "
        "retraites devant les chefs d’entreprise de la région.\n\n"
        "« Nous tiendrons nos engagements jusqu’au bout », a-t-il déclaré devant la presse."
    )
    given = services.article_preview(text=article, url=URL, language="fr")
    detected = services.article_preview(text=article, url=URL)
    assert detected.language == "fr"
    for plan in (given, detected):
        assert [(c.quotation.speaker, c.quotation.text) for c in plan.candidates] == [
            ("Jean Moreau", "Nous tiendrons nos engagements jusqu’au bout")
        ]


def test_command_takes_the_language_and_refuses_a_bad_one(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Titel\n\n„Wir schaffen das“, sagte Anna Berg in Berlin.", encoding="utf-8")
    output = run(str(article), "--url", URL, "--language", "de", commit=False)
    assert "Language: de" in output
    assert "Anna Berg [new speaker, unverified]: \u201cWir schaffen das\u201d" in output
    with pytest.raises(CommandError, match="language"):
        run(str(article), "--url", URL, "--language", "German", commit=False)


def test_api_refuses_a_language_that_is_not_a_code():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=fact_checker()).key}")
    response = client.post(
        "/api/v1/sources/import/", {"text": "Some article", "url": URL, "language": "French"}
    )
    assert response.status_code == 400
    assert "language" in response.json()


def test_an_organisation_quoted_becomes_a_speaker_of_kind_organisation():
    article = (
        "Bridge closed\n\n"
        "The Ministry of Transport closed the bridge on Monday after engineers found cracks.\n\n"
        "\u201cSafety comes first and the bridge stays shut,\u201d the ministry said in a "
        "statement."
    )
    plan = services.article_import(actor=fact_checker(), text=article, url=URL, language="en")
    speaker = plan.claims[0].speaker
    assert (speaker.name, speaker.kind) == ("Ministry of Transport", Speaker.Kind.ORGANISATION)
