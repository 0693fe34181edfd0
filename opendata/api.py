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

Hostile parameters are a 400 with a JSON message, never a 500: a field filter's value is
checked against its field first, and Wagtail's own search (`?search=`, which handed a
quote or a NUL to SQLite's full-text syntax) is switched off. The portal's search, with
its Danish stemming and facets, is /api/search/.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from rest_framework import serializers
from rest_framework.fields import SkipField
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from findings.rows import story_outcome_rows
from stories.addresses import absolute_url, page_address
from stories.markdown import plain_text
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


class PlainTextField(serializers.CharField):
    """A text field without markup (stories.markdown.plain_text)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return plain_text(str(value))


class PortalPageSerializer(PageSerializer):
    title = PlainTextField()
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


class KnownDateField(serializers.Field):
    """A date exactly as precisely as it is known ("2018", "2018-02", "2018-02-01"), from
    the story's `known_*` attribute; null when there is none."""

    def __init__(self, attribute: str, **kwargs):
        self.attribute = attribute
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, story: StoryPage) -> str | None:
        known = getattr(story, self.attribute)
        return known.isoformat() if known else None


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
    "date": lambda: KnownDateField("known_date"),
    # The story file's free text, as plain text (the page escapes it; JSON cannot).
    **{
        name: PlainTextField
        for name in (
            "teaser",
            "source_title",
            "source_author",
            "source_publisher",
            "contact_name",
            "contact_role",
            "cost_note",
        )
    },
    "source_date": lambda: KnownDateField("known_source_date"),
}


# The largest whole number a database column holds (a 64-bit integer).
MAX_INTEGER = 2**63 - 1
SEARCH_PARAMETERS = frozenset(["search", "search_operator"])


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filter (`?date=2020-01-01`), with each value checked against its
    field first: a value the field cannot hold ("x" for a date, a number too large for
    the column) is a 400, where Wagtail would let the database raise it as a 500."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields or name == "locale":
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except LookupError:
                continue
            if not isinstance(field, models.Field) or isinstance(field, models.BooleanField):
                continue  # Wagtail's own parsing answers these (tags, true/false)
            if isinstance(field, models.ForeignKey):
                field = field.target_field
            try:
                python_value = field.to_python(value)
            except ValidationError as error:
                raise BadRequestError(f"ugyldig værdi for {name}: {error.messages[0]}") from error
            if isinstance(python_value, int) and not -MAX_INTEGER <= python_value <= MAX_INTEGER:
                raise BadRequestError(f"ugyldig værdi for {name}: tallet er for stort")
        return super().filter_queryset(request, queryset, view)


def checked_filters(backends: list) -> list:
    """Wagtail's filters with the field filter checked and the search left out."""
    return [
        CheckedFieldsFilter if backend is FieldsFilter else backend
        for backend in backends
        if backend is not SearchFilter
    ]


class WithoutWagtailSearch:
    """API v2 without Wagtail's search: `?search=` and `?search_operator=` are refused
    with a message naming the portal's own search."""

    def check_query_parameters(self, queryset):
        if SEARCH_PARAMETERS & set(self.request.GET):
            raise BadRequestError(
                "search findes ikke i /api/v2/; portalens søgning er /api/search/?q=…"
            )
        # PostgreSQL refuses a NUL in any text it is asked to compare (a 500 otherwise).
        for name, values in self.request.GET.lists():
            if any("\x00" in value for value in values):
                raise BadRequestError(f"ugyldig værdi for {name[:40]}: et NUL-tegn")
        super().check_query_parameters(queryset)


class PortalPagesAPIViewSet(WithoutWagtailSearch, PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer
    filter_backends = checked_filters(PagesAPIViewSet.filter_backends)
    known_query_parameters = PagesAPIViewSet.known_query_parameters - SEARCH_PARAMETERS

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


class PortalImagesAPIViewSet(WithoutWagtailSearch, ImagesAPIViewSet):
    base_serializer_class = PortalImageSerializer
    filter_backends = checked_filters(ImagesAPIViewSet.filter_backends)
    known_query_parameters = ImagesAPIViewSet.known_query_parameters - SEARCH_PARAMETERS


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
