from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    """The story model, its measured outcomes and the controlled vocabulary."""

    name = "stories"
    verbose_name = _("Historier")
    default_auto_field = "django.db.models.BigAutoField"
