from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _menu(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu())


def portal(request) -> dict:
    """The main navigation, looked up only when a template uses it."""
    return {"main_menu": SimpleLazyObject(lambda: _menu(request))}
