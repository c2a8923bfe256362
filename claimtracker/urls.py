"""URL configuration: the admin, the API under /api/v1/ and the public fact-check pages."""

from django.contrib import admin
from django.urls import include, path

from claims import pages

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claimtracker.api_urls")),
    path("claims/<int:pk>/<slug:slug>/", pages.claim_page, name="claim-page"),
    path("claims/<int:pk>/", pages.claim_page, name="claim-page-short"),
]

handler400 = "claimtracker.exceptions.bad_request"
handler404 = "claimtracker.exceptions.page_not_found"
handler500 = "claimtracker.exceptions.server_error"
