"""RSS and Atom feeds of new stories, overall and per method."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from browse.models import RegionPage
from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import count_queries, front_matter

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client: Client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "da"
    return channel.findall("item")


def atom_entries(client: Client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_rss_of_new_stories(corpus, client):
    items = rss_items(client, "/feeds/historier/")
    # Newest story date first.
    assert [item.findtext("title") for item in items] == [
        "Testhistorie odense-delt",
        "Testhistorie aarhus-unge",
        "Testhistorie holbaek-job",
        "Testhistorie vejle-sj",
        "Testhistorie skanderborg-uden",
    ]
    holbaek = items[2]
    assert holbaek.findtext("link") == "http://testserver/historier/sjaelland/holbaek-job/"
    assert holbaek.findtext("pubDate") == "Thu, 15 Aug 2019 00:00:00 +0200"
    assert [c.text for c in holbaek.findall("category")] == [
        "Eksterne leverandører med resultatbaseret afregning"
    ]
    description = holbaek.findtext("description")
    assert "Leverandøren får kun betaling, når borgeren kommer i job." in description
    # The headline outcome is the one with a base, with its period.
    assert "I job eller uddannelse: 34 af 190 (18 %)" in description
    assert "15. august 2019" in description
    guid = holbaek.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text == f"urn:uuid:{StoryPage.objects.get(slug='holbaek-job').translation_key}"
    # A story without outcomes still has an item, with no outcome in it.
    assert "af" not in items[4].findtext("description")
    assert sorted(c.text for c in items[3].findall("category")) == [
        "Håndholdt vejledning og tæt opfølgning",
        "Småjobs",
    ]


def test_atom_of_new_stories(corpus, client):
    response = client.get("/feeds/historier/atom/")
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "Gode historier fra jobcentrene: nye historier"
    entries = atom_entries(client, "/feeds/historier/atom/")
    assert len(entries) == 5
    holbaek = entries[2]
    assert holbaek.findtext(f"{ATOM}title") == "Testhistorie holbaek-job"
    assert holbaek.find(f"{ATOM}link").get("href") == (
        "http://testserver/historier/sjaelland/holbaek-job/"
    )
    assert holbaek.findtext(f"{ATOM}published") == "2019-08-15T00:00:00+02:00"
    assert "34 af 190 (18 %)" in holbaek.findtext(f"{ATOM}summary")
    assert [c.get("term") for c in holbaek.findall(f"{ATOM}category")] == [
        "Eksterne leverandører med resultatbaseret afregning"
    ]


def test_feed_per_method(corpus, client):
    titles = [i.findtext("title") for i in rss_items(client, "/feeds/metoder/smaajobs/")]
    assert titles == ["Testhistorie odense-delt", "Testhistorie vejle-sj"]
    entries = atom_entries(client, "/feeds/metoder/eksterne-leverandoerer/atom/")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Testhistorie holbaek-job"]
    channel = ET.fromstring(client.get("/feeds/metoder/smaajobs/").content).find("channel")
    assert channel.findtext("title") == "Gode historier fra jobcentrene: Småjobs"
    assert channel.findtext("link") == "http://testserver/metoder/smaajobs/"
    # A method without stories has an empty feed; an unknown one has none.
    assert rss_items(client, "/feeds/metoder/loentilskud/") == []
    assert client.get("/feeds/metoder/atlantis/").status_code == 404
    assert client.get("/feeds/metoder/atlantis/atom/").status_code == 404


def test_feeds_leave_out_drafts_and_private_stories(corpus, client):
    corpus.write("draft.md", front_matter("kladde", date="2030-01-01"))
    assert import_stories([str(corpus.path / "draft.md")], publish=False).problems == []
    restriction = PageViewRestriction.objects.create(
        page=RegionPage.objects.get(region__code="1085"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="x",
    )
    for url in ("/feeds/historier/", "/feeds/metoder/smaajobs/"):
        titles = {i.findtext("title") for i in rss_items(client, url)}
        assert "Testhistorie kladde" not in titles
        assert "Testhistorie holbaek-job" not in titles
    restriction.delete()
    assert "Testhistorie holbaek-job" in {
        i.findtext("title") for i in rss_items(client, "/feeds/historier/")
    }


def test_story_text_is_escaped_in_the_description(site, story_dir, client):
    story_dir.write(
        "x.md",
        front_matter("xss", teaser='"<script>alert(1)</script> <b>fed</b>"'),
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    for description in (
        rss_items(client, "/feeds/historier/")[0].findtext("description"),
        atom_entries(client, "/feeds/historier/atom/")[0].findtext(f"{ATOM}summary"),
    ):
        # The description is HTML: the teaser in it is text, never markup.
        assert "<script>" not in description and "<b>" not in description
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;fed&lt;/b&gt;" in description


def test_newest_30_in_a_bounded_number_of_queries(site, story_dir):
    def add(count: int, start: int):
        for number in range(start, start + count):
            story_dir.write(
                f"s{number:02}.md",
                front_matter(
                    f"s{number:02}",
                    date=(date(2020, 1, 1) + timedelta(days=number)).isoformat(),
                    methods="[smaajobs, coaching]",
                    outcomes="[{indicator: deltagere, value: 3, of: 9}]",
                ),
            )
        assert import_stories([str(story_dir.path)], publish=True).problems == []

    urls = ["/feeds/historier/", "/feeds/historier/atom/", "/feeds/metoder/smaajobs/"]
    add(3, 0)
    few = {url: count_queries(url) for url in urls}
    add(29, 3)
    many = {url: count_queries(url) for url in urls}
    assert many == few
    items = rss_items(Client(), "/feeds/historier/")
    assert len(items) == 30
    assert items[0].findtext("title") == "Testhistorie s31"
    assert items[-1].findtext("title") == "Testhistorie s02"


def test_same_date_newest_id_first(site, story_dir, client):
    for slug in ("first", "second"):
        story_dir.write(f"{slug}.md", front_matter(slug, date="2020-05-01"))
        assert import_stories([str(story_dir.path / f"{slug}.md")], publish=True).problems == []
    titles = [i.findtext("title") for i in rss_items(client, "/feeds/historier/")]
    assert titles == ["Testhistorie second", "Testhistorie first"]
