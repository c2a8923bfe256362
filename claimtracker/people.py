"""How the newsroom and the public name a user: their full name, else their username."""

from __future__ import annotations


def person_name(user) -> str:
    """A user's full name, else their username (Django's ``get_full_name`` is already stripped)."""
    return user.get_full_name() or user.get_username()
