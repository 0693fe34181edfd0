"""Collections: stories and methods chosen and ordered by a curator for an event or a
theme, each with the curator's note."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, Page

from stories.models import Method, StoryPage


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


class CollectionPage(Page):
    """A curated, ordered set of stories (and methods) for an event or a theme."""

    intro = models.TextField(_("introduktion"), blank=True)
    event_name = models.CharField(_("arrangement"), max_length=200, blank=True)
    event_date = models.DateField(_("dato for arrangementet"), null=True, blank=True)
    event_place = models.CharField(_("sted"), max_length=200, blank=True)

    parent_page_types = ["curation.CollectionsIndexPage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel(
            [FieldPanel("event_name"), FieldPanel("event_date"), FieldPanel("event_place")]
        ),
        InlinePanel("items", heading=_("Historier og metoder"), label=_("punkt")),
    ]

    class Meta:
        verbose_name = _("samling")
        verbose_name_plural = _("samlinger")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = list(self.items.select_related("method__page").order_by("sort_order"))
        story_ids = [item.story_id for item in items if item.story_id]
        stories = StoryPage.objects.for_cards().in_bulk(story_ids)
        for item in items:
            # Unpublished stories drop out of the public collection rather than break it.
            item.live_story = stories.get(item.story_id)
        context["items"] = [item for item in items if item.live_story or item.method_id]
        return context


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

    def clean(self) -> None:
        super().clean()
        if bool(self.story_id) == bool(self.method_id):
            raise ValidationError(_("Vælg enten en historie eller en metode."))


def listed_collections() -> models.QuerySet:
    """Published, public collections as lists show them: newest event first (those
    without a date last, on every database), each with its number of items."""
    return (
        CollectionPage.objects.live()
        .public()
        .annotate(item_count=Count("items"))
        .order_by(F("event_date").desc(nulls_last=True), "title")
    )
