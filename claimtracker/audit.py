"""The audit trail: which models are tracked, and how."""

from __future__ import annotations

import pghistory


def audited(model_name: str, **options):
    """Track every insert, update and delete of a model (django-pghistory, by trigger).

    Triggers catch bulk updates and raw SQL too; the acting user comes from the request
    (pghistory's middleware) or from the service that made the change.
    """
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        model_name=model_name,
        obj_field=pghistory.ObjForeignKey(related_name="history", db_constraint=False),
        **options,
    )


def acting(actor):
    """Attribute the history written inside this block to ``actor`` (None: a system job)."""
    return pghistory.context(user=actor.pk if actor is not None else None)
