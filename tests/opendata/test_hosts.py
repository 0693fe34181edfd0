"""Full addresses name the host the portal was asked on: sitemap, robots.txt, feeds,
API v2, /api/search/ and /api/outcomes/ (collections: tests/curation). Never the Wagtail
Site record's hostname, which older installations have as `localhost`; without a
request, the configured PORTAL_BASE_URL. An unknown Host header is refused."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page, Site

from findings.rows import outcome_rows
from portal.site_tree import ensure_site_structure
from stories.models import StoryPage

pytestmark = pytest.mark.django_db

HOST = "portal.example.dk"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def public(corpus) -> Client:
    """A client on the public host, with the Site record as older installations have it."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    return Client(HTTP_HOST=HOST)


def origins(urls) -> set[str]:
    return {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in urls}


def test_the_sitemap_and_robots_txt_name_the_request_host(public):
    response = public.get("/sitemap.xml")
    assert response.status_code == 200
    urls = [url.findtext(f"{SITEMAP}loc") for url in ET.fromstring(response.content)]
    assert len(urls) > 100 and origins(urls) == {f"http://{HOST}"}
    assert f"http://{HOST}/historier/syddanmark/vejle-sj/" in urls
    assert f"http://{HOST}/kommuner/vejle/" in urls

    secure = public.get("/sitemap.xml", secure=True)
    assert origins(url.findtext(f"{SITEMAP}loc") for url in ET.fromstring(secure.content)) == {
        f"https://{HOST}"
    }
    robots = public.get("/robots.txt", secure=True).content.decode().splitlines()
    assert f"Sitemap: https://{HOST}/sitemap.xml" in robots


@pytest.mark.parametrize("url", ["/feeds/historier/", "/feeds/metoder/smaajobs/"])
def test_rss_links_name_the_request_host(public, url):
    channel = ET.fromstring(public.get(url).content).find("channel")
    links = [channel.findtext("link")] + [item.findtext("link") for item in channel.iter("item")]
    assert len(links) > 1 and origins(links) == {f"http://{HOST}"}
    assert f"http://{HOST}/historier/syddanmark/vejle-sj/" in links


def test_atom_links_name_the_request_host(public):
    feed = ET.fromstring(public.get("/feeds/historier/atom/").content)
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert len(links) > 2 and origins(links) == {f"http://{HOST}"}


def test_api_v2_addresses_name_the_request_host(public):
    listing = public.get("/api/v2/pages/?type=stories.StoryPage").json()
    metas = [item["meta"] for item in listing["items"]]
    assert len(metas) == 5
    assert origins(m["detail_url"] for m in metas) == {f"http://{HOST}"}
    assert origins(m["html_url"] for m in metas) == {f"http://{HOST}"}

    story = StoryPage.objects.get(slug="vejle-sj")
    detail = public.get(f"/api/v2/pages/{story.pk}/").json()["meta"]
    assert detail["html_url"] == f"http://{HOST}/historier/syddanmark/vejle-sj/"
    assert detail["detail_url"] == f"http://{HOST}/api/v2/pages/{story.pk}/"
    assert detail["parent"]["meta"]["html_url"] == f"http://{HOST}/historier/syddanmark/"
    assert detail["parent"]["meta"]["detail_url"].startswith(f"http://{HOST}/api/v2/pages/")


def test_api_search_and_outcomes_name_the_request_host(public):
    results = public.get("/api/search/", {"q": "", "method": "smaajobs"}).json()["results"]
    assert results and origins(r["url"] for r in results) == {f"http://{HOST}"}
    assert f"http://{HOST}/historier/syddanmark/vejle-sj/" in [r["url"] for r in results]
    rows = public.get("/api/outcomes/").json()["results"]
    assert rows and origins(r["story_url"] for r in rows) == {f"http://{HOST}"}


def test_an_unknown_host_is_refused_and_not_repeated(corpus):
    for url in ("/sitemap.xml", "/robots.txt", "/feeds/historier/", "/api/v2/pages/", "/"):
        response = Client(HTTP_HOST="angriber.example.com").get(url)
        assert response.status_code == 400, url
        assert b"angriber" not in response.content


def test_without_a_request_the_configured_address(corpus):
    assert settings.PORTAL_BASE_URL == "https://gode-historier.example.dk"
    row = outcome_rows()[0]
    assert row.as_open_data()["story_url"].startswith("https://gode-historier.example.dk/")
    # setup_portal keeps the Wagtail Site in step, so Wagtail's own links made without a
    # request (the page link in its approval e-mail) name the public address too.
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    ensure_site_structure()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("gode-historier.example.dk", 443)
    story = Page.objects.get(slug="vejle-sj")
    assert story.full_url == "https://gode-historier.example.dk/historier/syddanmark/vejle-sj/"
