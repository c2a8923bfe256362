"""The admin's "Import article" page: paste or upload an article, preview, then create.

The preview lists each quotation with a tick box and its speaker; the editor may untick a
quotation or change its speaker before creating, and then lands on the list of the claims just
created.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims import services

# The languages whose attribution rules the extractor knows (docs/extraction.md).
LANGUAGES = [("en", "English"), ("fr", "French"), ("de", "German"), ("es", "Spanish")]


def created_claims_url(plan) -> str:
    """The claim list filtered to the claims the import just created (or the source's page when
    it created none, e.g. a second import of the same article)."""
    if not plan.claims:
        return reverse("admin:sources_source_change", args=[plan.source.pk])
    ids = ",".join(str(claim.pk) for claim in plan.claims)
    return f"{reverse('admin:claims_claim_changelist')}?id__in={ids}"


class ArticleImportForm(forms.Form):
    """An article and where it was published."""

    url = forms.URLField(label="Address", max_length=2000, assume_scheme="https")
    title = forms.CharField(
        max_length=500, required=False, help_text="Leave empty to use the article's first line."
    )
    publisher = forms.CharField(max_length=200, required=False, help_text='e.g. "BBC"')
    published_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published on"
    )
    author = forms.CharField(max_length=300, required=False)
    language = forms.ChoiceField(
        required=False,
        choices=[("", "Detect from the text"), *LANGUAGES],
        help_text="The article's language: which attribution rules to read it with.",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        strip=False,
        help_text="Paste the article (plain text or HTML), or upload it below.",
    )
    file = forms.FileField(required=False, help_text="A .txt or .html file, UTF-8.")

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("file", "This file is not UTF-8 text; is it a binary file?")
                return cleaned
            # Carry the uploaded text into the preview, so "Create" does not need the file.
            self.data = self.data.copy()
            self.data["text"] = cleaned["text"]
        if not cleaned.get("text", "").strip() and "file" not in self.errors:
            self.add_error("text", "Paste the article or upload a file.")
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name] or "" for name in ("text", "url", "title", "publisher", "author")
        } | {"published_on": data["published_on"], "language": data["language"] or None}


def editor_choices(post) -> dict:
    """The editor's choices in the preview table: the quotations unticked and the speakers
    changed, by quotation key (``Candidate.key``). Empty before the first preview."""
    shown = [int(key) for key in post.getlist("candidate") if key.isdigit()]
    return {
        "skip": {key for key in shown if f"import_{key}" not in post},
        "speaker_names": {key: post[f"speaker_{key}"] for key in shown if f"speaker_{key}" in post},
    }


class ArticleImportAdminMixin:
    """Adds the import page to the claims admin (claims/claim/import-article/)."""

    def get_urls(self):
        return [
            path(
                "import-article/",
                self.admin_site.admin_view(self.import_article_view),
                name="claims_claim_import_article",
            ),
            *super().get_urls(),
        ]

    def import_article_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        plan = None
        if request.method == "POST" and form.is_valid():
            arguments = form.service_arguments() | editor_choices(request.POST)
            try:
                if "_import" in request.POST:
                    plan = services.article_import(actor=request.user, **arguments)
                    self.message_user(
                        request,
                        f"Imported \u201c{plan.source.title}\u201d: {len(plan.claims)} draft "
                        f"claim(s), {len(plan.speakers_created)} new speaker(s), "
                        f"{plan.fragments_created} reported-speech note(s).",
                        messages.SUCCESS,
                    )
                    return redirect(created_claims_url(plan))
                plan = services.article_preview(**arguments)
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
                plan = None
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import an article",
            "form": form,
            "plan": plan,
        }
        return TemplateResponse(request, "admin/claims/claim/import_article.html", context)
