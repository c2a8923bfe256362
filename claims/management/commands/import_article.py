"""Import a news article: its quotations become draft claims, attributed to their speakers."""

import datetime as dt
import sys

from django.core.management.base import CommandError

from claims import services
from claimtracker.admin import REFUSALS
from claimtracker.commands import WriteCommand
from claimtracker.exceptions import describe


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published-on {value!r} is not a date in YYYY-MM-DD form.") from None


class Command(WriteCommand):
    help = (
        "Import an article (PATH, or - for standard input): the article becomes a source, each "
        "direct quotation a draft claim attributed to its speaker, each partial quote a "
        "reported-speech note. Importing the same article again creates nothing new. A dry "
        "run (the import, rolled back) unless --commit is given."
    )
    commit_help = "import the article"

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

    def handle(self, *args, path, **options) -> None:
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
        actor = self.actor(options)
        try:
            with self.changes(options) as commit:
                plan = services.article_import(actor=actor, **arguments)
        except REFUSALS as error:
            raise CommandError(describe(error)) from None
        self._report(plan, dry_run=not commit)

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
                f"Dry run: {len(plan.claims)} claim(s), {len(plan.speakers_created)} new "
                f"speaker(s) and {plan.fragments_created} reported-speech note(s) would be "
                "created; nothing changed. Add --commit to import."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(plan.claims)} draft claim(s), {len(plan.speakers_created)} new "
                    f"speaker(s), {plan.fragments_created} reported-speech note(s) created."
                )
            )
