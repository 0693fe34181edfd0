"""/search/ and /api/search/: same parameters, same results; bad input never a 500."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from browse.models import RegionPage
from search.models import StoryIndexEntry
from stories.models import StoryPage


@pytest.fixture
def corpus(shared_corpus, db):
    # Every test here reads the same corpus: import it once for the module.
    return shared_corpus


pytestmark = pytest.mark.django_db


def api(client: Client, params: str):
    return client.get(f"/api/search/?{params}")


def html_slugs(response) -> list[str]:
    return re.findall(
        r'<h3 class="card__title" lang="da"><a href="/historier/[^/]+/([^/]+)/"',
        response.content.decode(),
    )


@pytest.mark.parametrize(
    "params",
    [
        "q=praktik",
        "method=virksomhedspraktik&region=1082",
        "q=mentor&sort=newest",
        "sort=rate",
        "year=2020&year=2019",
        "evidence_level=1&page=1",
        "",
    ],
)
def test_html_and_json_give_the_same_results(corpus, client, params):
    data = api(client, params).json()
    page = client.get(f"/search/?{params}")
    assert page.status_code == 200
    assert html_slugs(page) == [r["slug"] for r in data["results"]]
    assert f"{data['count']} histori" in page.content.decode()


def test_json_shape(corpus, client):
    data = api(client, "q=cykelværksted").json()
    assert set(data) >= {"count", "page", "results", "facets"}
    assert data["count"] == 1 and data["page"] == 1
    result = data["results"][0]
    assert set(result) >= {
        "slug",
        "title",
        "url",
        "teaser",
        "date",
        "municipalities",
        "region",
        "methods",
        "evidence_level",
        "outcomes",
    }
    assert result["municipalities"] == [{"code": "751", "name": "Aarhus"}]
    assert result["region"] == {"code": "1082", "name": "Region Midtjylland"}
    assert result["methods"] == ["virksomhedspraktik"]
    outcome = result["outcomes"][0]
    assert (outcome["value"], outcome["of"], outcome["rate"]) == (5, 10, 0.5)
    assert "<mark>cykelværkstederne</mark>" in result["snippet"]
    method_facet = data["facets"]["method"]
    assert {
        "value": "virksomhedspraktik",
        "label": "Virksomhedspraktik med jobperspektiv",
        "count": 1,
    } in method_facet
    assert set(data["facets"]) == {
        "method",
        "target_group",
        "region",
        "municipality",
        "indicator",
        "evidence_level",
        "year",
        "tag",  # counted only for the keywords chosen: none here
    }
    assert data["facets"]["tag"] == []


def test_the_url_is_the_shareable_state(corpus, client):
    body = client.get("/search/?q=praktik&region=1082&sort=newest").content.decode()
    assert 'name="region" value="1082" checked' in body
    assert '<option value="newest" selected>' in body
    assert "q=praktik&amp;sort=newest" in body  # the chip that removes the region filter


def test_without_javascript_the_filters_and_the_sort_are_forms_sent_by_a_button(corpus, client):
    """static/js/search-live.js applies a tick at once; without it the page is two GET forms
    whose fields are the query, each sent by its own button, as before."""
    body = client.get("/search/?q=praktik&region=1082&sort=newest").content.decode()
    page = BeautifulSoup(body, "html.parser")
    filters = page.select_one("form[data-facets-form]")
    assert (filters["method"], filters["action"]) == ("get", "/search/")
    assert [(i["name"], i["value"]) for i in filters.select("input[type=hidden]")] == [
        ("q", "praktik"),
        ("sort", "newest"),
    ]
    assert [(i["name"], i["value"]) for i in filters.select("input[type=checkbox][checked]")] == [
        ("region", "1082")
    ]
    assert filters.select_one("button[type=submit]").get_text(strip=True) == "Vis historier"
    sort = page.select_one("form[data-sort-form]")
    assert (sort["method"], sort["action"]) == ("get", "/search/")
    assert [(i["name"], i["value"]) for i in sort.select("input[type=hidden]")] == [
        ("q", "praktik"),
        ("region", "1082"),
    ]
    assert sort.select_one("select")["name"] == "sort"
    assert sort.select_one("button[type=submit]").get_text(strip=True) == "Sortér"
    assert page.select_one('script[src$="js/search-live.js"]')


def test_the_count_comes_before_the_folded_filters_and_they_before_the_results(corpus, client):
    """On a phone the filters fold into "Afgræns (n)" after the result count (the page's order
    is the reading order; portal.css puts the filters beside the results on a wide screen)."""
    page = BeautifulSoup(client.get("/search/?region=1082&year=2020").content, "html.parser")
    layout = page.select_one("[data-live-search]")
    parts = [
        child.get("id") or child.get("class")[0]
        for child in layout.find_all(recursive=False)
        if child.name != "p"
    ]
    assert parts == ["results__bar", "facets-fold", "results"]
    fold = layout.select_one("details.facets-fold")
    assert "open" not in fold.attrs  # search-live.js opens it where there is room
    assert " ".join(fold.select_one("summary").get_text().split()) == "Afgræns (2 valgt)"
    assert fold.select_one("form[data-facets-form]")
    assert layout.select_one("[role=status]").get_text() == ""
    unfiltered = BeautifulSoup(client.get("/search/").content, "html.parser")
    assert unfiltered.select_one("details.facets-fold summary").get_text(strip=True) == "Afgræns"


HOSTILE = [
    "' OR 1=1 --",
    '"; DROP TABLE stories_storypage; --',
    'småjob" OR "a',
    "NEAR(a b)",
    "a AND OR NOT",
    "title:x*",
    "*",
    '"',
    "(((",
    "^a",
    "a:b:c",
    "-",
    "&&||!",
    "<script>alert(1)</script>",
    "x" * 5000,
    "sm%C3%A5job\x00",
    "\x00\x00",
    "æøå " * 300,
    "%",
    "_",
    "\\",
    "{{ 7*7 }}",
    "🙂 småjobs",
    "\u202e reversed",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_fail(corpus, client, q):
    for url in ("/search/", "/api/search/", "/api/autocomplete/"):
        response = client.get(url, {"q": q})
        assert response.status_code in (200, 400), (url, q)
    body = client.get("/search/", {"q": q}).content.decode()
    assert "<script>alert(1)</script>" not in body


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ("sort=best", 400),
        ("page=0", 400),
        ("page=-1", 400),
        ("page=abc", 400),
        ("page=99", 200),
        ("method=ukendt", 200),
        ("evidence_level=9", 200),
        ("year=abc", 200),
        ("region=" + "x" * 500, 200),
        ("&".join(["method=a"] * 51), 400),
        ("&".join(["method=a"] * 26), 400),
        ("page=²", 400),
        ("page=" + "9" * 5000, 400),
        ("evidence_level=²", 200),
        ("year=²²²²", 200),
    ],
)
def test_bad_parameters(corpus, client, params, status):
    assert api(client, params).status_code == status
    assert client.get(f"/search/?{params}").status_code == status
    if status == 200:
        assert api(client, params).json()["results"] == []


def test_autocomplete_suggests_methods_municipalities_and_titles(corpus, client):
    labels = [r["label"] for r in client.get("/api/autocomplete/?q=sm").json()["results"]]
    assert "Småjobs" in labels
    assert "Værkstedet i Aarhus" in [
        r["label"] for r in client.get("/api/autocomplete/?q=værk").json()["results"]
    ]
    assert "Thisted" in [
        r["label"] for r in client.get("/api/autocomplete/?q=thi").json()["results"]
    ]
    assert client.get("/api/autocomplete/?q=").json() == {"results": []}


def test_unpublished_and_private_stories_never_appear(corpus, client):
    page = StoryPage.objects.get(slug="vejle-sj")
    page.unpublish()
    assert "vejle-sj" not in [r["slug"] for r in api(client, "").json()["results"]]
    page.get_latest_revision().publish()
    assert "vejle-sj" in [r["slug"] for r in api(client, "").json()["results"]]

    section = RegionPage.objects.get(region__code="1083")  # Syddanmark: Vejle and Odense
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    found = [r["slug"] for r in api(client, "").json()["results"]]
    assert "vejle-sj" not in found and "odense-andet" not in found
    restriction.delete()
    assert "vejle-sj" in [r["slug"] for r in api(client, "").json()["results"]]


def test_deleted_story_leaves_the_index(corpus, client):
    StoryPage.objects.get(slug="odense-andet").delete()
    assert not StoryIndexEntry.objects.filter(title="Coaching i Odense").exists()
    assert api(client, "q=coaching").json()["count"] == 0


def test_update_index_resyncs(corpus, client):
    StoryIndexEntry.objects.all().delete()
    assert api(client, "").json()["count"] == 0
    # The full-text rows go with their entries in the database itself.
    assert api(client, "q=tangsamler").json()["count"] == 0
    call_command("update_index", stdout=open("/dev/null", "w"))
    assert api(client, "").json()["count"] == 5
    assert api(client, "q=tangsamler").json()["count"] == 1


# Response amplification (issue 11, defect 6): every chosen value is repeated in the
# link of every facet value shown, so unknown values are dropped before they are echoed.
UNKNOWN = [f"findes-ikke-{n:02d}" for n in range(9)]


def main(response) -> str:
    """The page's own content; the language switch outside it links to the address as
    asked for, once."""
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]


def test_unknown_facet_values_are_not_echoed(corpus, client):
    chosen = "&".join(f"method={value}" for value in UNKNOWN) + "&region=1083&region=x"
    response = client.get(f"/search/?method=smaajobs&{chosen}")
    assert response.status_code == 200
    body = main(response)
    assert "findes-ikke" not in body
    assert "10 af de valgte filterværdier findes ikke" in body
    # The known value still filters as before, the unknown ones add nothing.
    assert html_slugs(response) == html_slugs(client.get("/search/?method=smaajobs"))
    answer = api(client, f"method=smaajobs&{chosen}").json()
    assert answer["unknown_filter_values"] == 10
    assert "findes-ikke" not in str(answer)
    assert [r["slug"] for r in answer["results"]] == ["vejle-sj"]


def test_a_facet_of_unknown_values_only_still_selects_nothing(corpus, client):
    response = client.get("/search/?method=findes-ikke&region=1083")
    assert response.status_code == 200 and html_slugs(response) == []
    assert "findes-ikke" not in main(response)
    assert api(client, "method=findes-ikke").json()["count"] == 0


def test_unknown_values_do_not_grow_the_page(corpus, client):
    plain = client.get("/search/")
    chosen = "&".join(
        f"{name}={value}" for name in ("method", "target_group", "tag") for value in UNKNOWN
    )
    padded = client.get(f"/search/?{chosen}")
    assert padded.status_code == 200
    # Only the one notice and the way back are added, not a link per value per value.
    assert len(padded.content) < len(plain.content) + 2_000


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("&".join(["region=1083"] * 26), "højst 25 værdier pr. filter (region)"),
        (
            "&".join(
                f"{name}={value}"
                for name in ("method", "tag", "year", "region", "indicator")
                for value in UNKNOWN
            ),
            "højst 40 filterværdier i alt",
        ),
    ],
)
def test_too_many_chosen_values_are_refused_with_a_message(corpus, client, params, message):
    assert api(client, params).json() == {"error": message}
    response = client.get(f"/search/?{params}")
    assert response.status_code == 400 and message in response.content.decode()
