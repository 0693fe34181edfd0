"""The read-only Wagtail API (v2) at /api/v2/: live, public pages and images.

Only GET routes exist, so anything else is answered 405. A story's places, vocabulary
and outcomes are given as small objects rather than Wagtail's bare ids, and its
outcomes are the one read shape of an outcome (`findings.rows`), as search documents
have them. Full addresses (`meta.detail_url`, `meta.html_url`, a parent's too) are on
the request's own host (stories.addresses), not the Wagtail Site record's.

The serializers are given here rather than with `APIField(serializer=…)` on the model:
the outcome's read shape lives above the model (`findings` imports `stories`), so the
model cannot name it. A listing of stories loads everything the fields show in a fixed
number of queries, however many stories the page of results holds.
"""

from django.db.models import Prefetch
from rest_framework import serializers
from rest_framework.fields import SkipField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from findings.rows import story_outcome_rows
from stories.addresses import absolute_url, page_address
from stories.models import Outcome, StoryPage


class DetailAddressField(serializers.Field):
    """`meta.detail_url`: the object's address in this API, on the request's host."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            # Wagtail leaves the field out for an object without an endpoint.
            raise SkipField
        return absolute_url(path, self.context["request"])

    def to_representation(self, address: str) -> str:
        return address


class PageAddressField(serializers.Field):
    """`meta.html_url`: the page's full Danish address, on the request's host."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page) -> str | None:
        return page_address(page, self.context["request"]) or None


def page_summary(page, context) -> dict:
    """Another page as Wagtail's API names it (a parent, an alias's original), with the
    same addresses as the page itself."""
    serializer_class = get_serializer_class(
        page.__class__,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PortalPageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class ParentField(PageParentField):
    def to_representation(self, value):
        return page_summary(value, self.context)


class AliasOfField(PageAliasOfField):
    def to_representation(self, value):
        return page_summary(value, self.context)


class PortalPageSerializer(PageSerializer):
    detail_url = DetailAddressField()
    html_url = PageAddressField()
    parent = ParentField(read_only=True)
    alias_of = AliasOfField(read_only=True)


class PortalImageSerializer(ImageSerializer):
    detail_url = DetailAddressField()


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
    """A story's outcomes, in its own order, in their one read shape."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, story: StoryPage) -> list[dict]:
        return [row.outcome_data() for row in story_outcome_rows(story)]


class TagsField(serializers.Field):
    """The story's keywords, sorted, from the tags loaded with the listing (Wagtail's own
    tags field asks the database once per story)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, story: StoryPage) -> list[str]:
        return sorted(item.tag.name for item in story.tagged_items.all())


PLACE = ("code", "name", "slug")
TERM = ("slug", "name")
STORY_FIELD_SERIALIZERS = {
    "municipality": lambda: SummaryField(PLACE),
    "municipalities": lambda: SummaryField(PLACE),
    "region": lambda: SummaryField(PLACE),
    "methods": lambda: SummaryField(TERM),
    "target_groups": lambda: SummaryField(TERM),
    "outcomes": OutcomesField,
    "tags": TagsField,
}


class PortalPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        if issubclass(model, StoryPage):
            names = set(cls.get_body_fields_names(model))
            for name, make in STORY_FIELD_SERIALIZERS.items():
                if name in names and name not in overrides:
                    overrides[name] = make()
        return overrides

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, StoryPage):
            # What the story fields show, loaded for the whole listing at once.
            queryset = queryset.select_related("locale", "municipality__region").prefetch_related(
                "municipalities__region",
                "methods",
                "target_groups",
                "tagged_items__tag",
                Prefetch(
                    "outcomes",
                    queryset=Outcome.objects.select_related("indicator", "target_group"),
                ),
            )
        return queryset

    def get_base_queryset(self):
        # Wagtail leaves out pages the request may not see; a page behind a password or
        # a login is left out even for a reader who has passed it in the browser.
        return super().get_base_queryset().public()


class PortalImagesAPIViewSet(ImagesAPIViewSet):
    base_serializer_class = PortalImageSerializer


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
