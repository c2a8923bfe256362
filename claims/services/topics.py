"""Writing topics."""

from __future__ import annotations

from django.db import transaction

from claims.models import Topic
from claimtracker.audit import acting
from claimtracker.permissions import require
from claimtracker.writes import only_fields, service

TOPIC_FIELDS = {"name", "slug", "description"}


@service
def topic_create(*, actor, name: str, slug: str, description: str = "") -> Topic:
    """Add a topic."""
    require(actor, "claims.add_topic", "create topics")
    topic = Topic(name=name, slug=slug, description=description)
    topic.full_clean()
    with transaction.atomic(), acting(actor):
        topic.save()
    return topic


@service
def topic_update(*, topic: Topic, actor, **fields) -> Topic:
    """Rename or describe a topic."""
    require(actor, "claims.change_topic", "edit topics")
    only_fields(fields, TOPIC_FIELDS)
    with transaction.atomic(), acting(actor):
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
    return locked
