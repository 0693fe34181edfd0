from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from wagtail.models import Site

from .models import SiteSettings


def _menu(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu())


def portal(request) -> dict:
    """The portal's name (in the reader's language), the main navigation and the site
    settings; the last two are looked up only when a template uses them."""
    return {
        "site_name": gettext(settings.WAGTAIL_SITE_NAME),
        "main_menu": SimpleLazyObject(lambda: _menu(request)),
        "site_settings": SimpleLazyObject(lambda: SiteSettings.load(request_or_site=request)),
    }
