from html import unescape

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

from browse.models import EvidenceLevelsPage, MunicipalitiesIndexPage
from stories.evidence import EXPLAINED
from stories.formatting import format_date, format_number
from stories.models import Municipality

register = template.Library()


@register.simple_tag(takes_context=True)
def evidence_levels_url(context) -> str:
    """The page “Om evidensniveauerne” in the reader's language, looked up once a
    request; empty while the page is missing or unpublished."""
    # A card included with `only` keeps the request on the context, not among its values.
    request = getattr(context, "request", None) or context.get("request")
    cache = getattr(request, "_evidence_levels_url", None) if request else None
    if cache is None:
        page = EvidenceLevelsPage.objects.live().first()
        cache = page.get_url(request) if page else ""
        if request is not None:
            request._evidence_levels_url = cache
    return cache


@register.inclusion_tag("components/evidence_badge.html", takes_context=True)
def evidence_badge(context, level: int | None, form: str = "short") -> dict:
    """An evidence level linked to its explanation (#niveau-N). `form`: "long" on a
    story ("Niveau 2 af 5: Lokal optælling"), "short" on a card ("Evidens 2/5"),
    "number" in a table ("2/5")."""
    explained = EXPLAINED.get(level)
    url = evidence_levels_url(context) if explained else ""
    return {
        "explained": explained,
        "form": form,
        "href": f"{url}#{explained.anchor}" if url else "",
    }


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


# A research note on a tile: its first words, enough to show what the page says.
NOTE_EXCERPT_WORDS = 24


@register.filter
def note_excerpt(rich_text: str) -> str:
    """A rich-text note's opening words as plain text, without expanding its links (which
    would cost a query each on a page of tiles)."""
    return Truncator(unescape(strip_tags(rich_text))).words(NOTE_EXCERPT_WORDS)


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


@register.filter
def chart_position(percent: float | None, axis: str) -> str:
    """A length or offset along a chart's track as classes, not a style attribute, which
    the public site's Content-Security-Policy forbids: 18.4 % of the track is tens,
    units and tenths, "cw-t1 cw-u8 cw-d4" for a width ("w") or "cx-…" for a left offset
    ("x"); static/css/portal.css adds them up in a calc(). Exact to the 0.1 % the chart
    is drawn at."""
    tenths = min(max(round((percent or 0) * 10), 0), 1000)
    parts = {"t": tenths // 100, "u": tenths // 10 % 10, "d": tenths % 10}
    return " ".join(f"c{axis}-{place}{digit}" for place, digit in parts.items() if digit)
