"""The reader's language comes from the address alone; the JSON API answers errors in JSON.

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
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation


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
