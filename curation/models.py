"""Collections: stories and methods chosen and ordered by a curator for an event or a
theme, each with the curator's note. A collection is shared as a page, printed as a
handout (one item a sheet, with a QR code to each story), presented on a projector (one
item a screen) and exported as CSV."""

import segno
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Prefetch
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from findings.spreadsheets import csv_response
from stories.addresses import page_address
from stories.models import Method, Municipality, StoryPage

# The columns of a collection's CSV export, one row per item.
EXPORT_FIELDS = (
    "position",
    "kind",
    "title",
    "municipalities",
    "methods",
    "headline_indicator",
    "headline_result",
    "headline_period",
    "curator_note",
    "url",
)

# How lists of collections are ordered: newest event first, those without a date last
# (on every database), then by title.
NEWEST_EVENT_FIRST = (F("event_date").desc(nulls_last=True), "title")


class CollectionsIndexPage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["curation.CollectionPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("samlingsoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = listed_collections()
        return context


class CollectionPage(RoutablePageMixin, Page):
    """A curated, ordered set of stories (and methods) for an event or a theme."""

    intro = models.TextField(_("introduktion"), blank=True)
    event_name = models.CharField(_("arrangement"), max_length=200, blank=True)
    event_date = models.DateField(_("dato for arrangementet"), null=True, blank=True)
    event_place = models.CharField(_("sted"), max_length=200, blank=True)
    curator = models.CharField(
        _("kurator"),
        max_length=200,
        blank=True,
        help_text=_("Hvem der har sammensat samlingen, fx “Beskæftigelsesregion Syddanmark”."),
    )

    parent_page_types = ["curation.CollectionsIndexPage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel(
            [FieldPanel("event_name"), FieldPanel("event_date"), FieldPanel("event_place")]
        ),
        FieldPanel("curator"),
        InlinePanel("items", heading=_("Historier og metoder"), label=_("punkt")),
    ]

    class Meta:
        verbose_name = _("samling")
        verbose_name_plural = _("samlinger")

    def public_items(self) -> list["CollectionItem"]:
        """The items a visitor may see, in the curator's order, each story loaded with
        what the cards, the handout and the export show (a fixed number of queries).
        Unpublished stories drop out of the public collection rather than break it."""
        items = list(self.items.select_related("method__page").order_by("sort_order"))
        story_ids = [item.story_id for item in items if item.story_id]
        stories = (
            StoryPage.objects.for_cards()
            .prefetch_related(
                Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
            )
            .in_bulk(story_ids)
        )
        for item in items:
            item.live_story = stories.get(item.story_id)
        return [item for item in items if item.live_story or item.method_id]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.public_items()
        return context

    @path("udskrift/")
    def handout(self, request):
        """One item a printed sheet: outcomes with base and period, source, contact,
        the address and a QR code to it, drawn here (no outside service)."""
        items = self.public_items()
        for item in items:
            target = item.live_story or method_page(item.method)
            item.address = page_address(target, request) if target else ""
            item.qr_code = qr_code(item.address, item.title) if item.address else ""
        return self.render(
            request,
            template="curation/collection_handout.html",
            context_overrides={"items": items},
        )

    @path("present/")
    def present(self, request):
        """One item a screen, in large type, for a projector: arrow keys and buttons,
        Escape leaves. Everything it needs comes with the page."""
        return self.render(
            request,
            template="curation/collection_present.html",
            context_overrides={"items": self.public_items()},
        )

    def export_csv(self, request):
        """The CSV export, served at `<collection url>export.csv` (curation.views)."""
        rows = []
        for position, item in enumerate(self.public_items(), start=1):
            rows.append(export_row(position, item, request))
        return csv_response(f"{slugify(self.slug)}.csv", EXPORT_FIELDS, rows)


def export_row(position: int, item: "CollectionItem", request) -> dict:
    """An item as a row of the CSV export."""
    story = item.live_story
    if story is None:
        page = method_page(item.method)
        return {
            "position": position,
            "kind": "metode",
            "title": item.method.name,
            "methods": [item.method.slug],
            "curator_note": item.note,
            "url": page_address(page, request) if page else "",
        }
    headline = story.headline_outcome
    return {
        "position": position,
        "kind": "historie",
        "title": story.title,
        "municipalities": [m.name for m in story.municipalities.all()],
        "methods": [m.slug for m in story.methods.all()],
        "headline_indicator": headline.indicator.name if headline else "",
        "headline_result": headline.figure if headline else "",
        "headline_period": headline.period_text if headline else "",
        "curator_note": item.note,
        "url": page_address(story, request),
    }


def method_page(method: Method | None) -> Page | None:
    """The method's own page, where it has one."""
    return getattr(method, "page", None) if method is not None else None


def qr_code(address: str, title: str) -> SafeString:
    """A QR code to the address as inline SVG, named for screen readers."""
    svg = segno.make(address, error="m").svg_inline(
        scale=3, title=f"QR-kode til {title}", svgclass="qr-code", lineclass=None
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the title is escaped by segno


class CollectionItem(Orderable):
    collection = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    story = models.ForeignKey(
        StoryPage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("historie"),
    )
    method = models.ForeignKey(
        Method,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("metode"),
    )
    note = models.TextField(_("kuratorens note"), blank=True)

    panels = [FieldPanel("story"), FieldPanel("method"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("punkt i samlingen")

    @property
    def title(self) -> str:
        story = getattr(self, "live_story", None)
        if story is not None:
            return story.title
        return self.method.name if self.method_id else ""

    def clean(self) -> None:
        super().clean()
        if bool(self.story_id) == bool(self.method_id):
            raise ValidationError(_("Vælg enten en historie eller en metode."))


def listed_collections() -> models.QuerySet:
    """Published, public collections as lists show them, each with its number of items."""
    return (
        CollectionPage.objects.live()
        .public()
        .annotate(item_count=Count("items"))
        .order_by(*NEWEST_EVENT_FIRST)
    )
