"""The anonymous reader's pages from the shared cache (Redis when CACHE_URL is set).

A reader without a session cookie sees the same page as every other such reader for the
same address (the language is in the address: portal.middleware), so the finished
response is kept under its address and served to the next one without touching the
database. Any change that may show on a page (publish, unpublish, move, delete, privacy,
vocabulary, collections, site settings) purges them all at once by moving a generation
number, so no page outlives a change; the lifetime only bounds what a missed signal could
cost. Search and the APIs are kept for a short while per normalised query.
"""

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "portal:page-cache:generation"
# Paths never cached: the admin and editor-only views, health checks, media served
# with permissions.
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/_util/", "/documents/", "/healthz", "/readyz")
SHORT_LIVED_PREFIXES = ("/search/", "/en/search/", "/api/")
MAX_QUERY_LENGTH = 2000  # a longer query is answered, not kept: no cache filling by junk
# Changes to these apps' models may show on a public page.
PURGING_APPS = frozenset(
    {"stories", "browse", "curation", "portal", "wagtailcore", "wagtailredirects", "taggit"}
)
SKIPPED_MODELS = frozenset({"wagtailcore.modellogentry", "wagtailcore.pagelogentry"})


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def purge_page_cache() -> None:
    """Every cached page is stale from now on (they expire by themselves)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or it was evicted
        cache.set(GENERATION_KEY, generation() + 1, timeout=None)


def cache_key(request: HttpRequest) -> str | None:
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    normalised = urlencode(sorted(parse_qsl(query, keep_blank_values=True)))
    return (
        f"portal:page:{generation()}:{request.scheme}://{request.get_host()}"
        f"{request.path}?{normalised}"
    )


def is_anonymous_get(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def may_keep(response: HttpResponse) -> bool:
    """Only a finished 200 that is the same for everyone."""
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_SECONDS or not is_anonymous_get(request):
            return self.get_response(request)
        try:
            key = cache_key(request)
        except Exception:  # a disallowed host: let the normal handling answer it
            key = None
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if may_keep(response):
            lifetime = (
                settings.SEARCH_CACHE_SECONDS
                if request.path.startswith(SHORT_LIVED_PREFIXES)
                else settings.PAGE_CACHE_SECONDS
            )
            headers = [(k, v) for k, v in response.items() if k.lower() != "x-portal-cache"]
            cache.set(key, (response.status_code, headers, response.content), lifetime)
            response["X-Portal-Cache"] = "miss"
        return response


def _on_change(sender, **kwargs) -> None:
    purge_page_cache()


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_change, dispatch_uid=f"page-cache-{id(signal)}")
    # One receiver per model, not one for all: a receiver for every model would stop
    # Django from deleting related rows in bulk (its fast delete) everywhere.
    for label in PURGING_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in SKIPPED_MODELS:
                continue
            for signal in (post_save, post_delete):
                signal.connect(
                    _on_change, sender=model, dispatch_uid=f"page-cache-{model._meta.label_lower}"
                )
