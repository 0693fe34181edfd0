from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Open data: /api/outcomes/ (JSON, CSV), the read-only Wagtail API at /api/v2/, RSS
    and Atom feeds of new stories, /sitemap.xml and /robots.txt."""

    name = "opendata"
    verbose_name = _("Åbne data")
