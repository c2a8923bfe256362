"""The one write path: domain rows change only inside a service, and tests prove it.

Every service function is decorated with ``@service``, which marks the running code as
sanctioned to write (a context variable, so it holds across nested services and is private
to each thread and task). A model whose manager is built on ``GuardedQuerySet`` is guarded:
with ``settings.CLAIMTRACKER_WRITE_GUARD`` on (the test settings), a save, delete or
many-to-many change of one of its rows (model signals), or a queryset ``update``,
``delete``, ``bulk_create`` or ``bulk_update`` (the queryset), outside a service raises
``UnsanctionedWrite``. So an admin page, inline, command or view that forgets the service
fails the day its first test runs. In production the guard is off and costs nothing but one
settings lookup per bulk call: the database constraints and triggers hold there.

Test fixtures write rows directly, which is what a fixture is for; they say so with
``fixture_writes()`` (tests/factories.py wraps every factory in it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import m2m_changed, pre_delete, pre_save

P = ParamSpec("P")
R = TypeVar("R")

# What sanctions the writes running now: a service's name, or a fixture's reason; None outside.
_writer: ContextVar[str | None] = ContextVar("claimtracker_writer", default=None)


class UnsanctionedWrite(RuntimeError):
    """A guarded model was written outside a service (only raised with the guard on)."""


@contextmanager
def _sanctioned(writer: str) -> Iterator[None]:
    token = _writer.set(_writer.get() or writer)
    try:
        yield
    finally:
        _writer.reset(token)


def service(function: Callable[P, R]) -> Callable[P, R]:
    """Mark ``function`` as a service: the writes it makes (and its callees make) are allowed."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with _sanctioned(name):
            return function(*args, **kwargs)

    return run


def only_fields(fields: dict, allowed: set[str] | frozenset[str]) -> None:
    """Refuse keyword arguments a service does not accept, naming each one."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError({name: "This field cannot be set here." for name in sorted(unknown)})


def fixture_writes(reason: str = "test fixture") -> AbstractContextManager[None]:
    """Allow direct writes in this block: test fixtures, and tests of database constraints."""
    return _sanctioned(f"fixture: {reason}")


def current_writer() -> str | None:
    """The service (or fixture) whose writes are running now; None outside any."""
    return _writer.get()


def guard_enabled() -> bool:
    return getattr(settings, "CLAIMTRACKER_WRITE_GUARD", False)


def check_write(model: type[models.Model], operation: str) -> None:
    """Refuse ``operation`` on ``model`` outside a service, when the guard is on."""
    if _writer.get() is None and guard_enabled():
        raise UnsanctionedWrite(
            f"{operation} of {model._meta.label} outside a service. Every write to this model "
            "goes through a function decorated with @service (claims/services/, "
            "sources/services.py); an admin page or inline saves through one, or is "
            "read-only. Tests write fixtures inside fixture_writes() (docs/architecture.md)."
        )


class GuardedQuerySet(models.QuerySet):
    """The queryset of a guarded model: its bulk writes are refused outside a service."""

    def update(self, **kwargs) -> int:
        check_write(self.model, "QuerySet.update()")
        return super().update(**kwargs)

    def delete(self):
        check_write(self.model, "QuerySet.delete()")
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        check_write(self.model, "QuerySet.bulk_create()")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        check_write(self.model, "QuerySet.bulk_update()")
        return super().bulk_update(objs, *args, **kwargs)


def is_guarded(model: type[models.Model]) -> bool:
    """Whether ``model``'s writes must go through a service (its manager is guarded)."""
    return isinstance(model._default_manager.all(), GuardedQuerySet)


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # loaddata writes raw rows; fixtures files are not a write path of the app
        check_write(sender, "save()")


def _on_delete(sender, instance, **kwargs) -> None:
    check_write(sender, "delete()")


def _on_m2m(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("pre_"):
        check_write(type(instance), f"many-to-many {action.removeprefix('pre_')}")


def install() -> None:
    """Connect the guard's signal receivers to every guarded model (when the guard is on).

    Receivers are connected per model, not to every sender, so unguarded models keep
    Django's fast deletes.
    """
    if not guard_enabled():
        return
    for model in apps.get_models():
        if not is_guarded(model):
            continue
        uid = f"claimtracker.writes:{model._meta.label}"
        pre_save.connect(_on_save, sender=model, dispatch_uid=uid)
        pre_delete.connect(_on_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _on_m2m, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}"
            )
