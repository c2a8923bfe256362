from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The public site: fact-checks, speakers, topics, corrections, feeds and the sitemap."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "website"
