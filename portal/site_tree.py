"""The portal's page tree, created once and kept complete.

Home → Historier (one section per region) · Metoder (a page per method) · Kommuner ·
Samlinger · Evidenskort. Called by `setup_portal`, by the importer and when a method is
added, so every installation has the same tree and each method its page.
"""

from django.db import transaction
from wagtail.models import Page, Site

from .models import (
    CollectionsIndexPage,
    EvidenceMapPage,
    HomePage,
    Method,
    MethodPage,
    MethodsIndexPage,
    MunicipalitiesIndexPage,
    Region,
    RegionPage,
    StoriesIndexPage,
)
from .text import danish_slug

HOME_INTRO = (
    "Jobcentre over hele landet har prøvet noget, der virkede for borgere langt fra "
    "arbejdsmarkedet. Her er deres historier, med de resultater de målte."
)


EVIDENCE_MAP_INTRO = (
    "Hvilke metoder har målte resultater, og for hvad? Hvert felt tæller de historier og "
    "kommuner, der har målt en indikator for en metode. De tomme felter viser, hvor "
    "viden mangler."
)


def _child(parent: Page, model, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, show_in_menus=fields.pop("show_in_menus", True), **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def region_slug(region: Region) -> str:
    return danish_slug(region.short_name)


@transaction.atomic
def ensure_site_structure() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Gode historier fra jobcentrene", slug="forside", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Gode historier",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Gode historier"
        site.save()
        # Wagtail's welcome page has nothing of ours under it.
        if (
            old_root.depth == 2
            and not old_root.get_children().exists()
            and (old_root.specific_class is Page)
        ):
            old_root.delete()

    stories = _child(home, StoriesIndexPage, "historier", title="Historier")
    for region in Region.objects.all():
        if not RegionPage.objects.filter(region=region).exists():
            _child(stories, RegionPage, region_slug(region), title=region.name, region=region)
    methods_index = _child(home, MethodsIndexPage, "metoder", title="Metoder")
    for method in Method.objects.filter(page__isnull=True):
        ensure_method_page(method, methods_index)
    _child(home, MunicipalitiesIndexPage, "kommuner", title="Kommuner")
    _child(home, CollectionsIndexPage, "samlinger", title="Samlinger")
    _child(
        home,
        EvidenceMapPage,
        "evidenskort",
        title="Evidenskort",
        intro=EVIDENCE_MAP_INTRO,
    )
    return home


def ensure_method_page(method: Method, methods_index: MethodsIndexPage | None = None) -> None:
    methods_index = methods_index or MethodsIndexPage.objects.first()
    if methods_index is None or MethodPage.objects.filter(method=method).exists():
        return
    page = MethodPage(title=method.name, slug=method.slug, method=method, show_in_menus=False)
    methods_index.add_child(instance=page)
    page.save_revision().publish()


def region_page_for(region: Region) -> RegionPage:
    return RegionPage.objects.get(region=region)
