"""Model field helpers shared by the apps: text with a length limit every layer enforces."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual


def bounded_text(max_length: int, *args, **kwargs) -> models.TextField:
    """A TextField of at most ``max_length`` characters, refused by forms and model validation.

    The database column stays ``text`` (cheap to migrate, and columns used by a generated
    column cannot change type); pair it with ``max_length_check`` so the database refuses
    longer text too.
    """
    return models.TextField(
        *args, max_length=max_length, validators=[MaxLengthValidator(max_length)], **kwargs
    )


def max_length_check(field: str, max_length: int, name: str) -> models.CheckConstraint:
    """A CHECK constraint: ``field`` holds at most ``max_length`` characters."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), max_length),
        name=name,
        violation_error_message=f"{field}: at most {max_length:,} characters.",
    )
