from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Site-wide things: the home page, the page tree, navigation and site settings."""

    name = "portal"
    verbose_name = _("Portalen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .page_cache import connect_signals

        connect_signals()
