"""Caps on list inputs, checked before any database work (the numbers are in claims/models.py)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import TypeVar

from django.core.exceptions import ValidationError

Item = TypeVar("Item")


def capped(name: str, items: Iterable[Item], cap: int) -> list[Item]:
    """``items`` as a list, refused at once if there are more than ``cap`` of them.

    Reads at most ``cap + 1`` items, so an endless or huge iterable costs nothing either.
    """
    taken = list(islice(items, cap + 1))
    if len(taken) > cap:
        raise ValidationError({name: f"At most {cap} items are allowed here."})
    return taken
