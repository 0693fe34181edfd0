from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from wagtail.models import Site

from .models import SiteSettings


def _menu(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu())


def _other_languages(request) -> list[dict]:
    """This page in each other language, as a plain link: the language is in the address
    (portal.middleware), so switching needs no form, no cookie and no CSRF token, and
    the page stays cacheable."""
    current = translation.get_language()
    return [
        {"code": code, "name": name, "url": translate_url(request.get_full_path(), code)}
        for code, name in settings.LANGUAGES
        if code != current
    ]


def portal(request) -> dict:
    """The portal's name (in the reader's language), the main navigation, the site
    settings and the language links (looked up only when a template uses them), and
    whether the reader may be signed in."""
    return {
        "site_name": gettext(settings.WAGTAIL_SITE_NAME),
        "main_menu": SimpleLazyObject(lambda: _menu(request)),
        "site_settings": SimpleLazyObject(lambda: SiteSettings.load(request_or_site=request)),
        "other_languages": SimpleLazyObject(lambda: _other_languages(request)),
        # Only a reader with a session cookie can be signed in: for everyone else the
        # templates never touch the session, so the page carries no `Vary: Cookie` and
        # can be cached for all (portal.page_cache).
        "may_be_signed_in": settings.SESSION_COOKIE_NAME in request.COOKIES,
    }
