"""URL configuration: the admin, the API under /api/v1/, and the public site (website/)."""

from django.contrib import admin
from django.urls import include, path

from website.urls import claim_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claimtracker.api_urls")),
    *claim_urlpatterns,
    path("", include("website.urls")),
]

handler400 = "claimtracker.exceptions.bad_request"
handler404 = "claimtracker.exceptions.page_not_found"
handler500 = "claimtracker.exceptions.server_error"
