"""The reader's language comes from the address alone.

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
from django.http import HttpRequest, HttpResponse
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
