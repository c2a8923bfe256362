"""Publish claims in review, as an editor would; a dry run unless --commit is given."""

from django.core.management.base import CommandError

from claims import services
from claims.models import Claim
from claimtracker.admin import REFUSALS
from claimtracker.commands import WriteCommand
from claimtracker.exceptions import describe


class Command(WriteCommand):
    help = (
        "Publish the given claims (or every claim in review with --all-in-review) as --as "
        "USERNAME (or --system), through the same service as the admin and the API. Dry run "
        "by default: it reports what publishing would do, refusals included."
    )
    commit_help = "publish the claims"

    def add_arguments(self, parser) -> None:
        parser.add_argument("claim_ids", nargs="*", type=int, help="Claims to publish.")
        parser.add_argument(
            "--all-in-review", action="store_true", help="Every claim now in review."
        )

    def handle(self, *args, claim_ids, all_in_review, **options) -> None:
        actor = self.actor(options)
        claims = Claim.objects.order_by("id")
        if all_in_review:
            claims = claims.filter(status=Claim.Status.IN_REVIEW)
        elif claim_ids:
            claims = claims.filter(pk__in=claim_ids)
            missing = set(claim_ids) - set(claims.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No claim with id {', '.join(map(str, sorted(missing)))}.")
        else:
            raise CommandError("Name claim ids, or pass --all-in-review.")

        failures = 0
        with self.changes(options) as commit:
            for claim in claims:
                try:
                    services.claim_publish(claim=claim, actor=actor)
                except REFUSALS as error:
                    failures += 1
                    verb = "Not published" if commit else "Would not publish"
                    self.stderr.write(f"{verb} #{claim.pk}: {describe(error)}")
                else:
                    verb = "Published" if commit else "Would publish"
                    self.stdout.write(self.style.SUCCESS(f"{verb} #{claim.pk}: {claim}"))
        if not commit:
            self.stdout.write("Dry run: nothing changed. Add --commit to publish.")
        if failures:
            raise CommandError(
                f"{failures} claim(s) {'not published' if commit else 'would not be published'}."
            )
