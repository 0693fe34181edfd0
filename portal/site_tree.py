"""The portal's page tree, created once and kept complete.

Home → Historier (one section per region) · Metoder (a page per method) · Kommuner ·
Samlinger · Evidenskort · Om evidensniveauerne (out of the menu). `setup_portal` (run by
`make run`) builds it, and the test suite builds it once per session, so every
installation has the same tree. Writing stories never builds it: an import into a
database without it is refused with a message that says to run `setup_portal`. A method
added later gets its page from `browse`.
Building it also gives the roles their page permissions and puts the vocabulary into
Wagtail's index, which the admin's choosers search.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backends

from browse.models import (
    EvidenceLevelsPage,
    EvidenceMapPage,
    MethodsIndexPage,
    MunicipalitiesIndexPage,
    RegionPage,
    StoriesIndexPage,
)
from curation.models import CollectionsIndexPage
from publishing.roles import ensure_roles
from stories.models import Indicator, Method, Municipality, Region, TargetGroup
from stories.names import danish_slug

from .models import HomePage

HOME_INTRO = (
    "Jobcentre over hele landet har prøvet noget, der virkede for borgere langt fra "
    "arbejdsmarkedet. Her er deres historier, med de resultater de målte."
)


# Wagtail's root page (above the home page) is titled "Root" by Wagtail's migration; the
# admin shows it in breadcrumbs and the page chooser, so it gets a Danish title.
ROOT_TITLE = "Alle sider"

EVIDENCE_MAP_INTRO = (
    "Hvilke metoder har målte resultater, og for hvad? Hvert felt tæller de historier og "
    "kommuner, der har målt en indikator for en metode. De tomme felter viser, hvor "
    "viden mangler."
)

EVIDENCE_LEVELS_INTRO = (
    "Hver historie har et evidensniveau fra 1 til 5. Det siger, hvor sikkert man kan "
    "vide, at resultaterne skyldes indsatsen og ikke noget andet. Et lavt niveau betyder "
    "ikke, at metoden ikke virker, kun at vi ved mindre om det."
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


def site_host_and_port() -> tuple[str, int]:
    """The Wagtail Site's hostname and port, from PORTAL_BASE_URL: Wagtail's own full
    links made without a request (the page link in its approval e-mail) then name the
    public address rather than `localhost`."""
    address = urlsplit(settings.PORTAL_BASE_URL)
    return address.hostname, address.port or (443 if address.scheme == "https" else 80)


@transaction.atomic
def ensure_site_structure() -> HomePage:
    root = Page.get_first_root_node()
    if root.title != ROOT_TITLE:
        # update(): the root has no revisions and no URL, so nothing else is to be kept in step.
        Page.objects.filter(pk=root.pk).update(title=ROOT_TITLE, draft_title=ROOT_TITLE)
        root.refresh_from_db()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title=settings.WAGTAIL_SITE_NAME, slug="forside", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
    hostname, port = site_host_and_port()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.hostname, site.port = hostname, port
        site.save()
        # Wagtail's welcome page has nothing of ours under it.
        if (
            old_root.depth == 2
            and not old_root.get_children().exists()
            and (old_root.specific_class is Page)
        ):
            old_root.delete()
    elif (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])

    stories = _child(home, StoriesIndexPage, "historier", title="Historier")
    for region in Region.objects.all():
        if not RegionPage.objects.filter(region=region).exists():
            _child(stories, RegionPage, region_slug(region), title=region.name, region=region)
    methods_index = _child(home, MethodsIndexPage, "metoder", title="Metoder")
    for method in Method.objects.filter(page__isnull=True):
        methods_index.add_method_page(method)
    _child(home, MunicipalitiesIndexPage, "kommuner", title="Kommuner")
    _child(home, CollectionsIndexPage, "samlinger", title="Samlinger")
    _child(
        home,
        EvidenceMapPage,
        "evidenskort",
        title="Evidenskort",
        intro=EVIDENCE_MAP_INTRO,
    )
    # Out of the main menu: the evidence badges and the evidence map lead to it.
    _child(
        home,
        EvidenceLevelsPage,
        "evidensniveauer",
        title="Om evidensniveauerne",
        intro=EVIDENCE_LEVELS_INTRO,
        show_in_menus=False,
    )
    # The roles' page permissions sit on the sections just built.
    ensure_roles()
    index_vocabulary()
    return home


def index_vocabulary() -> None:
    """Put the vocabulary into Wagtail's own index, which the admin's choosers search
    ("Vælg kommune", "Vælg indikator"). The migrations load it with historical models,
    which index nothing, so without this a search for "Kolding" finds no municipality."""
    for backend in get_search_backends(with_auto_update=True):
        for model in (Municipality, Method, TargetGroup, Indicator):
            backend.add_bulk(model, model.get_indexed_objects())
