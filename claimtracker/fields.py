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


def shorten(text: str, max_length: int) -> str:
    """``text`` cut at a word to fit ``max_length`` characters, with an ellipsis if cut.

    For text we write ourselves from something longer (a summary from a review, the
    context around a quotation), never for what someone said.
    """
    if len(text) <= max_length:
        return text
    head = text[: max_length - 1]
    return (head.rsplit(" ", 1)[0] if " " in head else head) + "\u2026"


def max_length(model: type[models.Model], field: str) -> int:
    """A model field's limit: input serializers use it to refuse (400, naming the field) what
    the database would refuse."""
    return model._meta.get_field(field).max_length
