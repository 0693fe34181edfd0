"""Full addresses of the portal's pages, for everything that leaves the page it is on:
the sitemap, feeds, the APIs, CSV exports, QR codes on handouts.

One rule: with a request, the request's own scheme and host, which Django has checked
against ALLOWED_HOSTS (an unknown Host header is refused with 400 before any view runs);
without one (e-mails, management commands), the configured PORTAL_BASE_URL. Never the
Wagtail Site record's hostname, which says `localhost` until someone edits it.

A page's full address is its Danish one, whatever language the request is read in: the
address names the content, which is Danish; a reader chooses English chrome themselves.
It lives here, in the lowest room, so that every room above gives the same address.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page


def absolute_url(location: str, request: HttpRequest | None = None) -> str:
    """A path on the portal (or an address that is already full) as a full address."""
    if request is not None:
        return request.build_absolute_uri(location)
    return urljoin(settings.PORTAL_BASE_URL + "/", location)


def page_path(page: Page, request: HttpRequest | None = None) -> str | None:
    """The page's Danish address on this site ("/historier/…"), or None where it has none."""
    with translation.override(settings.LANGUAGE_CODE):
        return page.get_url(request)


def page_address(page: Page, request: HttpRequest | None = None) -> str:
    """The page's full Danish address, or "" where it has none (not routable)."""
    path = page_path(page, request)
    return absolute_url(path, request) if path is not None else ""


def reader_path(danish_path: str) -> str:
    """A Danish address ("/historier/…") in the reader's language: as it is for a Danish
    page, under /en/ for an English one."""
    language = translation.get_language()
    # Django reads the address in the language it is written in, then writes it anew.
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(danish_path, language)
