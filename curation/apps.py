from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurationConfig(AppConfig):
    """Collections of stories and methods, curated for an event or a theme."""

    name = "curation"
    verbose_name = _("Samlinger")
    default_auto_field = "django.db.models.BigAutoField"
