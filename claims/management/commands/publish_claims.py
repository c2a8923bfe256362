"""Publish claims in review, as an editor would; a dry run unless --commit is given."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims import services
from claims.models import Claim
from claimtracker.commands import user_named
from claimtracker.exceptions import DomainError


class Command(BaseCommand):
    help = (
        "Publish the given claims (or every claim in review with --all-in-review) as --as "
        "USERNAME, through the same service as the admin and the API. Dry run by default."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("claim_ids", nargs="*", type=int, help="Claims to publish.")
        parser.add_argument(
            "--all-in-review", action="store_true", help="Every claim now in review."
        )
        parser.add_argument(
            "--as", dest="username", required=True, help="The editor who publishes."
        )
        parser.add_argument(
            "--commit", action="store_true", help="Publish; without it nothing changes."
        )

    def handle(self, *args, claim_ids, all_in_review, username, commit, **options) -> None:
        actor = user_named(username)
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
        for claim in claims:
            if not commit:
                self.stdout.write(f"Would publish #{claim.pk} ({claim.status}): {claim}")
                continue
            try:
                services.claim_publish(claim=claim, actor=actor)
            except (DomainError, PermissionDenied, ValidationError) as error:
                failures += 1
                messages = getattr(error, "messages", [str(error)])
                self.stderr.write(f"Not published #{claim.pk}: {' '.join(messages)}")
            else:
                self.stdout.write(self.style.SUCCESS(f"Published #{claim.pk}: {claim}"))
        if not commit:
            self.stdout.write("Dry run: nothing changed. Add --commit to publish.")
        elif failures:
            raise CommandError(f"{failures} claim(s) not published.")
