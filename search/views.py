"""/search/ (HTML) and /api/search/ (JSON) take the same parameters and give the same
results; neither knows which engine answers."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from stories.addresses import reader_path
from stories.formatting import format_story_date
from stories.markdown import plain_text
from stories.models import Method, Municipality, StoryPage
from stories.precision import PartialDate

from . import engines
from .danish import clean_query
from .documents import FACETS
from .labels import VOCABULARY_LOOKUPS
from .models import StoryIndexEntry
from .query import QueryError, SearchQuery

FACET_TITLES = {
    "method": _("Metode"),
    "target_group": _("Målgruppe"),
    "region": _("Region"),
    "municipality": _("Kommune"),
    "indicator": _("Målt resultat"),
    "evidence_level": _("Evidensniveau"),
    "year": _("År"),
    "tag": _("Nøgleord"),
}
SORT_LABELS = [("relevance", _("Relevans")), ("newest", _("Nyeste")), ("rate", _("Højeste andel"))]
AUTOCOMPLETE_LIMIT = 6


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    try:
        query = SearchQuery.from_params(request.GET)
    except QueryError as error:
        return render(
            request, "search/search.html", {"error": str(error), "query": None}, status=400
        )
    result = engines.search(query)
    facets = []
    for name in FACETS:
        values = []
        for value in result.facets[name]:
            chosen = query.filters.get(name, [])
            toggled = (
                [v for v in chosen if v != value["value"]]
                if value["selected"]
                else [*chosen, value["value"]]
            )
            filters = {**query.filters, name: toggled}
            values.append(
                {**value, "toggle_url": "?" + urlencode(query.params(filters=filters, page=1))}
            )
        facets.append(
            {
                "name": name,
                "title": FACET_TITLES[name],
                "values": values,
                "danish_labels": name in VOCABULARY_LOOKUPS,
            }
        )
    active = [
        {
            "name": f["name"],
            "title": f["title"],
            "label": v["label"],
            "remove_url": v["toggle_url"],
            "danish_label": f["danish_labels"],
        }
        for f in facets
        for v in f["values"]
        if v["selected"]
    ]
    method_links = _method_links(request, {slug for i in result.results for slug in i["methods"]})
    for item in result.results:
        item["method_links"] = [
            method_links[slug] for slug in item["methods"] if slug in method_links
        ]
        with_base = [o for o in item["outcomes"] if o["of"]]
        item["headline"] = (with_base or item["outcomes"] or [None])[0]
        known = PartialDate.parse(item["date"]) if item["date"] else None
        item["date_text"] = format_story_date(known)
        item["url"] = reader_path(item["url"]) if item["url"] else ""
    # The thumbnails are the pages' (their renditions), not the index's.
    stories = {
        story.slug: story
        for story in StoryPage.objects.live()
        .public()
        .with_card_images()
        .filter(slug__in=[item["slug"] for item in result.results], card_image__isnull=False)
    }
    for item in result.results:
        if item["slug"] in stories:
            item["image"] = stories[item["slug"]].card_rendition
            item["image_alt"] = stories[item["slug"]].card_image_alt
    context = {
        "query": query,
        "result": result,
        "facets": facets,
        "active_filters": active,
        "sorts": SORT_LABELS,
        "methods": Method.objects.filter(active=True, stories__live=True)
        .distinct()
        .select_related("page")[:12]
        if not result.count
        else [],
        "without_filters_url": "?" + urlencode(query.params(filters={}, page=1))
        if query.filters or query.unknown_values
        else "",
    }
    return render(request, "search/search.html", context)


def _method_links(request: HttpRequest, slugs: set[str]) -> dict[str, dict[str, str]]:
    """Each method's name and the address of its page (empty without a live one), in one query,
    for the method chips on the result cards."""
    links = {}
    for method in Method.objects.filter(slug__in=slugs).select_related("page"):
        page = getattr(method, "page", None)
        links[method.slug] = {
            "name": method.name,
            "url": page.get_url(request) if page and page.live else "",
        }
    return links


@require_GET
def api_search(request: HttpRequest) -> JsonResponse:
    try:
        query = SearchQuery.from_params(request.GET)
    except QueryError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(
        engines.search(query).as_json(request), json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def api_autocomplete(request: HttpRequest) -> JsonResponse:
    """Methods (by name or alias), municipalities and story titles as the user types."""
    term = clean_query(request.GET.get("q", ""))[:60]
    if len(term) < 2:
        return JsonResponse({"results": []})
    methods = [
        {"type": "method", "label": m.name, "value": m.slug, "url": m.page.url if m.page else ""}
        for m in Method.objects.filter(active=True)
        .filter(name__icontains=term)
        .select_related("page")[:AUTOCOMPLETE_LIMIT]
    ]
    if len(methods) < AUTOCOMPLETE_LIMIT:
        known = {m["value"] for m in methods}
        methods += [
            {
                "type": "method",
                "label": m.name,
                "value": m.slug,
                "url": m.page.url if m.page else "",
            }
            for m in Method.objects.filter(active=True, aliases__icontains=term)
            .exclude(slug__in=known)
            .select_related("page")[: AUTOCOMPLETE_LIMIT - len(methods)]
        ]
    municipalities = [
        {
            "type": "municipality",
            "label": m.name,
            "value": m.code,
            "url": "/search/?" + urlencode({"municipality": m.code}),
        }
        for m in Municipality.objects.filter(name__istartswith=term)[:AUTOCOMPLETE_LIMIT]
    ]
    stories = [
        {
            "type": "story",
            "label": plain_text(title),
            "value": document["slug"],
            "url": document["url"],
        }
        for title, document in StoryIndexEntry.objects.filter(title__icontains=term)
        .order_by("-date")
        .values_list("title", "document")[:AUTOCOMPLETE_LIMIT]
    ]
    return JsonResponse(
        {"results": methods + municipalities + stories}, json_dumps_params={"ensure_ascii": False}
    )
