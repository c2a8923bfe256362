"""Import a news article: its quotations become draft claims, attributed to their speakers."""

import datetime as dt
import sys

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims import services
from claimtracker.commands import user_named


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published-on {value!r} is not a date in YYYY-MM-DD form.") from None


class Command(BaseCommand):
    help = (
        "Import an article (PATH, or - for standard input): the article becomes a source, each "
        "direct quotation a draft claim attributed to its speaker, each partial quote a "
        "reported-speech note. Importing the same article again creates nothing new."
    )

    # call_command(..., stdin=stream) stands in for standard input (tests, scripts).
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="A text file with the article, or - for stdin.")
        parser.add_argument("--url", default="", help="The article's address (required).")
        parser.add_argument("--title", default="", help="Default: the article's first line.")
        parser.add_argument("--publisher", default="", help='e.g. "BBC"')
        parser.add_argument("--published-on", type=_date, default=None, help="YYYY-MM-DD")
        parser.add_argument("--author", default="")
        parser.add_argument(
            "--language",
            default=None,
            help="The article's language (en, fr, de, es...); detected from the text if omitted.",
        )
        parser.add_argument(
            "--as", dest="username", default="", help="The user recorded as importing it."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be created; change nothing."
        )

    def handle(self, *args, path, username, dry_run, **options) -> None:
        text = self._read(path, options.get("stdin") or sys.stdin)
        arguments = {
            "text": text,
            "url": options["url"],
            "title": options["title"],
            "publisher": options["publisher"],
            "published_on": options["published_on"],
            "author": options["author"],
            "language": options["language"],
        }
        try:
            if dry_run:
                plan = services.article_preview(**arguments)
            else:
                plan = services.article_import(actor=user_named(username), **arguments)
        except ValidationError as error:
            problems = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
            raise CommandError(problems) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        self._report(plan, dry_run)

    def _read(self, path: str, stdin) -> str:
        try:
            if path == "-":
                raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
            else:
                with open(path, "rb") as file:
                    raw = file.read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text; is it a binary file?") from None

    def _report(self, plan: services.ImportPlan, dry_run: bool) -> None:
        verb = "Would create" if dry_run else "Created"
        source = plan.source
        if plan.source_exists:
            self.stdout.write(f"Source #{source.pk} already recorded: {source.title}")
        else:
            self.stdout.write(f"{verb} source: {source.title} <{source.url}>")
        self.stdout.write(f"Language: {plan.language or 'unknown'}")
        for candidate in plan.candidates:
            speaker = candidate.quotation.speaker or "(unattributed)"
            if candidate.new_speaker:
                speaker += " [new speaker, unverified]"
            status = "already imported" if candidate.already_imported else f"{verb.lower()} claim"
            self.stdout.write(f"  {status}: {speaker}: \u201c{candidate.quotation.text}\u201d")
            for match in candidate.published_matches:
                self.stdout.write(
                    f"      may have been checked before: claim #{match.claim.pk} "
                    f"(score {match.score:.2f}): {match.claim}"
                )
        for fragment in plan.fragments:
            self.stdout.write(
                f"  reported speech: {fragment.speaker or '(unattributed)'}: "
                f"\u201c{fragment.text}\u201d"
            )
        if dry_run:
            self.stdout.write(
                f"Dry run: {len(plan.new_candidates)} claim(s) would be created; nothing changed."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(plan.claims)} draft claim(s), {len(plan.speakers_created)} new "
                    f"speaker(s), {plan.fragments_created} reported-speech note(s) created."
                )
            )
