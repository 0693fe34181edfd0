"""The story editor's form: the checks that span a page and its inline rows."""

from wagtail.admin.forms import WagtailAdminPageForm

from .keywords import as_known_keywords
from .validation import inspiration_problems


class StoryPageForm(WagtailAdminPageForm):
    def clean_tags(self) -> list[str]:
        # A keyword another story has already is that keyword, as it is spelled there
        # (stories.keywords), as in a story file.
        return as_known_keywords(self.cleaned_data.get("tags") or [])

    def clean(self):
        cleaned_data = super().clean()
        # An inline row can't see its page while the form is checked, so the page's form
        # holds each chosen inspiration against the page itself.
        for form in self.formsets["inspirations"].forms:
            source = form.cleaned_data.get("source") if form.is_valid() else None
            if source is None or form.cleaned_data.get("DELETE"):
                continue
            for _field, message in inspiration_problems(self.instance.pk, source.pk):
                form.add_error("source", message)
        return cleaned_data
