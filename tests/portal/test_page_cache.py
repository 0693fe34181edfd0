"""Caching (issue 11, defect 8 and build 3): anonymous pages carry no cookie and no
`Vary: Cookie`, come from the shared cache, and a change purges them; open data has an
ETag and Last-Modified and answers 304."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from portal.models import SiteSettings
from portal.page_cache import purge_page_cache
from stories.models import Method, StoryPage
from tests.conftest import corpus_fixtures, front_matter

pytestmark = pytest.mark.django_db

corpus, _ = corpus_fixtures(
    {
        "vejle-sj": (
            front_matter(
                "vejle-sj",
                "Borgere i arbejde",
                "Vejle",
                "[smaajobs]",
                "2018-02-01",
                outcomes="[{indicator: smaajob, value: 70}]",
            ),
            "Borgerne har fået småjobs i lokale virksomheder.",
        ),
    }
)

PUBLIC_PAGES = [
    "/",
    "/historier/",
    "/metoder/",
    "/metoder/smaajobs/",
    "/kommuner/",
    "/kommuner/vejle/",
    "/evidenskort/",
    "/evidensniveauer/",
    "/samlinger/",
    "/search/?q=småjobs",
    "/en/metoder/smaajobs/",
    "/api/outcomes/",
    "/api/search/?q=job",
    "/feeds/historier/",
    "/sitemap.xml",
]

CACHED = override_settings(PAGE_CACHE_SECONDS=300, SEARCH_CACHE_SECONDS=60)


@pytest.fixture
def page_cache():
    SiteSettings.load()  # made on the first request otherwise, which purges the cache
    cache.clear()
    with CACHED:
        yield
    cache.clear()


def story_url() -> str:
    return StoryPage.objects.get(slug="vejle-sj").url


def test_anonymous_pages_set_no_cookie_and_do_not_vary_by_cookie(corpus):
    for url in PUBLIC_PAGES + [story_url()]:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        assert "cookie" not in response.get("Vary", "").lower(), (url, response["Vary"])


def test_a_signed_in_editor_still_gets_the_userbar(corpus, page_cache):
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("red", "r@example.org", "pw"))
    html = editor.get(story_url()).content.decode()
    assert "wagtail-userbar" in html
    Client().get(story_url())  # cached for the anonymous reader, but not for the editor
    response = editor.get(story_url())
    assert "X-Portal-Cache" not in response
    assert "wagtail-userbar" in response.content.decode()


def test_the_second_anonymous_reader_gets_the_page_without_the_database(corpus, page_cache):
    url = story_url()
    first = Client().get(url)
    assert first["X-Portal-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = Client().get(url)
    assert second["X-Portal-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_publishing_purges_the_cached_pages(corpus, page_cache):
    url = story_url()
    Client().get(url)
    Client().get("/metoder/smaajobs/")
    page = StoryPage.objects.get(slug="vejle-sj")
    page.title = "Et nyt navn til historien"
    page.save_revision().publish()
    for address in (url, "/metoder/smaajobs/"):
        response = Client().get(address)
        assert response["X-Portal-Cache"] == "miss"
        assert "Et nyt navn til historien" in response.content.decode()


def test_unpublishing_purges_the_story_page(corpus, page_cache):
    url = story_url()
    assert Client().get(url).status_code == 200
    StoryPage.objects.get(slug="vejle-sj").unpublish()
    assert Client().get(url).status_code == 404


def test_renaming_a_method_purges_the_pages(corpus, page_cache):
    Client().get("/metoder/")
    method = Method.objects.get(slug="smaajobs")
    method.name = "Små job i virksomheder"
    method.save()
    assert "Små job i virksomheder" in Client().get("/metoder/").content.decode()


def test_search_shares_one_entry_per_normalised_query(corpus, page_cache):
    assert Client().get("/search/?q=job&method=smaajobs")["X-Portal-Cache"] == "miss"
    assert Client().get("/search/?method=smaajobs&q=job")["X-Portal-Cache"] == "hit"
    long_query = "/search/?q=job&" + "&".join(f"tag=t{i}" for i in range(400))
    assert "X-Portal-Cache" not in Client().get(long_query)


def test_errors_and_signed_in_readers_are_not_cached(corpus, page_cache):
    assert "X-Portal-Cache" not in Client().get("/findes-ikke/")
    assert "X-Portal-Cache" not in Client().get("/search/?sort=xyz")
    reader = Client()
    reader.cookies["sessionid"] = "anything"
    assert "X-Portal-Cache" not in reader.get("/")
    assert "X-Portal-Cache" not in Client().get("/admin/login/")


def test_a_purge_reaches_every_page(corpus, page_cache):
    Client().get("/")
    assert Client().get("/")["X-Portal-Cache"] == "hit"
    purge_page_cache()
    assert Client().get("/")["X-Portal-Cache"] == "miss"


@pytest.mark.parametrize(
    "url", ["/api/outcomes/", "/api/outcomes/?format=csv", "/feeds/historier/"]
)
def test_open_data_answers_304_by_etag_and_by_date(corpus, url):
    first = Client().get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    by_tag = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_tag.status_code == 304 and by_tag.content == b""
    by_date = Client().get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    # A publication makes both stale.
    page = StoryPage.objects.get(slug="vejle-sj")
    page.title = "Ny titel"
    page.save_revision().publish()
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
