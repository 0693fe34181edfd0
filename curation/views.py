"""Routes of a collection that Wagtail's page URLs cannot carry (a name with a dot)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from wagtail.models import Site

from .models import CollectionPage


def collection_for_path(request: HttpRequest, collection_path: str) -> CollectionPage:
    """The live, public collection at this path of the request's site, or 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page = (
        CollectionPage.objects.live()
        .public()
        .filter(url_path=f"{site.root_page.url_path}{collection_path}")
        .first()
    )
    if page is None:
        raise Http404
    return page


def collection_export_csv(request: HttpRequest, collection_path: str) -> HttpResponse:
    """`<collection url>export.csv`: the collection, one row per public item. In Danish,
    as the collection is, also when an English page links it (`/en/…/export.csv`)."""
    with translation.override(settings.LANGUAGE_CODE):
        return collection_for_path(request, collection_path).export_csv(request)
