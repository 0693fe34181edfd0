from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoryFilesConfig(AppConfig):
    """Story and collection files: read, checked and written all or nothing."""

    name = "storyfiles"
    verbose_name = _("Historiefiler")
    default_auto_field = "django.db.models.BigAutoField"
