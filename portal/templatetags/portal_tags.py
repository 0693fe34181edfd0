from django import template

from browse.models import MunicipalitiesIndexPage
from stories.formatting import format_date, format_number
from stories.models import Municipality

register = template.Library()


def _municipalities_index_url(context) -> str:
    request = context.get("request")
    cache = getattr(request, "_municipalities_index_url", None) if request else None
    if cache is None:
        index = MunicipalitiesIndexPage.objects.live().first()
        cache = index.get_url(request) if index else ""
        if request is not None:
            request._municipalities_index_url = cache
    return cache


@register.simple_tag(takes_context=True)
def municipality_url(context, municipality: Municipality) -> str:
    """The municipality's own page under /kommuner/, looked up once a request."""
    base = _municipalities_index_url(context)
    return f"{base}{municipality.slug}/" if base else ""


@register.filter
def dk_number(value) -> str:
    return format_number(value)


@register.filter
def dk_date(value) -> str:
    return format_date(value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()
