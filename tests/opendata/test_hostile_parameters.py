"""Ordinary hostile parameters on every public URL kind: never a 500, and under /api/
always JSON, errors included (issue 11, defect 5)."""

import pytest
from django.http import HttpResponse, HttpResponseServerError
from django.test import Client, RequestFactory

from portal.middleware import JsonErrorsForApiMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(shared_corpus, db):
    return shared_corpus


URLS = [
    "/search/",
    "/en/search/",
    "/api/search/",
    "/api/autocomplete/",
    "/api/outcomes/",
    "/api/v2/pages/",
    "/api/v2/pages/?type=stories.StoryPage",
    "/api/v2/images/",
    "/feeds/historier/",
    "/feeds/metoder/smaajobs/",
]

HOSTILE = [
    "page=²",
    "page=" + "9" * 5000,
    "page=-1",
    "page=1e3",
    "page=%00",
    "search=%22",
    "search=%00",
    "search=x&search_operator=xyz",
    "search_operator=xyz",
    "q=%22",
    "q=%00",
    "first_published_at=x",
    "date=notadate",
    "evidence_level=²",
    "evidence_level=" + "9" * 40,
    "id=" + "9" * 40,
    "municipality=%00",
    "cost_amount=x",
    "tags=%00",
    "limit=x",
    "offset=-5",
    "order=%22",
    "child_of=" + "9" * 40,
    "fields=%00",
    "type=%22",
    "locale=%00",
    "sort=%00",
    "format=%00",
    "year=²",
    "method=%00",
    "&".join(["region=x"] * 60),
]


@pytest.mark.parametrize("params", HOSTILE)
@pytest.mark.parametrize("url", URLS)
def test_no_hostile_parameter_gives_a_500(corpus, url, params):
    address = f"{url}{'&' if '?' in url else '?'}{params}"
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code < 500, (address, response.status_code)
    if url.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json"), address


@pytest.mark.parametrize(
    "address",
    [
        "/api/findes-ikke/",
        "/api/v2/findes-ikke/",
        "/api/v2/pages/999999/",
        "/api/outcomes/x/",
    ],
)
def test_an_unknown_api_address_is_a_json_404(corpus, address):
    response = Client().get(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_a_wrong_method_on_the_api_is_json(corpus):
    for address in ("/api/search/", "/api/autocomplete/"):
        response = Client().post(address)
        assert response.status_code == 405
        assert response.json() == {"error": "Metoden er ikke tilladt; brug GET."}
        assert response["Allow"] == "GET"


def test_a_server_error_under_the_api_is_json_elsewhere_the_page():
    def failing_view(request):
        return HttpResponseServerError("<h1>Server Error (500)</h1>")

    middleware = JsonErrorsForApiMiddleware(failing_view)
    api = middleware(RequestFactory().get("/api/search/"))
    assert api.status_code == 500
    assert api["Content-Type"] == "application/json"
    assert b"Der opstod en fejl" in api.content
    page = middleware(RequestFactory().get("/search/"))
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")


def test_a_successful_api_answer_is_untouched():
    middleware = JsonErrorsForApiMiddleware(lambda request: HttpResponse("ok"))
    assert middleware(RequestFactory().get("/api/x/")).content == b"ok"


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ("search=x", "/api/search/"),
        ("date=notadate", "ugyldig værdi for date"),
        ("first_published_at=x", "ugyldig værdi for first_published_at"),
        ("id=" + "9" * 40, "for stort"),
    ],
)
def test_api_v2_names_the_bad_parameter(corpus, params, words):
    response = Client().get(f"/api/v2/pages/?type=stories.StoryPage&{params}")
    assert response.status_code == 400
    assert words in response.json()["message"]


def test_a_page_number_must_be_ascii_digits(corpus):
    for address in ("/api/search/?page=²", "/api/search/?page=" + "9" * 5000):
        response = Client().get(address)
        assert response.status_code == 400
        assert "page skal være et helt tal" in response.json()["error"]
    assert Client().get("/search/?page=²").status_code == 400
