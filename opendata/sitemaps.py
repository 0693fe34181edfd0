"""The sections of /sitemap.xml: every live, public page of the site, and each
municipality's page.

Each section gives paths only; Django's sitemap view puts them on the request's own
scheme and host (never the Wagtail Site record's hostname), as stories.addresses does
for every other full address. `/kommuner/<slug>/` is a route of the
MunicipalitiesIndexPage, not a page of its own, so it has a section of its own.
"""

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest
from wagtail.models import Page, Site

from browse.models import MunicipalitiesIndexPage
from stories.addresses import page_path
from stories.models import Municipality


def site_root(request: HttpRequest) -> Page:
    """The root page of the request's site (Wagtail's default site for an unknown host)."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return site.root_page


class PageSitemap(Sitemap):
    def __init__(self, request: HttpRequest):
        self.request = request

    def items(self):
        return (
            site_root(self.request)
            .get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def location(self, page: Page) -> str:
        return page_path(page, self.request)

    def lastmod(self, page: Page):
        return page.last_published_at or page.latest_revision_created_at


class MunicipalitySitemap(Sitemap):
    def __init__(self, request: HttpRequest):
        self.request = request
        self.index_path = ""

    def items(self):
        index = (
            MunicipalitiesIndexPage.objects.live()
            .public()
            .descendant_of(site_root(self.request), inclusive=True)
            .first()
        )
        if index is None:
            return []
        self.index_path = page_path(index, self.request)
        return Municipality.objects.order_by("name")

    def location(self, municipality: Municipality) -> str:
        return f"{self.index_path}{municipality.slug}/"
