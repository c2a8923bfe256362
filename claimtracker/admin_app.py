"""Django's admin app, with the newsroom's site as ``admin.site`` (settings' INSTALLED_APPS).

Its own module: Django picks an app's configuration from the classes in its ``apps.py``.
"""

from django.contrib.admin.apps import AdminConfig


class ClaimTrackerAdminConfig(AdminConfig):
    """The admin whose ``admin.site`` is claimtracker.admin.ClaimTrackerAdminSite, so every
    ``@admin.register`` lands on it."""

    default_site = "claimtracker.admin.ClaimTrackerAdminSite"
