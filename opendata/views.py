"""Open data views: /api/outcomes/ (JSON or CSV), /sitemap.xml and /robots.txt.

The outcome rows come from `findings.rows`, the same rows the method, municipality
and region pages show, so a figure reads the same in the API as on the pages.
"""

from functools import wraps

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import PageLogEntry

from findings.filters import FilterError, parse_filters
from findings.rows import OPEN_DATA_FIELDS, outcome_rows
from findings.spreadsheets import csv_response
from stories.addresses import absolute_url
from stories.models import StoryPage

from .sitemaps import MunicipalitySitemap, PageSitemap

FORMATS = ("json", "csv")
CSV_FILENAME = "resultater.csv"


def open_data(view):
    """GET (and HEAD) only, answered 405 with a message otherwise, and readable by a
    script on any origin (CORS): it is open data. Nothing here changes state, so other
    methods get the 405 rather than a CSRF refusal. `Last-Modified` is the newest
    publication, so a harvester asking `If-Modified-Since` gets a 304 (with the ETag,
    from ConditionalGetMiddleware) until a story changes."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            response = view(request, *args, **kwargs)
        else:
            response = JsonResponse({"error": "Kun GET er tilladt."}, status=405)
            response["Allow"] = "GET, HEAD"
        response["Access-Control-Allow-Origin"] = "*"
        if response.status_code == 200 and not response.has_header("Last-Modified"):
            newest = last_publication()
            if newest is not None:
                response["Last-Modified"] = http_date(newest.timestamp())
        return response

    return wrapped


def last_publication():
    """When a page was last published, unpublished, moved or deleted (Wagtail logs each),
    or a story last published (an import may publish without a log entry). A renamed
    method changes the data but not this time: the ETag covers that."""
    logged = PageLogEntry.objects.aggregate(newest=Max("timestamp"))["newest"]
    published = StoryPage.objects.aggregate(newest=Max("last_published_at"))["newest"]
    return max((t for t in (logged, published) if t is not None), default=None)


@open_data
def outcomes(request: HttpRequest) -> HttpResponse:
    """Every outcome of a published, public story, one row each, newest story first.

    Filters (`findings.filters`): method, indicator, municipality (code), region (code),
    target_group, evidence_level, year; each repeatable. Values of one filter are OR'ed,
    filters AND'ed.
    """
    output = request.GET.get("format", "").strip().lower() or "json"
    if output not in FORMATS:
        return JsonResponse(
            {"error": f"format skal være json eller csv, ikke '{output[:20]}'"},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    try:
        filters = parse_filters(request.GET, refuse_invalid=True)
    except FilterError as error:
        return JsonResponse(
            {"error": str(error)}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    rows = [row.as_open_data(request) for row in outcome_rows(filters)]
    if output == "csv":
        return csv_response(CSV_FILENAME, OPEN_DATA_FIELDS, rows)
    return JsonResponse(
        {"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False}
    )


def sitemap(request: HttpRequest) -> HttpResponse:
    """Every live, public page of the site, and each municipality's page."""
    return sitemap_views.sitemap(
        request, sitemaps={"pages": PageSitemap(request), "kommuner": MunicipalitySitemap(request)}
    )


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Every combination of search facets is a URL of its own; the sitemap has the pages.
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
