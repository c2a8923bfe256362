"""URL configuration: the admin, the API under /api/v1/ and the public fact-check pages."""

from django.contrib import admin
from django.urls import include, path, re_path

from claims import pages
from claimtracker.exceptions import api_not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claimtracker.api_urls")),
    # Last under /api/: a JSON 404 for any other path, in debug too (no HTML, no redirect of a
    # write that lacks its trailing slash).
    re_path(r"^api/", api_not_found),
    path("claims/<int:pk>/<slug:slug>/", pages.claim_page, name="claim-page"),
    path("claims/<int:pk>/", pages.claim_page, name="claim-page-short"),
]

handler400 = "claimtracker.exceptions.bad_request"
handler404 = "claimtracker.exceptions.page_not_found"
handler500 = "claimtracker.exceptions.server_error"
