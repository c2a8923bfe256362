"""Admin pieces shared by the apps: pages that save through services, and read-only pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms.models import BaseModelFormSet
from django.http import HttpRequest

from claimtracker.exceptions import DomainError, describe

__all__ = [
    "REFUSALS",
    "ReadOnlyAdminMixin",
    "RefusedSaveMixin",
    "SaveRefused",
    "ServiceSaveMixin",
    "describe",
    "formset_rows",
]

# What a service may refuse with; the admin shows these as messages or form errors, never a 500.
REFUSALS = (PermissionDenied, ValidationError, DomainError)
_REFUSALS_ATTR = "_admin_save_refusals"


def formset_rows(formset: BaseModelFormSet) -> list[Model]:
    """The rows an inline formset asks for once saved: kept and edited rows, then new ones,
    as unsaved instances carrying the submitted values (deleted and blank forms left out)."""
    deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
    return [
        form.instance
        for form in formset.forms
        if id(form) not in deleted and (form.instance.pk is not None or form.has_changed())
    ]


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


class ServiceSaveMixin(RefusedSaveMixin):
    """A ModelAdmin whose form and inlines save through the app's services, never ``save()``.

    Subclasses name the form fields the services accept (``service_fields``, many-to-many
    fields included) and implement ``create_with_service`` and ``update_with_service``, which
    receive those fields, the form and, per inline model whose formset changed, the rows it
    asks for (``formset_rows``): one service call saves the object with its inlines. Pages
    that may delete implement ``delete_with_service``; the others offer no delete.

    Whatever the form and formsets validated, a service may still refuse (a rule they do not
    know, or a change made meanwhile): the admin's transaction is rolled back and the same
    page is shown again with the reason as a form error, with what the user typed.
    """

    service_fields: frozenset[str] = frozenset()

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Model:
        raise NotImplementedError

    def update_with_service(
        self, *, instance: Model, actor, fields: dict, related: dict, form
    ) -> Model:
        raise NotImplementedError

    def delete_with_service(self, *, instance: Model, actor) -> None:
        raise NotImplementedError

    def describe_refusal(self, error: Exception) -> str:
        return describe(error)

    # --- Saving ---------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Model, form, change: bool) -> None:
        """Nothing yet: ``save_related`` saves the object and its inlines in one service call."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        related = {}
        for formset in formsets:
            # Writes nothing; fills the lists Django's change message reads.
            formset.save(commit=False)
            if formset.has_changed():
                related[formset.model] = formset_rows(formset)
        fields = {
            name: form.cleaned_data[name]
            for name in self.service_fields
            if name in form.cleaned_data and (not change or name in form.changed_data)
        }
        obj = form.instance
        try:
            if change:
                saved = self.update_with_service(
                    instance=obj, actor=request.user, fields=fields, related=related, form=form
                )
            else:
                saved = self.create_with_service(
                    actor=request.user, fields=fields, related=related, form=form
                )
        except REFUSALS as error:
            raise SaveRefused([self.describe_refusal(error)]) from error
        # Django logs the change and redirects using the form's instance.
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db
        obj.refresh_from_db()

    # --- Deleting -------------------------------------------------------------------------

    def _deletes_through_a_service(self) -> bool:
        return type(self).delete_with_service is not ServiceSaveMixin.delete_with_service

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._deletes_through_a_service() and super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self.delete_with_service(instance=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for obj in queryset:
            self.delete_with_service(instance=obj, actor=request.user)


class ReadOnlyAdminMixin:
    """A page that shows rows written elsewhere (by services, or on another page)."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
