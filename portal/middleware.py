"""The portal's own middleware: the language from the address, health probes, request
size limits, the admin's Content-Security-Policy, JSON errors under /api/.

The reader's language comes from the address alone.

Django's LocaleMiddleware would also read the browser's Accept-Language and a language
cookie, giving English chrome over Danish stories to anyone whose browser is set to
English, and making every page's content depend on request headers a cache cannot see
in the URL. Here a page is Danish unless its address starts with an English prefix
(`/en/`, from `i18n_patterns` in portal/urls.py), so one URL always gives one page.
The admin is not under a prefix: it is Danish unless the editor has chosen another
language in their own Wagtail account settings, which Wagtail applies itself.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from portal import health


class LanguageFromAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        # For this request only: nothing run after it in the same thread (the next
        # request, a test) inherits the language.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before anything else runs (portal.health).

    A load balancer's or orchestrator's probe asks over plain HTTP with the server's own
    address as its host, which production would redirect to HTTPS or refuse as an
    unknown host; and a probe needs no session, language or CSRF token.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = health.PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe()
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuses a request body over the limit with 413 before anything reads it.

    Django's own limits leave uploaded files out, so a 20 MB "file" sent to the login
    page was read and stored in a temporary file. Only the admin's image and document
    pages take uploads (settings.UPLOAD_PATH_PREFIXES, up to MAX_UPLOAD_SIZE); everything
    else up to MAX_REQUEST_SIZE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest(
                _("Forespørgslens længde (Content-Length) er ikke et tal."),
                content_type="text/plain; charset=utf-8",
            )
        if request.path_info.startswith(settings.UPLOAD_PATH_PREFIXES):
            limit = settings.MAX_UPLOAD_SIZE
        else:
            limit = settings.MAX_REQUEST_SIZE
        if length > limit:
            message = _(
                "Forespørgslen er for stor (%(size)s MB); der tages højst imod %(limit)s MB her."
            ) % {"size": _megabytes(length), "limit": _megabytes(limit)}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _megabytes(size: int) -> str:
    return formats.number_format(round(size / (1024 * 1024), 1))


class AdminContentSecurityPolicyMiddleware:
    """Gives the pages under /admin/ the admin's policy (settings.PORTAL_ADMIN_CSP).

    Wagtail's admin writes inline scripts and style attributes; the public site has none
    and keeps the strict SECURE_CSP. Django's middleware writes the header from the
    response's _csp_config when a view set one (its csp_override decorator does the
    same), so this must sit after it in MIDDLEWARE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith("/admin/") and not hasattr(response, "_csp_config"):
            response._csp_config = settings.PORTAL_ADMIN_CSP
        return response


def client_ip(request: HttpRequest) -> str:
    """The client's address for login throttling: behind TRUSTED_PROXY_COUNT proxies, the
    address the outermost of ours saw (X-Forwarded-For, counted from the right: what a
    client writes there itself stands further left and is not believed)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


API_PREFIX = "/api/"
API_ERRORS = {
    400: "Forespørgslen kan ikke besvares.",
    404: "Adressen findes ikke.",
    405: "Metoden er ikke tilladt; brug GET.",
    500: "Der opstod en fejl på serveren.",
}
# Kept from the error page the JSON replaces: which methods to use, and who may read it.
KEPT_HEADERS = ("Allow", "Access-Control-Allow-Origin", "Content-Language")


class JsonErrorsForApiMiddleware:
    """Every error under /api/ is JSON, {"error": "…"}, whatever gave it: Django's 404
    and 500 pages, a 405 from a GET-only view. A script reading the API never has to
    parse an HTML page. A view's own JSON error (with its own message) is left as it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            message = API_ERRORS.get(response.status_code, response.reason_phrase)
            json_response = JsonResponse(
                {"error": message},
                status=response.status_code,
                json_dumps_params={"ensure_ascii": False},
            )
            for header in KEPT_HEADERS:
                if header in response:
                    json_response[header] = response[header]
            return json_response
        return response
