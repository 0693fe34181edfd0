import pytest

from search.documents import FACETS
from tests.search.conftest import search, slugs


@pytest.fixture
def corpus(shared_corpus, db):
    # Every test here reads the same corpus: import it once for the module.
    return shared_corpus


pytestmark = pytest.mark.django_db


def counts(result, name):
    return {v["value"]: v["count"] for v in result.facets[name]}


def test_facets_count_the_matching_stories(corpus):
    result = search()
    assert result.count == 5
    assert counts(result, "method")["virksomhedspraktik"] == 2
    assert counts(result, "region") == {"1081": 1, "1082": 2, "1083": 2}
    assert counts(result, "year")["2020"] == 1
    assert counts(result, "indicator")["ordinaert-job"] == 2
    assert counts(result, "evidence_level") == {"1": 4, "2": 1}
    assert counts(result, "municipality")["751"] == 1  # Aarhus
    method = {v["value"]: v["label"] for v in result.facets["method"]}
    assert method["smaajobs"] == "Småjobs"


def test_each_value_count_equals_the_results_when_chosen(corpus):
    """Counts add up: choosing a value gives exactly the number shown beside it."""
    base = search()
    for name in FACETS:
        for value in base.facets[name]:
            assert search(**{name: value["value"]}).count == value["count"], (name, value)


def test_or_within_a_facet_and_across_facets(corpus):
    assert set(slugs(method=["smaajobs", "coaching"])) == {"vejle-sj", "odense-andet"}
    assert slugs(method=["virksomhedspraktik"], region=["1081"]) == ["thisted-tang"]


def test_a_facets_counts_ignore_its_own_filter_but_respect_the_others(corpus):
    result = search(region="1082")  # Midtjylland: Aarhus and Skanderborg
    assert result.count == 2
    # region counts still show the other regions, to widen the choice
    assert counts(result, "region")["1081"] == 1
    # method counts are narrowed by the region filter
    assert counts(result, "method") == {"virksomhedspraktik": 1, "erhvervsmentorer": 1}


def test_text_and_facets_together(corpus):
    result = search("praktik")
    assert counts(result, "method").get("virksomhedspraktik", 0) == result.count


def test_unknown_values_give_an_empty_result(corpus):
    result = search(method="findes-ikke")
    assert result.count == 0 and result.results == []
    chosen = [v for v in result.facets["method"] if v["selected"]]
    assert chosen == [
        {"value": "findes-ikke", "label": "findes-ikke", "count": 0, "selected": True}
    ]


def test_sort_by_highest_rate_puts_stories_without_a_base_last(corpus):
    order = slugs(sort="rate")
    assert order[:2] == ["aarhus-cykel", "thisted-tang"]  # 50 % then 25 %


def test_pagination(corpus):
    from search.engines import database_engine
    from search.query import SearchQuery

    query = SearchQuery(per_page=2, page=3)
    result = database_engine().search(query)
    assert result.count == 5 and result.num_pages == 3
    assert len(result.results) == 1
    assert result.first_number == 5  # the list on page 3 goes on from 4 results before
    assert database_engine().search(SearchQuery(per_page=2, page=9)).results == []
