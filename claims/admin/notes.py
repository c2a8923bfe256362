"""The claim page's internal thread (notes) and its timeline, for ClaimAdmin.

ClaimAdmin calls ``notes_context`` in its change view (the thread, beside the workflow
buttons), adds ``notes_urls`` to its URLs, and shows ``timeline_view`` as its history page
(the HISTORY button; the EVENTS button of pghistory is replaced by it on the claim page).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims import services
from claims.models import NOTE_MAX_LENGTH, Claim, ClaimNote
from claims.timeline import claim_timeline


class NoteForm(forms.Form):
    """A new note in a claim's thread."""

    body = forms.CharField(
        label="New note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by the newsroom only, never the public.",
    )


def notes_context(request: HttpRequest, claim: Claim) -> dict:
    """The thread shown on the claim page: its notes, oldest first, and the form for one more."""
    if not services.may_write_notes(request.user):
        return {}
    notes = ClaimNote.objects.filter(claim_id=claim.pk).select_related("author")
    return {
        "claim_notes": {
            "notes": list(notes),
            "form": NoteForm(prefix="note"),
            "add_url": reverse("admin:claims_claim_note_add", args=[claim.pk]),
            "timeline_url": reverse("admin:claims_claim_history", args=[claim.pk]),
            "can_read_timeline": services.may_read_timeline(request.user, claim),
        }
    }


def notes_urls(model_admin) -> list:
    """The URLs the thread posts to, for ClaimAdmin.get_urls."""
    view = model_admin.admin_site.admin_view
    return [
        path(
            "<path:object_id>/notes/",
            view(lambda request, object_id: note_add_view(model_admin, request, object_id)),
            name="claims_claim_note_add",
        ),
    ]


def _claim(model_admin, request: HttpRequest, object_id: str) -> Claim:
    claim = model_admin.get_object(request, unquote(object_id))
    if claim is None:
        raise Http404("No such claim.")
    if not model_admin.has_view_or_change_permission(request, claim):
        raise PermissionDenied
    return claim


def note_add_view(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    """Add a note to the claim's thread (``note_add``), then back to the claim."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    claim = _claim(model_admin, request, object_id)
    form = NoteForm(request.POST, prefix="note")
    if not form.is_valid():
        problems = " ".join(" ".join(errors) for errors in form.errors.values())
        model_admin.message_user(request, f"The note was not added: {problems}", messages.ERROR)
    else:
        try:
            services.note_add(claim=claim, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            model_admin.message_user(
                request, f"The note was not added: {' '.join(error.messages)}", messages.ERROR
            )
        else:
            model_admin.message_user(request, "Your note was added.", messages.SUCCESS)
    return redirect(reverse("admin:claims_claim_change", args=[claim.pk]) + "#claim-notes")


def timeline_view(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    """The claim's timeline in plain words: editors for every claim, fact-checkers for theirs."""
    claim = _claim(model_admin, request, object_id)
    if not services.may_read_timeline(request.user, claim):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Timeline of “{claim}”",
        "subtitle": None,
        "opts": model_admin.model._meta,
        "original": claim,
        "object": claim,
        "entries": claim_timeline(claim),
        "claim_url": reverse("admin:claims_claim_change", args=[claim.pk]),
    }
    return TemplateResponse(request, "admin/claims/claim/timeline.html", context)
