from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Who may publish what: consultants per region, moderators, curators."""

    name = "publishing"
    verbose_name = _("Udgivelse")
    default_auto_field = "django.db.models.BigAutoField"
