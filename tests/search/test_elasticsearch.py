"""Elasticsearch: the mapping and query bodies (always), the fallback when the cluster is
unreachable (always: a real connection to a closed port), and a contract suite against a
live cluster when ELASTICSEARCH_URL is set. No cluster runs here or in CI."""

import logging
import os

import pytest
from django.test import override_settings

from search import engines
from search.engines.elasticsearch import INDEX_NAME, StoryDoc, build_search
from search.models import PendingIndexChange
from search.query import SearchQuery
from stories.models import StoryPage

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def unreachable_cluster():
    engines._elasticsearch_engine.cache_clear()
    engines._breaker.cache_clear()
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT):
        yield
    engines._elasticsearch_engine.cache_clear()
    engines._breaker.cache_clear()


def test_mapping_uses_the_danish_analyzer_and_keyword_facets():
    mapping = StoryDoc._doc_type.mapping.to_dict()["properties"]
    for field in ("title", "teaser", "aliases", "body"):
        assert mapping[field] == {"type": "text", "analyzer": "danish"}
    for facet in (
        "method",
        "target_group",
        "region",
        "municipality",
        "indicator",
        "evidence_level",
        "year",
    ):
        assert mapping[f"facet_{facet}"] == {"type": "keyword"}
    assert mapping["date"]["type"] == "date"
    assert mapping["best_rate"]["type"] == "float"
    assert mapping["document"] == {"type": "object", "enabled": False}


def test_query_body_text_filters_and_disjunctive_aggregations():
    query = SearchQuery(
        q="småjob", filters={"method": ["smaajobs", "coaching"], "region": ["1083"]}
    )
    body = build_search(query).to_dict()
    assert body["query"] == {
        "multi_match": {
            "query": "småjob",
            "operator": "and",
            "type": "best_fields",
            "fields": ["title^4", "teaser^2", "aliases^2", "body"],
        }
    }
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"facet_method": ["smaajobs", "coaching"]}},
                {"terms": {"facet_region": ["1083"]}},
            ]
        }
    }
    # The method aggregation leaves out the method filter, and keeps the region filter.
    method_agg = body["aggs"]["method"]
    assert method_agg["filter"] == {"bool": {"filter": [{"terms": {"facet_region": ["1083"]}}]}}
    assert method_agg["aggs"]["values"]["terms"]["field"] == "facet_method"
    assert body["aggs"]["region"]["filter"] == {
        "bool": {"filter": [{"terms": {"facet_method": ["smaajobs", "coaching"]}}]}
    }
    assert body["sort"] == ["_score", {"date": {"order": "desc"}}]
    assert (body["from"], body["size"]) == (0, 20)
    assert body["track_total_hits"] is True


def test_query_body_sorts_and_pages():
    rate = build_search(SearchQuery(sort="rate", page=3)).to_dict()
    assert rate["sort"] == [
        {"best_rate": {"order": "desc", "missing": "_last"}},
        {"date": {"order": "desc"}},
    ]
    assert (rate["from"], rate["size"]) == (40, 20)
    assert "query" not in rate  # no words: everything, newest first
    newest = build_search(SearchQuery(q="x")).to_dict()
    assert "post_filter" not in newest


@pytest.mark.django_db
def test_unreachable_cluster_falls_back_to_the_database(corpus, unreachable_cluster, caplog):
    with caplog.at_level(logging.WARNING, logger="search"):
        result = engines.search(SearchQuery(q="tangsamler"))
    assert result.engine == "database"
    assert [r["slug"] for r in result.results] == ["thisted-tang"]
    assert "Elasticsearch failed (ConnectionError" in caplog.text
    assert "not asked again for 30 s" in caplog.text


@pytest.mark.django_db
def test_publishing_works_while_the_cluster_is_down(
    corpus, unreachable_cluster, caplog, django_capture_on_commit_callbacks
):
    page = StoryPage.objects.get(slug="vejle-sj")
    page.title = "Nyt navn"
    with caplog.at_level(logging.WARNING, logger="search"):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
    assert StoryPage.objects.get(slug="vejle-sj").title == "Nyt navn"
    # The embedded run's tasks run at once: the push failed, the change waits in the
    # outbox for the next push or `update_index` (test_resilience.py: the worker retries).
    assert "Elasticsearch failed (ConnectionError" in caplog.text
    assert PendingIndexChange.objects.get(story_id=page.pk).attempts == 1
    assert engines.search(SearchQuery(q="Nyt navn")).results[0]["slug"] == "vejle-sj"


# A live cluster ------------------------------------------------------------------
LIVE_URL = os.environ.get("ELASTICSEARCH_URL", "")
live = pytest.mark.skipif(not LIVE_URL, reason="ELASTICSEARCH_URL is not set: no cluster here")


@live
@pytest.mark.django_db
def test_contract_against_a_live_cluster(corpus):
    from search.documents import build_document
    from search.engines.elasticsearch import ElasticsearchEngine
    from search.indexing import public_stories

    es = ElasticsearchEngine(LIVE_URL)
    es.recreate()
    es.index_many(build_document(page) for page in public_stories())
    assert es.client.indices.exists(index=INDEX_NAME)
    for word, slug in [
        ("småjob", "vejle-sj"),
        ("cykelværksted", "aarhus-cykel"),
        ("tangsamler", "thisted-tang"),
        ("mentor", "skanderborg-mentor"),
    ]:
        assert slug in [r["slug"] for r in es.search(SearchQuery(q=word)).results], word
    database = engines.database_engine()
    for filters in ({}, {"region": ["1082"]}, {"method": ["virksomhedspraktik", "coaching"]}):
        ours, theirs = (
            database.search(SearchQuery(filters=filters)),
            es.search(SearchQuery(filters=filters)),
        )
        assert theirs.count == ours.count
        assert {k: [(v["value"], v["count"]) for v in vs] for k, vs in theirs.facets.items()} == {
            k: [(v["value"], v["count"]) for v in vs] for k, vs in ours.facets.items()
        }
    es.delete([StoryPage.objects.get(slug="vejle-sj").pk])
    assert "vejle-sj" not in [r["slug"] for r in es.search(SearchQuery()).results]
