"""Writing notifications: who hears of a step, the e-mails, marking them read."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimNote
from claims.services.notes import claim_people_ids
from claimtracker.people import person_name
from claimtracker.writes import service
from notifications.models import Notification, NotificationKind

# Who reviews submitted claims: holders of this permission (the Editors group).
REVIEW_PERMISSION = "claims.review_claim"
# How much of a note a notification quotes.
QUOTE_LENGTH = 140


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"


def reviewers() -> set[int]:
    """The active users who review submitted claims (the permission, by group or directly)."""
    app_label, codename = REVIEW_PERMISSION.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None:
        return set()
    return set(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .values_list("pk", flat=True)
    )


def recipients(*, claim: Claim, kind: str, assignee) -> set[int]:
    """Who hears of a step on ``claim`` (the actor is left out by the caller)."""
    if kind == NotificationKind.SUBMITTED:
        return reviewers()
    if kind == NotificationKind.ASSIGNED:
        return {assignee.pk} if assignee is not None else set()
    people = claim_people_ids(claim)
    if kind == NotificationKind.NOTE:
        # Everyone who wrote in the thread, and the people working on the claim.
        people |= set(
            ClaimNote.objects.filter(claim_id=claim.pk, author__isnull=False).values_list(
                "author_id", flat=True
            )
        )
    return people


def describe(*, claim: Claim, kind: str, actor, note: ClaimNote | None) -> str:
    """The notification's sentence, in plain words."""
    who, title = person_name(actor) if actor else "The system", f"“{claim}”"
    if kind == NotificationKind.SUBMITTED:
        return f"{who} submitted {title} for review."
    if kind == NotificationKind.CHANGES_REQUESTED:
        return f"{who} sent {title} back to you: {_quote(note.body) if note else ''}".strip()
    if kind == NotificationKind.PUBLISHED:
        return f"{who} published {title}."
    if kind == NotificationKind.ASSIGNED:
        return f"{who} assigned {title} to you."
    return f"{who} wrote a note on {title}: {_quote(note.body) if note else ''}".strip()


@service
def notifications_create(
    *, claim: Claim, kind: str, actor, note: ClaimNote | None = None, assignee=None
) -> list[Notification]:
    """Tell everyone concerned by a step on ``claim``, never its actor, in the step's
    transaction; their e-mails are a job queued in the same transaction (sent only if the
    step commits)."""
    people = recipients(claim=claim, kind=kind, assignee=assignee)
    people.discard(actor.pk if actor is not None else None)
    if not people:
        return []
    text = describe(claim=claim, kind=kind, actor=actor, note=note)
    addresses = dict(
        get_user_model()
        .objects.filter(pk__in=people, is_active=True)
        .order_by("pk")
        .values_list("pk", "email")
    )
    if not addresses:
        return []
    # Inside the step's transaction (no savepoint: a failure here fails the step).
    with transaction.atomic(savepoint=False):
        rows = Notification.objects.bulk_create(
            Notification(recipient_id=pk, kind=kind, claim=claim, actor=actor, text=text)
            for pk in addresses
        )
        mailed = [row.pk for row in rows if addresses[row.recipient_id]]
        if mailed:
            from notifications.tasks import send_notification_emails

            send_notification_emails.defer(notification_ids=mailed)
    return rows


def claim_admin_url(claim_id: int) -> str:
    """The claim's page in the admin, as a link in an e-mail."""
    path = reverse("admin:claims_claim_change", args=[claim_id])
    return settings.CLAIMTRACKER_ADMIN_URL.rstrip("/") + path.removeprefix("/admin")


@service
def notification_emails_send(*, notification_ids: Iterable[int]) -> int:
    """E-mail the notifications not yet e-mailed to recipients with an address; how many.

    Runs in the background job. Each one is marked as e-mailed in the transaction that sends
    it, so a retried job never sends one twice.
    """
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=list(notification_ids), emailed_at__isnull=True)
            .exclude(recipient__email="")
            .select_related("recipient")
            .order_by("pk")
        )
        if not rows:
            return 0
        prefix = settings.CLAIMTRACKER_ORGANIZATION_NAME
        messages = [
            EmailMessage(
                subject=f"[{prefix}] {_quote(row.text)}",
                body=f"{row.text}\n\nOpen the claim: {claim_admin_url(row.claim_id)}\n",
                to=[row.recipient.email],
            )
            for row in rows
        ]
        with get_connection() as connection:
            connection.send_messages(messages)
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
            emailed_at=timezone.now()
        )
    return len(rows)


@service
def notifications_mark_read(*, actor, notification_ids: Iterable[int] | None = None) -> int:
    """Mark ``actor``'s notifications as read (those given, or all); how many changed."""
    rows = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())
