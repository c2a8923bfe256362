"""URL configuration: the admin, the API under /api/v1/ and the public pages."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
