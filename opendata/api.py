"""The read-only Wagtail API (v2) at /api/v2/: live, public pages and images.

Only GET routes exist, so anything else is answered 405. A story's places, vocabulary
and outcomes are given as small objects rather than Wagtail's bare ids, and its
outcomes are the open-data rows of /api/outcomes/ without the story's own columns.
"""

from rest_framework import serializers
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from stories.models import Outcome, StoryPage
from stories.outcomes import OUTCOME_FIELDS, outcome_rows


class SummaryField(serializers.Field):
    """A related place or term as {key: value, ...}; a list of them for a many-to-many."""

    def __init__(self, keys: tuple[str, ...], **kwargs):
        self.keys = keys
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if hasattr(value, "all"):
            return [self.summary(item) for item in value.all()]
        return self.summary(value)

    def summary(self, item) -> dict:
        return {key: getattr(item, key) for key in self.keys}


class OutcomesField(serializers.Field):
    """A story's outcomes, in its own order, as the open-data rows give them."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, story: StoryPage) -> list[dict]:
        request = self.context.get("request")
        outcomes = []
        for row in outcome_rows(outcomes=Outcome.objects.filter(story=story)):
            data = row.as_open_data(request)
            outcomes.append(
                {**{key: data[key] for key in OUTCOME_FIELDS}, "note": row.outcome.note}
            )
        return outcomes


PLACE = ("code", "name", "slug")
TERM = ("slug", "name")
STORY_FIELD_SERIALIZERS = {
    "municipality": lambda: SummaryField(PLACE),
    "municipalities": lambda: SummaryField(PLACE),
    "region": lambda: SummaryField(PLACE),
    "methods": lambda: SummaryField(TERM),
    "target_groups": lambda: SummaryField(TERM),
    "outcomes": OutcomesField,
}


class PortalPagesAPIViewSet(PagesAPIViewSet):
    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        if issubclass(model, StoryPage):
            names = set(cls.get_body_fields_names(model))
            for name, make in STORY_FIELD_SERIALIZERS.items():
                if name in names and name not in overrides:
                    overrides[name] = make()
        return overrides

    def get_base_queryset(self):
        # Wagtail leaves out pages the request may not see; a page behind a password or
        # a login is left out even for a reader who has passed it in the browser.
        return super().get_base_queryset().public()


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
