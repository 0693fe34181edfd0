"""The pages a practitioner browses: the stories by region, the methods and each
method's page, the municipalities and each municipality's page, the evidence map.

The region sections are also where stories live in the page tree, so that Wagtail's page
permissions can be given per region.
"""

from django.core.paginator import Paginator
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from findings.comparison import compare_by_indicator, overview_note
from findings.evidence_map import evidence_map
from findings.method_facts import method_facts, with_method_facts
from findings.places import (
    live_story_count,
    methods_used,
    municipality_tiles,
    nearest_stories,
    nearest_to_reader,
)
from findings.rows import outcome_rows
from findings.sorting import outcome_table
from findings.spread import spread_links
from stories.evidence import EVIDENCE_LEVELS
from stories.models import Method, Municipality, Region, StoryPage, TargetGroup
from stories.names import in_danish_order, printable

STORIES_PER_PAGE = 12
# The query parameter of a page number, on every paginated page and in search.
PAGE_PARAMETER = "page"
# The evidence map's "skjul tomme": 1 hides the methods and indicators without stories
# (the default), 0 shows them. Its form sends a hidden 0 before the checkbox's 1, so the
# last value is the one that counts.
HIDE_EMPTY_PARAMETER = "hide_empty"


def paginate(request, queryset, per_page: int = STORIES_PER_PAGE):
    """A page of results; a bad or out-of-range page number gives the nearest real page.

    The page is found among the ids alone, and only its own rows are then loaded whole:
    ordering 10,000 whole stories (bodies and all) to skip to the last page cost SQLite
    about 0.4 s, ordering their ids a few milliseconds."""
    ids = queryset.prefetch_related(None).values_list("pk", flat=True)
    page = Paginator(ids, per_page).get_page(request.GET.get(PAGE_PARAMETER))
    wanted = list(page.object_list)
    loaded = queryset.in_bulk(wanted)
    page.object_list = [loaded[pk] for pk in wanted if pk in loaded]
    return page


class StoriesIndexPage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["browse.RegionPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("historieoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(request, StoryPage.objects.for_cards().newest_first())
        context["regions"] = RegionPage.objects.live().select_related("region")
        return context


class RegionPage(Page):
    """One section per region: stories live under their region, so page permissions can
    be given per region the Wagtail way."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="page", verbose_name=_("region")
    )
    intro = models.TextField(_("introduktion"), blank=True)

    parent_page_types = ["browse.StoriesIndexPage"]
    subpage_types = ["stories.StoryPage"]
    content_panels = Page.content_panels + [FieldPanel("region"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("regionsafsnit")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.for_cards().filter(municipality__region=self.region)
        context["stories"] = paginate(request, stories.newest_first())
        # A region without stories says so and offers the country's newest instead.
        context["without_stories"] = (
            None if context["stories"].paginator.count else nearest_stories(None)
        )
        context["municipalities"] = in_danish_order(
            self.region.municipalities.annotate(story_count=live_story_count())
        )
        context["methods"] = methods_used(stories)
        context["search_url"] = _search_url(region=self.region.code)
        context["other_regions"] = (
            RegionPage.objects.live().exclude(pk=self.pk).select_related("region")
        )
        context.update(outcome_table(request.GET, {"region": [self.region.code]}, hide=("region",)))
        return context


class MethodsIndexPage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["browse.MethodPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("metodeoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["methods"] = with_method_facts(
            Method.objects.filter(page__in=MethodPage.objects.live())
            .select_related("page")
            .order_by("name")
        )
        return context

    def add_method_page(self, method: Method) -> None:
        """Every method has its page here; a method that has one already is left alone."""
        if MethodPage.objects.filter(method=method).exists():
            return
        page = MethodPage(title=method.name, slug=method.slug, method=method, show_in_menus=False)
        self.add_child(instance=page)
        page.save_revision().publish()


class MethodPage(Page):
    method = models.OneToOneField(
        Method, on_delete=models.PROTECT, related_name="page", verbose_name=_("metode")
    )

    parent_page_types = ["browse.MethodsIndexPage"]
    subpage_types: list[str] = []
    # The research note is the method's own (Method, under Begreber), beside its name,
    # so the tiles and this page show the same note.
    content_panels = Page.content_panels + [FieldPanel("method")]

    class Meta:
        verbose_name = _("metodeside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.live().public().filter(methods=self.method)
        # The reader's region and target group, where chosen: the stories and bars
        # nearest them are shown first; the distribution and the table keep them all.
        problems: list[str] = []
        regions = list(Region.objects.all())
        target_groups = list(TargetGroup.objects.order_by("name"))
        region = _chosen(
            request,
            "region",
            {r.code: r for r in regions},
            problems,
            gettext("Ukendt region “%(value)s”; siden viser alle regioner."),
        )
        target_group = _chosen(
            request,
            "target_group",
            {t.slug: t for t in target_groups},
            problems,
            gettext("Ukendt målgruppe “%(value)s”; siden viser alle målgrupper."),
        )
        # Every row is loaded here for the distributions and the comparability notes;
        # the table is sorted from the same rows.
        rows = outcome_rows({"method": [self.method.slug]})
        table = outcome_table(request.GET, {"method": [self.method.slug]}, rows=rows)
        comparisons = compare_by_indicator(rows, nearness=_nearness(region, target_group))
        facts = method_facts(self.method)
        context.update(
            stories=nearest_to_reader(
                StoryPage.objects.for_cards().filter(methods=self.method), region, target_group
            ),
            story_count=facts.story_count,
            all_stories_url=_search_url(method=self.method.slug),
            comparisons=comparisons,
            overview_note=overview_note(comparisons),
            facts=facts,
            spread=spread_links(stories),
            tiles=municipality_tiles(stories),
            regions=regions,
            target_groups=target_groups,
            chosen_region=region,
            chosen_target_group=target_group,
            problems=problems,
            **table,
        )
        return context


def _nearness(region: Region | None, target_group: TargetGroup | None):
    """A sort key putting the rows in the reader's region and about their target group
    first; None when the reader chose neither (the newest come first then)."""
    if region is None and target_group is None:
        return None

    def key(row) -> tuple[int, int]:
        in_region = region is None or row.region.pk == region.pk
        for_group = target_group is None or any(
            group.pk == target_group.pk for group in row.target_groups
        )
        return (0 if in_region else 1, 0 if for_group else 1)

    return key


class MunicipalitiesIndexPage(RoutablePageMixin, Page):
    """Regions and municipalities, and a page of its own for each municipality."""

    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("kommuneoversigt")

    @path("")
    def index(self, request):
        regions = in_danish_order(
            Region.objects.prefetch_related(
                models.Prefetch(
                    "municipalities",
                    queryset=Municipality.objects.annotate(story_count=live_story_count()),
                )
            ).select_related("page")
        )
        for region in regions:
            region.listed_municipalities = in_danish_order(region.municipalities.all())
        return self.render(request, context_overrides={"regions": regions})

    @path("<slug:slug>/")
    def municipality(self, request, slug):
        municipality = get_object_or_404(
            Municipality.objects.select_related("region__page"), slug=slug
        )
        stories = StoryPage.objects.for_cards().filter(municipalities=municipality)
        page_of_stories = paginate(request, stories.newest_first())
        return self.render(
            request,
            template="browse/municipality_page.html",
            context_overrides={
                "municipality": municipality,
                "stories": page_of_stories,
                # Without stories: say so, offer the region's newest and how to add one.
                "without_stories": None
                if page_of_stories.paginator.count
                else nearest_stories(municipality.region),
                "methods": methods_used(stories),
                "search_url": _search_url(municipality=municipality.code),
                # Every other municipality of the region, in Danish alphabetical order:
                # a reader looks for a name; the counts say which have stories.
                "neighbours": in_danish_order(
                    municipality.region.municipalities.exclude(pk=municipality.pk).annotate(
                        story_count=live_story_count()
                    )
                ),
                **outcome_table(
                    request.GET,
                    {"municipality": [municipality.code]},
                    hide=("municipality", "region"),
                ),
            },
        )

    def municipality_url(self, municipality: Municipality) -> str:
        return self.url + self.reverse_subpage("municipality", kwargs={"slug": municipality.slug})


class EvidenceMapPage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("evidenskort")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        regions = list(Region.objects.all())
        target_groups = list(TargetGroup.objects.order_by("name"))
        problems: list[str] = []
        region = _chosen(
            request,
            "region",
            {r.code: r for r in regions},
            problems,
            gettext("Ukendt region “%(value)s”; kortet viser alle regioner."),
        )
        target_group = _chosen(
            request,
            "target_group",
            {t.slug: t for t in target_groups},
            problems,
            gettext("Ukendt målgruppe “%(value)s”; kortet viser alle målgrupper."),
        )
        context.update(
            evidence=evidence_map(region, target_group, reverse("search")),
            hide_empty=_hide_empty(request, problems),
            hide_empty_parameter=HIDE_EMPTY_PARAMETER,
            regions=regions,
            target_groups=target_groups,
            problems=problems,
        )
        return context


class EvidenceLevelsPage(Page):
    """“Om evidensniveauerne”: the five levels explained, each at its own anchor
    (#niveau-3) that every evidence badge links to. A page, so editors can write its
    introduction and it sits in the page tree and sitemap; the levels' own words come
    from stories.evidence, the same place the badges take theirs."""

    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("side om evidensniveauerne")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["levels"] = EVIDENCE_LEVELS
        return context


def _search_url(**filters: str) -> str:
    """The search page for every story a filter selects: where a capped list says "see
    all"."""
    return f"{reverse('search')}?{urlencode(filters)}"


def _chosen(request, name: str, options: dict, problems: list[str], unknown: str):
    """The option a GET parameter names; an unknown value is explained, not obeyed."""
    wanted = request.GET.get(name, "").strip()
    if wanted and wanted not in options:
        problems.append(unknown % {"value": printable(wanted)})
    return options.get(wanted)


def _hide_empty(request, problems: list[str]) -> bool:
    """Whether the evidence map hides its empty rows and columns: yes unless asked not
    to. Most of a map over a few dozen stories is empty, and the hidden methods and
    indicators are still named under it, so the gaps in knowledge stay in view."""
    values = request.GET.getlist(HIDE_EMPTY_PARAMETER)
    wanted = values[-1].strip() if values else ""
    if wanted not in ("", "0", "1"):
        problems.append(
            gettext(
                "Ukendt valg “%(value)s” for at skjule tomme rækker og kolonner; kortet "
                "skjuler dem."
            )
            % {"value": printable(wanted)}
        )
    return wanted != "0"


@receiver(post_save, sender=Method)
def give_new_method_a_page(sender, instance: Method, created: bool, raw: bool = False, **kwargs):
    """A method added in the admin gets its page at once, like the shipped ones."""
    if created and not raw:
        methods_index = MethodsIndexPage.objects.first()
        if methods_index is not None:
            methods_index.add_method_page(instance)
