from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrowseConfig(AppConfig):
    """The pages practitioners browse: stories by region, methods, municipalities and
    the evidence map."""

    name = "browse"
    verbose_name = _("Oversigter")
    default_auto_field = "django.db.models.BigAutoField"
