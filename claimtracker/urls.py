"""URL configuration: the admin, the API under /api/v1/, and the public site (website/)."""

from django.contrib import admin
from django.urls import include, path, re_path

from claimtracker.exceptions import api_not_found
from website.urls import claim_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claimtracker.api_urls")),
    # Last under /api/: a JSON 404 for any other path, in debug too (no HTML, no redirect of a
    # write that lacks its trailing slash).
    re_path(r"^api/", api_not_found),
    *claim_urlpatterns,
    path("", include("website.urls")),
]

handler400 = "claimtracker.exceptions.bad_request"
handler404 = "claimtracker.exceptions.page_not_found"
handler500 = "claimtracker.exceptions.server_error"
