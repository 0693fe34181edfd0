"""The two forms of the add-to-collection page: pick one of your collections, or name
a new one."""

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import CollectionPage

TITLE_MAX_LENGTH = CollectionPage._meta.get_field("title").max_length


class ChooseCollectionForm(forms.Form):
    collection = forms.ModelChoiceField(
        queryset=CollectionPage.objects.none(),
        error_messages={
            "required": _("Vælg en af samlingerne."),
            "invalid_choice": _("Den valgte samling findes ikke, eller du må ikke redigere den."),
        },
    )

    def __init__(self, *args, collections: QuerySet[CollectionPage], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the user's editable collections validate: any other id is refused here.
        self.fields["collection"].queryset = collections


class StartCollectionForm(forms.Form):
    title = forms.CharField(
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Giv den nye samling en titel."),
            "max_length": _(
                "Titlen må højst være %(limit_value)d tegn lang (den er %(show_value)d)."
            ),
        },
    )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        # Wagtail makes the page's address from the title; a title of signs only gives none.
        allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        if not slugify(title, allow_unicode=allow_unicode):
            raise forms.ValidationError(_("Titlen skal indeholde mindst ét bogstav eller tal."))
        return title
