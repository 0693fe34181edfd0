"""The municipality pages for /sitemap.xml.

`/kommuner/<slug>/` is a route of the MunicipalitiesIndexPage, not a page of its own, so
Wagtail's sitemap does not know it. This sitemap lists one URL per municipality on the
same address as the index page's, so both halves of /sitemap.xml share one host.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from wagtail.models import Site

from browse.models import MunicipalitiesIndexPage
from stories.models import Municipality


class MunicipalitySitemap(Sitemap):
    def __init__(self, request=None):
        self.request = request
        self.index_path = ""

    def index_url(self) -> str | None:
        """The full URL of the live, public municipalities index of this site."""
        pages = MunicipalitiesIndexPage.objects.live().public()
        site = Site.find_for_request(self.request) if self.request is not None else None
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        page = pages.first()
        return page.get_full_url(self.request) if page is not None else None

    def get_urls(self, page=1, site=None, protocol=None):
        url = self.index_url()
        if url is None:
            return []
        parts = urlsplit(url)
        self.index_path = parts.path
        return super().get_urls(
            page=page, site=SimpleNamespace(domain=parts.netloc), protocol=parts.scheme
        )

    def items(self):
        return Municipality.objects.order_by("name")

    def location(self, municipality: Municipality) -> str:
        return f"{self.index_path}{municipality.slug}/"
