"""Newsroom accounts: an editor or a fact-checker, staff in the group that gives the role."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

# The role as a command or form names it -> the group (claims migration 0004) that grants it.
NEWSROOM_ROLES = {"editor": "Editors", "fact-checker": "Fact-checkers"}


def newsroom_user_create(*, username: str, password: str, role: str, email: str = ""):
    """Create a staff account in the role's group (``role``: one of NEWSROOM_ROLES), with a
    password that passes the configured validators."""
    User = get_user_model()
    username = username.strip()
    if role not in NEWSROOM_ROLES:
        raise ValidationError({"role": f"Unknown role {role!r}: use {', '.join(NEWSROOM_ROLES)}."})
    if not username:
        raise ValidationError({"username": "A user needs a name."})
    user = User(username=username, email=email.strip(), is_staff=True)
    validate_password(password, user)
    with transaction.atomic():
        if User.objects.select_for_update().filter(username=username).exists():
            raise ValidationError({"username": f"A user named {username!r} already exists."})
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=NEWSROOM_ROLES[role]))
    return user
