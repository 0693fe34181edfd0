"""The keyword filter (`tag`, findings.filters): a story's keyword links to the stories
that share it. It is indexed and filtered like every facet, but counted only when chosen
(a keyword is shared by few stories, and there are thousands at scale)."""

import pytest
from django.test import Client

from findings.filters import matching_stories
from search.documents import FACETS, UNLISTED_FACETS
from search.engines.elasticsearch import StoryDoc, build_search
from search.query import SearchQuery
from tests.conftest import corpus_fixtures, front_matter
from tests.search.conftest import search, slugs

CORPUS = {
    "vejle-a": (
        front_matter(
            "vejle-a", "Småjobs i Vejle", "Vejle", "[smaajobs]", "2018-02-01",
            tags="[opsøgende virksomhedsarbejde, BIP]",
        ),
        "Borgerne har fået småjobs.",
    ),
    "kolding-b": (
        front_matter(
            "kolding-b", "Mentorer i Kolding", "Kolding", "[erhvervsmentorer]", "2019-02-01",
            tags="[opsøgende-virksomhedsarbejde]",  # the same keyword, written as its slug
        ),
        "Mentorerne mødes hver måned.",
    ),
    "aarhus-c": (
        front_matter(
            "aarhus-c", "Praktik i Aarhus", "Aarhus", "[virksomhedspraktik]", "2020-02-01",
            tags="[BIP, lager]",
        ),
        "Deltagerne arbejder på et lager.",
    ),
}  # fmt: skip

corpus, shared_corpus = corpus_fixtures(CORPUS)


@pytest.fixture
def stories(shared_corpus, db):
    return shared_corpus


pytestmark = pytest.mark.django_db


def test_the_keyword_is_a_filter_with_one_meaning(stories):
    assert "tag" in FACETS and "tag" in UNLISTED_FACETS
    assert slugs(tag="opsøgende-virksomhedsarbejde") == ["kolding-b", "vejle-a"]
    assert slugs(tag=["lager", "opsøgende-virksomhedsarbejde"]) == [
        "aarhus-c",
        "kolding-b",
        "vejle-a",
    ]
    assert slugs(tag="bip", method="smaajobs") == ["vejle-a"]
    assert slugs("mentorerne", tag="opsøgende-virksomhedsarbejde") == ["kolding-b"]
    assert slugs(tag="findes-ikke") == []
    # The same meaning where the filters read the database (open data, evidence map).
    filtered = matching_stories({"tag": ["bip"]}).values_list("slug", flat=True)
    assert sorted(filtered) == ["aarhus-c", "vejle-a"]


def test_keywords_are_counted_only_when_chosen(stories):
    assert search().facets["tag"] == []
    result = search(tag="bip", method="virksomhedspraktik")
    # Counted without its own filter, with the others: choosing it gives that number.
    assert result.facets["tag"] == [{"value": "bip", "label": "BIP", "count": 1, "selected": True}]
    result = search(tag=["bip", "findes-ikke"])
    assert {v["value"]: v["count"] for v in result.facets["tag"]} == {"bip": 2, "findes-ikke": 0}
    # With words and another filter the count takes the text's own path, and still only
    # the chosen keyword is counted.
    result = search("småjobs", tag="bip", method="smaajobs")
    assert [(v["value"], v["count"]) for v in result.facets["tag"]] == [("bip", 1)]


def test_the_search_page_names_the_chosen_keyword_and_the_api_answers_alike(stories):
    client = Client()
    html = client.get("/search/", {"tag": "opsøgende-virksomhedsarbejde"}).content.decode()
    assert "2 historier" in html
    assert 'Nøgleord: <span lang="da">opsøgende virksomhedsarbejde</span>' in html
    data = client.get("/api/search/", {"tag": "opsøgende-virksomhedsarbejde"}).json()
    assert data["count"] == 2
    assert data["facets"]["tag"] == [
        {"value": "opsøgende-virksomhedsarbejde", "label": "opsøgende virksomhedsarbejde",
         "count": 2}
    ]  # fmt: skip
    # Open data takes the same filter.
    rows = client.get("/api/outcomes/", {"tag": "bip"}).json()
    assert rows["count"] == 0  # the corpus has no outcomes; the filter is understood


def test_a_long_keyword_value_is_answered_not_refused(stories):
    response = Client().get("/api/search/", {"tag": "x" * 500})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_elasticsearch_maps_the_keyword_and_counts_it_only_when_chosen():
    assert StoryDoc._doc_type.mapping.to_dict()["properties"]["facet_tag"] == {"type": "keyword"}
    assert "tag" not in build_search(SearchQuery()).to_dict()["aggs"]
    body = build_search(SearchQuery(filters={"tag": ["bip"], "method": ["smaajobs"]})).to_dict()
    terms = body["aggs"]["tag"]["aggs"]["values"]["terms"]
    assert terms["field"] == "facet_tag" and terms["include"] == ["bip"]
    assert body["aggs"]["tag"]["filter"] == {
        "bool": {"filter": [{"terms": {"facet_method": ["smaajobs"]}}]}
    }
