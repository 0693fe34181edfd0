"""The page tree around the stories: home, indexes, regions, methods, collections."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .story import StoryPage
from .vocabulary import Method, Municipality, Region

STORIES_PER_PAGE = 12


def paginate(request, queryset, per_page: int = STORIES_PER_PAGE):
    """A page of results; a bad or out-of-range page number gives the nearest real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("side"))


def live_story_count(prefix: str = "stories") -> Count:
    return Count(prefix, filter=Q(**{f"{prefix}__live": True}), distinct=True)


class HomePage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "stories.StoriesIndexPage",
        "stories.MethodsIndexPage",
        "stories.MunicipalitiesIndexPage",
        "stories.CollectionsIndexPage",
        "stories.EvidenceMapPage",
    ]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("forside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["newest_stories"] = StoryPage.objects.for_cards().order_by("-date", "-pk")[:6]
        context["methods"] = (
            Method.objects.filter(active=True)
            .annotate(story_count=live_story_count())
            .filter(story_count__gt=0)
            .select_related("page")
            .order_by("-story_count", "name")
        )
        context["regions"] = Region.objects.annotate(
            story_count=live_story_count("municipalities__lead_stories")
        ).select_related("page")
        context["story_total"] = StoryPage.objects.live().public().count()
        context["municipality_total"] = (
            Municipality.objects.filter(stories__live=True).distinct().count()
        )
        context["collections"] = CollectionPage.objects.live().public().order_by("-event_date")[:3]
        return context


class StoriesIndexPage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["stories.HomePage"]
    subpage_types = ["stories.RegionPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("historieoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(request, StoryPage.objects.for_cards().order_by("-date"))
        context["regions"] = RegionPage.objects.live().select_related("region")
        return context


class RegionPage(Page):
    """One section per region: stories live under their region, so page permissions can
    be given per region the Wagtail way."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="page", verbose_name=_("region")
    )
    intro = models.TextField(_("introduktion"), blank=True)

    parent_page_types = ["stories.StoriesIndexPage"]
    subpage_types = ["stories.StoryPage"]
    content_panels = Page.content_panels + [FieldPanel("region"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("regionsafsnit")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.for_cards().filter(municipality__region=self.region)
        context["stories"] = paginate(request, stories.order_by("-date", "-pk"))
        context["municipalities"] = self.region.municipalities.annotate(
            story_count=live_story_count()
        )
        context["methods"] = methods_used(stories)
        context["other_regions"] = (
            RegionPage.objects.live().exclude(pk=self.pk).select_related("region")
        )
        context.update(
            outcome_table_context(request, {"region": [self.region.code]}, hide=("region",))
        )
        return context


class MethodsIndexPage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["stories.HomePage"]
    subpage_types = ["stories.MethodPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("metodeoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["method_pages"] = (
            MethodPage.objects.live()
            .select_related("method")
            .annotate(story_count=live_story_count("method__stories"))
            .order_by("method__name")
        )
        return context


class MethodPage(Page):
    method = models.OneToOneField(
        Method, on_delete=models.PROTECT, related_name="page", verbose_name=_("metode")
    )
    research_note = RichTextField(
        _("forskningsnote"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Hvad forskningen siger om metoden, fx Jobeffekters vurdering."),
    )
    research_link = models.URLField(_("link til forskning"), blank=True)
    research_link_title = models.CharField(_("linkets titel"), max_length=200, blank=True)

    parent_page_types = ["stories.MethodsIndexPage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        FieldPanel("method"),
        MultiFieldPanel(
            [
                FieldPanel("research_note"),
                FieldPanel("research_link"),
                FieldPanel("research_link_title"),
            ],
            heading=_("Forskning"),
        ),
    ]

    class Meta:
        verbose_name = _("metodeside")

    def clean(self) -> None:
        super().clean()
        from ..validation import url_problems

        problems = url_problems(self.research_link, "research_link")
        if problems:
            raise ValidationError(dict((field, message) for field, message in problems))

    def get_context(self, request, *args, **kwargs):
        from ..comparison import compare_by_indicator, overview_note
        from ..spread import spread_links

        context = super().get_context(request, *args, **kwargs)
        stories = list(
            StoryPage.objects.for_cards()
            .filter(methods=self.method)
            .prefetch_related("municipalities")
            .order_by("-date", "-pk")
        )
        table = outcome_table_context(request, {"method": [self.method.slug]})
        comparisons = compare_by_indicator(table["all_outcome_rows"])
        context.update(
            stories=stories,
            comparisons=comparisons,
            overview_note=overview_note(comparisons),
            municipality_count=len({m.pk for s in stories for m in s.municipalities.all()}),
            spread=spread_links(stories),
            tiles=municipality_tiles(stories),
            **table,
        )
        return context


def outcome_table_context(
    request,
    filters: dict[str, list[str]],
    anchor: str = "sammenligning",
    hide: tuple[str, ...] = (),
) -> dict:
    """The outcomes matching the open-data filters as a sortable table (?sort=…&dir=…),
    with the link to the same rows in /api/outcomes/. `hide` drops columns that say the
    same on every row (the municipality on its own page)."""
    from ..comparison import TableSort, column_headers, sort_rows
    from ..outcomes import outcome_rows

    rows = outcome_rows(filters)
    order = TableSort.from_params(request.GET)
    return {
        "all_outcome_rows": rows,
        "outcome_rows": sort_rows(rows, order),
        "table_headers": [
            header
            for header in column_headers(order, request.GET, anchor)
            if header["key"] not in hide
        ],
        "hidden_columns": hide,
        "table_anchor": anchor,
        "open_data_query": urlencode(filters, doseq=True),
    }


def methods_used(stories) -> models.QuerySet:
    """The methods of these stories, with how many of the stories use each."""
    return (
        Method.objects.filter(stories__in=stories.values("pk"))
        .annotate(story_count=Count("stories", distinct=True))
        .select_related("page")
        .order_by("-story_count", "name")
    )


def municipality_tiles(stories) -> list[dict]:
    """Every region with all its municipalities as tiles, each marked with the number
    of the given stories it takes part in (0: not used there)."""
    used: dict[int, int] = {}
    for story in stories:
        for municipality in story.municipalities.all():
            used[municipality.pk] = used.get(municipality.pk, 0) + 1
    regions: dict[int, dict] = {}
    for municipality in Municipality.objects.select_related("region").order_by(
        "region__name", "name"
    ):
        region = regions.setdefault(
            municipality.region_id, {"region": municipality.region, "municipalities": []}
        )
        municipality.story_count = used.get(municipality.pk, 0)
        region["municipalities"].append(municipality)
    for region in regions.values():
        region["used"] = sum(1 for m in region["municipalities"] if m.story_count)
    return list(regions.values())


class MunicipalitiesIndexPage(RoutablePageMixin, Page):
    """Regions and municipalities, and a page of its own for each municipality."""

    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["stories.HomePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("kommuneoversigt")

    @path("")
    def index(self, request):
        regions = Region.objects.prefetch_related(
            models.Prefetch(
                "municipalities",
                queryset=Municipality.objects.annotate(story_count=live_story_count()),
            )
        ).select_related("page")
        return self.render(request, context_overrides={"regions": regions})

    @path("<slug:slug>/")
    def municipality(self, request, slug):
        municipality = get_object_or_404(
            Municipality.objects.select_related("region__page"), slug=slug
        )
        stories = StoryPage.objects.for_cards().filter(municipalities=municipality)
        return self.render(
            request,
            template="stories/municipality_page.html",
            context_overrides={
                "municipality": municipality,
                "stories": paginate(request, stories.order_by("-date", "-pk")),
                "methods": methods_used(stories),
                # Every other municipality of the region, those with stories first.
                "neighbours": municipality.region.municipalities.exclude(pk=municipality.pk)
                .annotate(story_count=live_story_count())
                .order_by("-story_count", "name"),
                **outcome_table_context(
                    request,
                    {"municipality": [municipality.code]},
                    hide=("municipality", "region"),
                ),
            },
        )

    def municipality_url(self, municipality: Municipality) -> str:
        return self.url + self.reverse_subpage("municipality", kwargs={"slug": municipality.slug})


class CollectionsIndexPage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["stories.HomePage"]
    subpage_types = ["stories.CollectionPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("samlingsoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = (
            CollectionPage.objects.live().public().order_by("-event_date", "title")
        )
        return context


class CollectionPage(Page):
    """A curated, ordered set of stories (and methods) for an event or a theme."""

    intro = models.TextField(_("introduktion"), blank=True)
    event_name = models.CharField(_("arrangement"), max_length=200, blank=True)
    event_date = models.DateField(_("dato for arrangementet"), null=True, blank=True)
    event_place = models.CharField(_("sted"), max_length=200, blank=True)

    parent_page_types = ["stories.CollectionsIndexPage"]
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
