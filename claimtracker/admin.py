"""Admin pieces shared by the apps."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest

from claimtracker.exceptions import DomainError

# What a service may refuse with; the admin shows these as messages or form errors, never a 500.
REFUSALS = (PermissionDenied, ValidationError, DomainError)
_REFUSALS_ATTR = "_admin_save_refusals"


def describe(error: Exception) -> str:
    """A refusal as one readable sentence or more: every message of a ValidationError."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You do not have permission to do that."


class SaveRefused(Exception):
    """A service refused the save; the admin shows the form again with these messages."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


class RefusedSaveMixin:
    """Shows a service's refusal of a save as errors on the same form, with nothing saved.

    ``save_model`` or ``save_related`` raise ``SaveRefused``; the admin's transaction rolls
    back, and the same POST is shown again with the reasons as form errors, so the user keeps
    what they typed.
    """

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusals = list(getattr(request, _REFUSALS_ATTR, ()))
        if not refusals:
            return form

        class Refused(form):
            def clean(self) -> dict:
                super().clean()
                raise ValidationError(refusals)

        Refused.__name__ = form.__name__
        return Refused

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except SaveRefused as refused:
            setattr(request, _REFUSALS_ATTR, refused.messages)
            return super().changeform_view(request, object_id, form_url, extra_context)


class ReadOnlyAdminMixin:
    """A list to search and read; the rows are written where their services are called."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ServiceSaveMixin(RefusedSaveMixin):
    """A ModelAdmin whose form saves through the app's services, never ``obj.save()``.

    Subclasses name the fields the services accept and implement ``create_with_service`` and
    ``update_with_service``. Inlines are saved by Django afterwards, against the saved object.
    A refusal by the service is shown on the form.
    """

    service_fields: frozenset[str] = frozenset()

    def create_with_service(self, *, actor, fields: dict) -> Model:
        raise NotImplementedError

    def update_with_service(self, *, instance: Model, actor, fields: dict) -> Model:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Model, form, change: bool) -> None:
        fields = {
            name: form.cleaned_data[name]
            for name in self.service_fields
            if name in form.cleaned_data and (not change or name in form.changed_data)
        }
        try:
            if change:
                saved = self.update_with_service(instance=obj, actor=request.user, fields=fields)
            else:
                saved = self.create_with_service(actor=request.user, fields=fields)
        except REFUSALS as error:
            raise SaveRefused([describe(error)]) from error
        # Django saves the inlines and many-to-many fields against the form's instance.
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db
        obj.refresh_from_db()
