"""A claim's timeline in plain words: who changed what, from what to what, and when.

Read from the audit trail (django-pghistory's events of the claim, its verdict, evidence,
appearances and topics) and the workflow record (``ClaimEvent``: submissions, change
requests, publication, corrections and public updates, with their notes). The events of one
request or service call (one pghistory context) make one entry. Ids become names (ratings,
speakers, sources, topics, people), fields their verbose names; no JSON is shown.

A fixed number of queries, whatever the number of events: one per event table, one for the
workflow record, one per kind of name looked up.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model

from claims.models import (
    Claim,
    ClaimAction,
    ClaimEvent,
    ClaimStatus,
    Evidence,
    Rating,
    Speaker,
    Topic,
    Verdict,
)
from claimtracker.people import person_name
from sources.models import Source

# Fields of each model the timeline shows (the rest is bookkeeping: versions, times, status,
# which the workflow steps tell).
CLAIM_FIELDS = [
    "text",
    "claim_reviewed",
    "speaker",
    "stated_on",
    "context",
    "language",
    "assigned_to",
]
VERDICT_FIELDS = ["rating", "summary", "analysis"]
# How much of a long text a change shows.
TEXT_SHOWN = 300

# A workflow step, as a sentence's verb.
ACTION_WORDS = {
    ClaimAction.SUBMIT: "submitted it for review",
    ClaimAction.RESUBMIT: "resubmitted it for review",
    ClaimAction.REQUEST_CHANGES: "sent it back, asking for changes",
    ClaimAction.PUBLISH: "published it",
    ClaimAction.REJECT: "rejected it",
    ClaimAction.RETRACT: "retracted it",
    "correct": "corrected the published verdict",
    "update": "made a public update",
}


@dataclass
class Change:
    """One field's change: ``before`` None means set, ``after`` None means removed."""

    label: str
    before: str | None
    after: str | None
    item: bool = False  # one of a list (evidence, appearances, topics): added or removed


@dataclass
class Entry:
    """One line of the timeline: when, who, what they did, and what changed."""

    at: dt.datetime
    who: str
    did: str
    changes: list[Change] = field(default_factory=list)
    note: str = ""
    version: int | None = None
    kind: str = "edit"  # "edit", "workflow" or "correction"
    order: int = 0


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= TEXT_SHOWN else text[: TEXT_SHOWN - 1] + "…"


class _Names:
    """Ids to names, each kind read in one query once every id is known."""

    def __init__(self) -> None:
        self.wanted: dict[str, set[int]] = defaultdict(set)
        self.names: dict[str, dict[int, str]] = {}

    def want(self, kind: str, pk: int | None) -> None:
        if pk is not None:
            self.wanted[kind].add(pk)

    def load(self) -> None:
        readers = {
            "user": lambda ids: {
                user.pk: person_name(user) for user in get_user_model().objects.filter(pk__in=ids)
            },
            "rating": lambda ids: dict(
                Rating.objects.filter(pk__in=ids).values_list("pk", "label")
            ),
            "speaker": lambda ids: dict(
                Speaker.objects.filter(pk__in=ids).values_list("pk", "name")
            ),
            "source": lambda ids: {
                source.pk: str(source) for source in Source.objects.filter(pk__in=ids)
            },
            "topic": lambda ids: dict(Topic.objects.filter(pk__in=ids).values_list("pk", "name")),
        }
        for kind, ids in self.wanted.items():
            self.names[kind] = readers[kind](ids)

    def of(self, kind: str, pk: int | None) -> str | None:
        if pk is None:
            return None
        return self.names.get(kind, {}).get(pk, f"a deleted {kind} (#{pk})")


# Foreign keys shown by name: field -> kind of name.
_NAMED = {
    "speaker": "speaker",
    "assigned_to": "user",
    "rating": "rating",
    "source": "source",
    "topic": "topic",
}


def _value(model, name: str, row: dict, names: _Names) -> str | None:
    """A field's value as a reader would say it; None when empty."""
    if name in _NAMED:
        return names.of(_NAMED[name], row.get(f"{name}_id"))
    value = row.get(name)
    if value in (None, ""):
        return None
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return _short(value)


def _field_changes(model, fields, before: dict | None, after: dict, names: _Names):
    for name in fields:
        old = _value(model, name, before, names) if before is not None else None
        new = _value(model, name, after, names)
        if old != new:
            yield Change(_label(model, name), old, new)


def _rows(history_name: str, filters: dict, columns: list[str]) -> list[dict]:
    history = apps.get_model("claims", history_name)
    return list(
        history.objects.filter(**filters)
        .order_by("pgh_id")
        .values("pgh_id", "pgh_created_at", "pgh_label", "pgh_context_id", *columns)
    )


def _fk_columns(model, fields) -> list[str]:
    return [f"{name}_id" if name in _NAMED else name for name in fields]


def claim_timeline(claim: Claim) -> list[Entry]:
    """Everything that happened to ``claim``, oldest first, in plain words."""
    names = _Names()
    claim_rows = _rows(
        "ClaimHistory",
        {"pgh_obj_id": claim.pk},
        ["pgh_context__metadata", "status", "version", *_fk_columns(Claim, CLAIM_FIELDS)],
    )
    verdict_rows = _rows(
        "VerdictHistory",
        {"claim_id": claim.pk},
        ["pgh_context__metadata", "pgh_obj_id", *_fk_columns(Verdict, VERDICT_FIELDS)],
    )
    evidence_rows = _rows(
        "EvidenceHistory",
        {"verdict_id__in": Verdict.objects.filter(claim_id=claim.pk).values("pk")},
        ["pgh_context__metadata", "pgh_obj_id", "source_id", "stance", "note"],
    )
    appearance_rows = _rows(
        "AppearanceHistory",
        {"claim_id": claim.pk},
        ["pgh_context__metadata", "pgh_obj_id", "source_id", "is_first", "note"],
    )
    topic_rows = _rows(
        "ClaimTopicHistory", {"claim_id": claim.pk}, ["pgh_context__metadata", "topic_id"]
    )
    events = list(ClaimEvent.objects.filter(claim_id=claim.pk).order_by("created_at", "id"))

    for rows in (claim_rows, verdict_rows, evidence_rows, appearance_rows, topic_rows):
        for row in rows:
            names.want("user", (row.get("pgh_context__metadata") or {}).get("user"))
            for name, kind in _NAMED.items():
                names.want(kind, row.get(f"{name}_id"))
    for event in events:
        names.want("user", event.actor_id)
    names.load()

    # One group per pghistory context (a request, a service call); rows without one alone.
    groups: dict[Any, dict] = {}

    def group_of(row: dict) -> dict:
        # Without a context (a fixture, raw SQL), the rows of one transaction share its time.
        key = row["pgh_context_id"] or ("transaction", row["pgh_created_at"])
        if key not in groups:
            user_id = (row.get("pgh_context__metadata") or {}).get("user")
            groups[key] = {
                "at": row["pgh_created_at"],
                "order": row["pgh_id"],
                "who": names.of("user", user_id) if user_id else None,
                "changes": [],
                "did": set(),
                "version": None,
                "status": None,
                "added": defaultdict(dict),
                "removed": defaultdict(dict),
            }
        group = groups[key]
        group["at"] = min(group["at"], row["pgh_created_at"])
        return group

    previous: dict | None = None
    for row in claim_rows:
        group = group_of(row)
        group["version"] = row["version"]
        if row["pgh_label"] == "insert":
            group["did"].add("created the claim")
        elif row["pgh_label"] == "delete":
            group["did"].add("deleted the claim")
        if previous is not None and previous["status"] != row["status"]:
            group["status"] = (previous["status"], row["status"], row["pgh_id"])
        group["changes"].extend(_field_changes(Claim, CLAIM_FIELDS, previous, row, names))
        previous = row

    last_verdict: dict[int, dict] = {}
    for row in verdict_rows:
        group = group_of(row)
        before = last_verdict.get(row["pgh_obj_id"])
        if row["pgh_label"] == "insert":
            group["did"].add("wrote the verdict")
        changes = list(_field_changes(Verdict, VERDICT_FIELDS, before, row, names))
        for change in changes:
            change.label = f"Verdict {change.label.lower()}"
        group["changes"].extend(changes)
        last_verdict[row["pgh_obj_id"]] = row

    # Evidence and appearances are replaced as a set on each save: what a save removed and
    # added, by source, nets out to what actually changed.
    for kind, rows in (("evidence", evidence_rows), ("appearance", appearance_rows)):
        for row in rows:
            group = group_of(row)
            side = "removed" if row["pgh_label"] == "delete" else "added"
            if row["pgh_label"] == "update":
                side = "added"
            described = _describe_item(kind, row, names)
            group[side][kind][row["source_id"]] = described
    for row in topic_rows:
        group = group_of(row)
        side = "removed" if row["pgh_label"] == "topic.remove" else "added"
        group[side]["topic"][row["topic_id"]] = names.of("topic", row["topic_id"])

    for group in groups.values():
        for kind in ("evidence", "appearance", "topic"):
            added, removed = group["added"][kind], group["removed"][kind]
            label = {"evidence": "Evidence", "appearance": "Appearance", "topic": "Topic"}[kind]
            for key in sorted(set(added) | set(removed), key=str):
                old, new = removed.get(key), added.get(key)
                if old != new:
                    group["changes"].append(Change(label, old, new, item=True))

    # Workflow steps: each one belongs with the claim event that its service wrote (the same
    # status change, in the same transaction or just before).
    entries: list[Entry] = []
    status_changes = sorted(
        (group["status"], key) for key, group in groups.items() if group["status"] is not None
    )
    version_only = sorted(
        (group["order"], key)
        for key, group in groups.items()
        if group["status"] is None and group["version"] is not None
    )
    taken: set = set()
    for event in events:
        step = Entry(
            at=event.created_at,
            who=names.of("user", event.actor_id) if event.actor_id else "The system",
            did=ACTION_WORDS.get(event.action, event.action.replace("_", " ")),
            note=event.note,
            kind="correction" if event.action in ("correct", "update") else "workflow",
            order=0,
        )
        if event.from_status != event.to_status:
            candidates = [
                key
                for (old, new, _), key in status_changes
                if (old, new) == (event.from_status, event.to_status)
                and key not in taken
                and groups[key]["at"] <= event.created_at
            ]
        else:
            candidates = [
                key
                for _, key in version_only
                if key not in taken and groups[key]["at"] <= event.created_at
            ]
        if candidates:
            key = candidates[-1]
            taken.add(key)
            group = groups[key]
            step.changes, step.version, step.order = (
                group["changes"],
                group["version"],
                group["order"],
            )
            step.at = group["at"]
            group["done"] = True
        entries.append(step)

    status_label = dict(ClaimStatus.choices)
    for group in groups.values():
        if group.get("done"):
            continue
        changes = group["changes"]
        if group["status"] is not None:
            old, new, _ = group["status"]
            changes.insert(
                0, Change("Status", status_label.get(old, old), status_label.get(new, new))
            )
        if group["did"]:
            did = " and ".join(sorted(group["did"]))
        elif changes:
            did = "edited the claim"
        else:
            did = "saved the claim without changes"
        entries.append(
            Entry(
                at=group["at"],
                who=group["who"] or "The system",
                did=did,
                changes=changes,
                version=group["version"],
                order=group["order"],
            )
        )
    entries.sort(key=lambda entry: (entry.at, entry.order))
    return entries


def _describe_item(kind: str, row: dict, names: _Names) -> str:
    source = names.of("source", row["source_id"])
    if kind == "evidence":
        stance = dict(Evidence._meta.get_field("stance").choices).get(row["stance"], row["stance"])
        text = f"{source} ({str(stance).lower()})"
    else:
        text = f"{source}{' (first appearance)' if row['is_first'] else ''}"
    if row.get("note"):
        text += f": {_short(row['note'])}"
    return text
