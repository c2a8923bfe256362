"""Writing topics."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Topic
from claimtracker.permissions import require


def topic_create(*, actor, name: str, slug: str, description: str = "") -> Topic:
    """Add a topic."""
    require(actor, "claims.add_topic", "create topics")
    topic = Topic(name=name, slug=slug, description=description)
    topic.full_clean()
    with transaction.atomic():
        topic.save()
    return topic


def topic_update(*, topic: Topic, actor, **fields) -> Topic:
    """Rename or describe a topic."""
    require(actor, "claims.change_topic", "edit topics")
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        for name in set(fields) - {"name", "slug", "description"}:
            raise ValidationError({name: "This field cannot be changed here."})
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
    return locked
