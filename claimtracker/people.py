"""How the newsroom and the public name a user: their full name, else their username."""

from __future__ import annotations


def person_name(user) -> str:
    """A user's full name, else their username."""
    return name_from(user.get_username(), user.first_name, user.last_name)


def name_from(username: str, first_name: str, last_name: str) -> str:
    """The same name from a user's columns, for rows read without a model (the fast paths);
    the full name as Django's ``get_full_name`` writes it."""
    return f"{first_name} {last_name}".strip() or username
