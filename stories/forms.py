"""The story editor's form."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm

from .visibility import visible_to_editor


class StoryPageForm(WagtailAdminPageForm):
    """The "inspired by" field offers the stories the editor may see (never the story
    itself), and keeps those already chosen, so that a story unpublished since does not
    make the form refuse to save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("inspired_by")
        if field is None or self.for_user is None:
            return
        chosen = [story.pk for story in self.instance.inspired_by.all()]
        offered = visible_to_editor(field.queryset, self.for_user) | field.queryset.filter(
            Q(pk__in=chosen)
        )
        field.queryset = offered.exclude(pk=self.instance.pk) if self.instance.pk else offered
