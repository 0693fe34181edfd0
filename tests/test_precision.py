"""Figures never claim more than their source (issue 10): a date known to the year or the
month, an undated story and a figure given as a bound or an estimate read exactly so on
every page, in the handout and the presentation, in search, the APIs, the CSV and the
feeds."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from curation.models import CollectionItem, CollectionPage, CollectionsIndexPage
from stories.models import StoryPage
from tests.conftest import corpus_fixtures, front_matter

pytestmark = pytest.mark.django_db

CORPUS = {
    "aarhus-aar": front_matter(
        "aarhus-aar",
        municipality="Aarhus",
        date="2016",
        source="{title: Rapport, author: Ib Ravn, date: 2016}",
        outcomes="[{indicator: deltagere, value: 100, qualifier: at_least, "
        "from: 2015, to: 2016-06}]",
    ),
    "vejle-maaned": front_matter(
        "vejle-maaned",
        date="2018-02",
        outcomes="[{indicator: deltagere, value: 70, qualifier: about, to: 2018-02}]",
    ),
    "odense-dag": front_matter(
        "odense-dag",
        municipality="Odense",
        date="2017-09-14",
        outcomes="[{indicator: deltagere, value: 80, from: 2017-01-01, to: 2017-09-14}]",
    ),
    "thisted-udateret": front_matter(
        "thisted-udateret",
        municipality="Thisted",
        date="undated",
        status="planned",
        outcomes="[{indicator: deltagere, value: 5, qualifier: at_most}]",
    ),
}
# What the files do not say, in every form a page or a file could say it.
NEVER = [
    "1. januar 2016",
    "2016-01-01",
    "01 Jan 2016",
    "1. februar 2018",
    "2018-02-01",
    "01 Feb 2018",
    "1. januar 2015",
    "2015-01-01",
    "1. juni 2016",
    "2016-06-01",
    "0001-01-01",
]
STORY_ORDER = ["vejle-maaned", "odense-dag", "aarhus-aar", "thisted-udateret"]

_corpus, shared_corpus = corpus_fixtures(
    {slug: (matter, "Brødtekst.") for slug, matter in CORPUS.items()}
)


@pytest.fixture(scope="module")
def corpus(shared_corpus, django_db_blocker):
    """The stories, and a collection of them for the handout and the presentation."""
    with django_db_blocker.unblock():
        page = CollectionPage(title="Præcision", slug="praecision")
        page.items = [
            CollectionItem(story=StoryPage.objects.get(slug=slug), sort_order=n)
            for n, slug in enumerate(CORPUS)
        ]
        CollectionsIndexPage.objects.get().add_child(instance=page)
        page.save_revision().publish()
    return shared_corpus


def get(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    for claim in NEVER:
        assert claim not in text, (url, claim)
    return text


def story_url(slug: str) -> str:
    return StoryPage.objects.get(slug=slug).url


def test_a_story_page_shows_its_date_source_and_figures_as_known(corpus):
    html = get(story_url("aarhus-aar"))
    assert '<time datetime="2016">2016</time>' in html
    assert "Rapport</a></span>, Ib Ravn, 2016" in html or "Rapport</span>, Ib Ravn, 2016" in html
    assert "mindst 100 deltagere" in html and "2015 – juni 2016" in html
    html = get(story_url("vejle-maaned"))
    assert '<time datetime="2018-02">februar 2018</time>' in html
    assert "ca. 70 deltagere" in html and "pr. februar 2018" in html
    html = get(story_url("thisted-udateret"))
    assert "<dd>udateret</dd>" in html and "<dd>Planlagt</dd>" in html
    assert "højst 5 deltagere" in html
    assert '<time datetime="2017-09-14">14. september 2017</time>' in get(story_url("odense-dag"))


def test_lists_order_mixed_precisions_and_put_the_undated_last(corpus):
    for url in ("/historier/", "/metoder/smaajobs/", "/"):
        html = get(url)
        if 'id="historier"' in html:  # the method page: its list of stories
            html = html[html.index('id="historier"') :]
        titles = [f"Testhistorie {slug}</a>" for slug in STORY_ORDER]
        found = [slug for slug, title in zip(STORY_ORDER, titles, strict=True) if title in html]
        assert found == STORY_ORDER[: len(found)] and len(found) >= 3, url
        positions = [html.index(title) for title in titles if title in html]
        assert positions == sorted(positions), url
    cards = get("/historier/")
    assert '<time datetime="2016">2016</time>' in cards
    assert '<time datetime="2018-02">februar 2018</time>' in cards
    assert "udateret · " in cards


def test_method_page_marks_bounds_and_estimates_and_sorts_periods(corpus):
    html = get("/metoder/smaajobs/")
    chart = html[html.index('<figure class="chart"') : html.index("</figure>")]
    # Three of the four bars are not exact: hatched with a marker; the exact one is plain.
    assert chart.count('class="chart__bar chart__bar--bound ') == 3
    assert re.findall(r'data-bound="(\w+)"', chart) == ["lower", "estimate", "upper"]
    assert chart.count('class="chart__marker') == 3
    assert "▶ mindst eller over" in chart and "◀ højst" in chart and "├┤ ca." in chart
    assert "mindst 100 deltagere" in chart and "ca. 70 deltagere" in chart
    assert "Aarhus 2016</a>" in chart and ">Thisted</a>" in chart
    assert "3 af 4 resultater er en grænse eller et skøn" in html
    for direction, expected in [
        # By the period's end, a partial date as its first day; no period last either way.
        ("asc", ["2015 – juni 2016", "1. januar 2017 – 14. september 2017", "pr. februar 2018"]),
        ("desc", ["pr. februar 2018", "1. januar 2017 – 14. september 2017", "2015 – juni 2016"]),
    ]:
        table = get(f"/metoder/smaajobs/?sort=period&dir={direction}")
        table = table[table.index("comparison-table") :]
        table = table[table.index("<tbody>") : table.index("</tbody>")]
        periods = re.findall(r'<td class="comparison-table__period">([^<]*?)\s*</td>', table)
        assert periods == [*expected, "–"], direction


def test_the_year_facet_knows_the_year_and_an_undated_story_has_none(corpus):
    data = Client().get("/api/search/").json()
    years = {v["value"]: v["count"] for v in data["facets"]["year"]}
    assert years == {"2018": 1, "2017": 1, "2016": 1}
    dates = {r["slug"]: r["date"] for r in data["results"]}
    assert dates == {
        "aarhus-aar": "2016",
        "vejle-maaned": "2018-02",
        "odense-dag": "2017-09-14",
        "thisted-udateret": None,
    }
    assert [r["slug"] for r in data["results"]] == STORY_ORDER
    aarhus = next(r for r in data["results"] if r["slug"] == "aarhus-aar")["outcomes"][0]
    assert (aarhus["from"], aarhus["to"], aarhus["qualifier"]) == ("2015", "2016-06", "at_least")
    assert aarhus["text"] == "mindst 100 deltagere" and aarhus["period"] == "2015 – juni 2016"
    assert Client().get("/api/search/?year=2016").json()["count"] == 1
    html = get("/search/")
    assert '<time datetime="2016">2016</time>' in html and "udateret · " in html
    for claim in NEVER:
        assert claim not in str(data), claim


def test_open_data_gives_dates_as_known_and_the_qualifier_in_its_own_column(corpus):
    rows = {r["story_slug"]: r for r in Client().get("/api/outcomes/").json()["results"]}
    aarhus = rows["aarhus-aar"]
    assert (aarhus["story_date"], aarhus["from"], aarhus["to"]) == ("2016", "2015", "2016-06")
    assert (aarhus["value"], aarhus["qualifier"]) == (100, "at_least")
    assert aarhus["source"] == "Rapport, Ib Ravn, 2016"
    assert rows["thisted-udateret"]["story_date"] is None
    assert rows["odense-dag"]["qualifier"] == ""
    response = Client().get("/api/outcomes/?format=csv")
    text = response.content.decode()
    for claim in NEVER:
        assert claim not in text, claim
    by_slug = {row["story_slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert {key: by_slug["aarhus-aar"][key] for key in ("story_date", "from", "to")} == {
        "story_date": "2016",
        "from": "2015",
        "to": "2016-06",
    }
    assert [by_slug[slug]["qualifier"] for slug in STORY_ORDER] == [
        "about",
        "",
        "at_least",
        "at_most",
    ]


def test_api_v2_gives_dates_as_known(corpus):
    page = StoryPage.objects.get(slug="aarhus-aar")
    data = Client().get(f"/api/v2/pages/{page.pk}/").json()
    assert (data["date"], data["source_date"], data["source_author"]) == ("2016", "2016", "Ib Ravn")
    outcome = data["outcomes"][0]
    assert (outcome["from"], outcome["to"], outcome["qualifier"]) == ("2015", "2016-06", "at_least")
    undated = StoryPage.objects.get(slug="thisted-udateret")
    assert Client().get(f"/api/v2/pages/{undated.pk}/").json()["date"] is None
    listing = get("/api/v2/pages/?type=stories.StoryPage&fields=date,source_date,outcomes")
    assert '"date": "2018-02"' in listing or '"date":"2018-02"' in listing


def test_feeds_date_an_item_only_to_the_day_and_say_the_rest_in_words(corpus):
    channel = ET.fromstring(get("/feeds/historier/")).find("channel")
    items = {item.findtext("title").split()[-1]: item for item in channel.findall("item")}
    assert list(items) == STORY_ORDER
    assert items["odense-dag"].findtext("pubDate") == "Thu, 14 Sep 2017 00:00:00 +0200"
    for slug, words in [
        ("aarhus-aar", "Dato: 2016"),
        ("vejle-maaned", "Dato: februar 2018"),
        ("thisted-udateret", "Dato: udateret"),
    ]:
        assert items[slug].find("pubDate") is None, slug
        assert words in items[slug].findtext("description"), slug
    assert "mindst 100 deltagere (2015 – juni 2016)" in items["aarhus-aar"].findtext("description")
    atom = ET.fromstring(get("/feeds/historier/atom/"))
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    for entry in entries:
        assert entry.findtext("{http://www.w3.org/2005/Atom}updated"), "Atom needs updated"
    published = [entry.findtext("{http://www.w3.org/2005/Atom}published") for entry in entries]
    assert published == [None, "2017-09-14T00:00:00+02:00", None, None]


def test_handout_and_presentation_say_what_is_known(corpus):
    handout = get("/samlinger/praecision/udskrift/")
    assert '<time datetime="2016">2016</time>' in handout and "udateret</p>" in handout
    assert "Rapport</span>, Ib Ravn, 2016" in handout
    assert "mindst 100 deltagere" in handout and "2015 – juni 2016" in handout
    presentation = get("/samlinger/praecision/present/")
    assert "ca. 70 deltagere" in presentation and "pr. februar 2018" in presentation
    csv_text = get("/samlinger/praecision/export.csv")
    assert "højst 5 deltagere" in csv_text
