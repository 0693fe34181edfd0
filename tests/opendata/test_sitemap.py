"""/sitemap.xml: every live, public page and each municipality's page; /robots.txt."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from wagtail.models import PageViewRestriction

from browse.models import MunicipalitiesIndexPage, RegionPage
from stories.models import Municipality
from storyfiles.story_files import import_stories
from tests.conftest import front_matter

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return [url.findtext(f"{NS}loc") for url in ET.fromstring(response.content)]


def test_sitemap_lists_pages_and_municipalities(corpus, client):
    urls = locations(client)
    assert len(urls) == len(set(urls))
    # One host for all of it: the one the sitemap was asked on (tests/opendata/test_hosts.py).
    assert {urlsplit(url).netloc for url in urls} == {"testserver"}
    paths = [urlsplit(url).path for url in urls]
    for path in (
        "/",
        "/historier/",
        "/historier/sjaelland/holbaek-job/",
        "/metoder/",
        "/metoder/smaajobs/",
        "/kommuner/",
        "/kommuner/vejle/",
        "/kommuner/aeroe/",
    ):
        assert path in paths
    municipality_paths = [p for p in paths if p.startswith("/kommuner/") and p != "/kommuner/"]
    assert len(municipality_paths) == Municipality.objects.count() == 98
    # Every live story is there.
    for slug in ("vejle-sj", "aarhus-unge", "odense-delt", "skanderborg-uden"):
        assert any(path.endswith(f"/{slug}/") for path in paths), slug


def test_sitemap_leaves_out_drafts_and_private_pages(corpus, client):
    corpus.write("draft.md", front_matter("kladde"))
    assert import_stories([str(corpus.path / "draft.md")], publish=False).problems == []
    PageViewRestriction.objects.create(
        page=RegionPage.objects.get(region__code="1085"),
        restriction_type=PageViewRestriction.LOGIN,
    )
    paths = [urlsplit(url).path for url in locations(client)]
    assert not any("kladde" in path for path in paths)
    assert not any(path.startswith("/historier/sjaelland/") for path in paths)
    assert "/historier/syddanmark/vejle-sj/" in paths


def test_no_municipality_urls_without_a_live_municipalities_index(corpus, client):
    MunicipalitiesIndexPage.objects.get().unpublish()
    paths = [urlsplit(url).path for url in locations(client)]
    assert not any(path.startswith("/kommuner/") for path in paths)
    assert "/metoder/smaajobs/" in paths


def test_robots_txt_points_to_the_sitemap(site, client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
