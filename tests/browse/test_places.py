"""Municipality and region pages (issue 10, "no dead ends"): municipalities listed in
Danish alphabetical order wherever readers see them, and a place without stories says so,
offers the nearest stories and tells how a story gets there, with no empty sections."""

import re

import pytest
from django.test import Client

from findings.places import municipality_tiles, nearest_stories
from portal.models import SiteSettings
from stories.models import Region, StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import count_queries, minimal

pytestmark = pytest.mark.django_db

# The texts of the three empty sections a place without stories used to show.
EMPTY_SECTIONS = (
    "Ingen metoder endnu.",
    "Der er endnu ingen udgivne historier her.",
    "Ingen af kommunens historier har endnu målte resultater.",
    "Ingen af regionens historier har endnu målte resultater.",
)


def linked_names(html: str) -> list[str]:
    """The municipality names linked in a piece of a page, in the page's order."""
    return re.findall(r'href="/kommuner/[^/"]+/"[^>]*>([^<]+)</a>', html)


def section(html: str, start: str, end: str) -> str:
    html = html[html.index(start) :]
    return html[: html.index(end)]


def publish(story_dir, *stories: tuple[str, str, str]) -> None:
    """Stories as (slug, municipality, date), published."""
    for slug, municipality, date in stories:
        story_dir.write(f"{slug}.md", minimal(slug, municipality=municipality, date=date))
    assert import_stories([str(story_dir.path)], publish=True).problems == []


# Danish order --------------------------------------------------------------------
def test_the_municipalities_index_lists_each_region_in_danish_order(site, story_dir):
    # A municipality with stories is counted, and that changes nothing in the order.
    publish(story_dir, ("a", "Aabenraa", "2020-01-01"))
    body = Client().get("/kommuner/").content.decode()
    syddanmark = linked_names(section(body, 'id="region-1083"', "</section>"))
    assert syddanmark[:4] == ["Assens", "Billund", "Esbjerg", "Fanø"]
    assert syddanmark[-3:] == ["Vejle", "Ærø", "Aabenraa"]
    assert syddanmark.index("Faaborg-Midtfyn") == syddanmark.index("Fredericia") + 1
    nordjylland = linked_names(section(body, 'id="region-1081"', "</section>"))
    assert nordjylland[-2:] == ["Vesthimmerlands", "Aalborg"]
    hovedstaden = linked_names(section(body, 'id="region-1084"', "</section>"))
    assert hovedstaden[0] == "Albertslund" and hovedstaden[-2:] == ["Tårnby", "Vallensbæk"]
    assert hovedstaden.index("København") == hovedstaden.index("Ishøj") + 1
    # The regions themselves in Danish order.
    regions = re.findall(r'id="region-(\d+)"', body)
    names = dict(Region.objects.values_list("code", "name"))
    assert [names[code] for code in regions] == [
        "Region Hovedstaden",
        "Region Midtjylland",
        "Region Nordjylland",
        "Region Sjælland",
        "Region Syddanmark",
    ]


def test_region_and_municipality_pages_list_municipalities_in_danish_order(site, story_dir):
    publish(story_dir, ("a", "Vejle", "2020-01-01"), ("b", "Aabenraa", "2020-01-02"))
    client = Client()
    region = client.get("/historier/syddanmark/").content.decode()
    listed = linked_names(section(region, 'id="kommuner-i-regionen"', "</section>"))
    assert listed[0] == "Assens" and listed[-2:] == ["Ærø", "Aabenraa"]
    assert len(listed) == 22
    municipality = client.get("/kommuner/vejle/").content.decode()
    neighbours = linked_names(section(municipality, 'id="naboer"', "</aside>"))
    # Alphabetical, not those with stories first: Aabenraa has one and is still last.
    assert neighbours[0] == "Assens" and neighbours[-2:] == ["Ærø", "Aabenraa"]
    assert "Vejle" not in neighbours and len(neighbours) == 21


def test_a_storys_municipalities_lead_first_then_in_danish_order(site, story_dir):
    story_dir.write(
        "a.md", minimal("delt", municipality="Vejle", municipalities="[Aabenraa, Ærø, Assens]")
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    body = Client().get("/historier/syddanmark/delt/").content.decode()
    kicker = section(body, 'class="kicker"', "</p>")
    assert re.findall(r">(\w+) Kommune<", kicker) == ["Vejle", "Assens", "Ærø", "Aabenraa"]


def test_municipality_tiles_are_in_danish_order():
    tiles = municipality_tiles([])
    assert [t["region"].name for t in tiles][-2:] == ["Region Sjælland", "Region Syddanmark"]
    syddanmark = [m.name for m in tiles[-1]["municipalities"]]
    assert syddanmark[-2:] == ["Ærø", "Aabenraa"]


# A place without stories ----------------------------------------------------------
def test_a_municipality_without_stories_says_so_and_offers_its_regions_newest(site, story_dir):
    publish(
        story_dir,
        *[(f"syd-{n}", "Vejle", f"2020-01-{n + 1:02d}") for n in range(6)],
        ("nord", "Aalborg", "2024-01-01"),
    )
    body = Client().get("/kommuner/aabenraa/").content.decode()
    assert 'Der er endnu ingen udgivne historier fra <span lang="da">Aabenraa Kommune</span>' in (
        body
    )
    for empty in EMPTY_SECTIONS:
        assert empty not in body
    assert "Metoder brugt her" not in body and "Målte resultater" not in body
    nearest = section(body, 'id="naermeste-historier"', "</section>")
    assert "Nyeste historier fra" in nearest and "Region Syddanmark" in nearest
    # The region's five newest, newest first; not the newer story from another region.
    titles = re.findall(r"Testhistorie (syd-\d|nord)", nearest)
    assert titles == ["syd-5", "syd-4", "syd-3", "syd-2", "syd-1"]
    assert 'href="/historier/syddanmark/"' in nearest
    contribute = section(body, 'id="del-en-historie"', "</section>")
    assert 'Konsulenterne i <span lang="da">Region Syddanmark</span>' in contribute
    assert 'href="/admin/"' in contribute
    assert "mailto:" not in contribute  # no editorial address is set: none is made up
    # The sidebar still leads to every other municipality of the region.
    assert len(linked_names(section(body, 'id="naboer"', "</aside>"))) == 21


def test_the_editorial_address_is_offered_where_one_is_set(site):
    settings = SiteSettings.load()
    settings.editorial_email = "redaktion@example.org"
    settings.save()
    body = Client().get("/kommuner/aabenraa/").content.decode()
    contribute = section(body, 'id="del-en-historie"', "</section>")
    assert 'href="mailto:redaktion@example.org"' in contribute


def test_a_municipality_in_a_region_without_stories_offers_the_countrys_newest(site, story_dir):
    publish(story_dir, ("nord", "Aalborg", "2024-01-01"))
    body = Client().get("/kommuner/aabenraa/").content.decode()
    nearest = section(body, 'id="naermeste-historier"', "</section>")
    assert "Nyeste historier fra hele landet" in nearest and "Testhistorie nord" in nearest


def test_a_region_without_stories_says_so_and_offers_the_countrys_newest(site, story_dir):
    publish(story_dir, ("syd", "Vejle", "2020-01-01"))
    body = Client().get("/historier/nordjylland/").content.decode()
    assert 'Der er endnu ingen udgivne historier fra <span lang="da">Region Nordjylland' in body
    for empty in EMPTY_SECTIONS:
        assert empty not in body
    nearest = section(body, 'id="naermeste-historier"', "</section>")
    assert "Nyeste historier fra hele landet" in nearest and "Testhistorie syd" in nearest
    assert 'Konsulenterne i <span lang="da">Region Nordjylland</span>' in body
    # Its municipalities and the other regions stay in the sidebar.
    assert len(linked_names(section(body, 'id="kommuner-i-regionen"', "</section>"))) == 11


def test_no_stories_anywhere_says_so_without_an_empty_list(site):
    body = Client().get("/kommuner/aabenraa/").content.decode()
    assert "Der er endnu ingen udgivne historier fra" in body
    assert 'id="naermeste-historier"' not in body
    assert nearest_stories(Region.objects.get(code="1083")) == {"stories": [], "region": None}


def test_a_place_with_stories_shows_no_empty_state(site, story_dir):
    publish(story_dir, ("syd", "Vejle", "2020-01-01"))
    client = Client()
    for url in ("/kommuner/vejle/", "/historier/syddanmark/"):
        body = client.get(url).content.decode()
        assert "Der er endnu ingen udgivne historier fra" not in body, url
        assert 'id="del-en-historie"' not in body, url
        assert "Testhistorie syd" in body


def test_a_draft_does_not_count_as_a_story_of_the_place(site, story_dir):
    story_dir.write("a.md", minimal("kladde", municipality="Aabenraa"))
    assert import_stories([str(story_dir.path)], publish=False).problems == []
    assert StoryPage.objects.filter(slug="kladde", live=False).exists()
    body = Client().get("/kommuner/aabenraa/").content.decode()
    assert "Der er endnu ingen udgivne historier fra" in body
    assert "Testhistorie kladde" not in body


def test_the_empty_state_in_english_keeps_danish_names_danish(site, story_dir):
    publish(story_dir, ("syd", "Vejle", "2020-01-01"))
    body = Client().get("/en/kommuner/aabenraa/").content.decode()
    assert 'There are no published stories from <span lang="da">Aabenraa Kommune</span>' in body
    assert "Newest stories from" in body and 'href="/en/historier/syddanmark/"' in body
    assert "Do you have a story from here?" in body


def test_a_place_without_stories_costs_the_same_queries_however_many_stories_exist(site, story_dir):
    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            story_dir.write(
                f"s{number}.md",
                minimal(f"s{number}", tags="[a, b]", outcomes="[{indicator: deltagere, value: 3}]"),
            )
        assert import_stories([str(story_dir.path)], publish=True).problems == []

    urls = ["/kommuner/aabenraa/", "/historier/nordjylland/"]
    add(2, 0)
    few = {url: count_queries(url) for url in urls}
    add(8, 2)
    assert {url: count_queries(url) for url in urls} == few
