"""Admin pieces shared by the apps."""

from __future__ import annotations

from django.db.models import Model
from django.http import HttpRequest


class ServiceSaveMixin:
    """A ModelAdmin whose form saves through the app's services, never ``obj.save()``.

    Subclasses name the fields the services accept and implement ``create_with_service`` and
    ``update_with_service``. Inlines are saved by Django afterwards, against the saved object.
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
        if change:
            saved = self.update_with_service(instance=obj, actor=request.user, fields=fields)
        else:
            saved = self.create_with_service(actor=request.user, fields=fields)
        # Django saves the inlines and many-to-many fields against the form's instance.
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db
        obj.refresh_from_db()
