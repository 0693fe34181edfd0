from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Søgning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .indexing import connect_signals

        connect_signals()
