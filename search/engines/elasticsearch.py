"""Elasticsearch through elasticsearch-dsl: the Danish analyzer for text, keyword fields for
facets counted as aggregations, the same results as the database engine.

No cluster runs here or in CI: tests check the mapping and the query bodies, and a
contract suite runs against a live cluster when ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import urllib3
from django.conf import settings
from elastic_transport import Urllib3HttpNode
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import A, Date, Document, Float, Integer, Keyword, Object, Q, Search, Text

from ..danish import snippet
from ..documents import FACETS, UNLISTED_FACETS, StoryDocument
from ..query import SearchQuery, SearchResult
from .database import assemble_facets

INDEX_NAME = getattr(settings, "ELASTICSEARCH_INDEX", "godehistorier-stories")
FACET_SIZE = 200
# Title above teaser and aliases above body, as on the database engines.
TEXT_FIELDS = ["title^4", "teaser^2", "aliases^2", "body"]


def facet_field(name: str) -> str:
    return f"facet_{name}"


class StoryDoc(Document):
    title = Text(analyzer="danish")
    teaser = Text(analyzer="danish")
    aliases = Text(analyzer="danish")
    body = Text(analyzer="danish")
    date = Date()
    evidence_level = Integer()
    best_rate = Float()
    facet_method = Keyword()
    facet_target_group = Keyword()
    facet_region = Keyword()
    facet_municipality = Keyword()
    facet_indicator = Keyword()
    facet_evidence_level = Keyword()
    facet_year = Keyword()
    facet_tag = Keyword()
    document = Object(enabled=False)

    class Index:
        name = INDEX_NAME
        settings = {"number_of_shards": 1}


def to_es(doc: StoryDocument) -> dict[str, Any]:
    body = {
        "_id": doc.story_id,
        "_index": INDEX_NAME,
        "title": doc.title,
        "teaser": doc.teaser,
        "aliases": doc.aliases,
        "body": doc.body,
        "date": doc.sort_date.isoformat(),
        "evidence_level": doc.evidence_level,
        "best_rate": doc.best_rate,
        "document": doc.document,
    }
    for name in FACETS:
        body[facet_field(name)] = sorted(doc.facets.get(name, ()))
    return body


def _filters(query: SearchQuery, exclude: str | None = None) -> list[Q]:
    return [
        Q("terms", **{facet_field(name): values})
        for name, values in query.filters.items()
        if name != exclude
    ]


def counted_facets(query: SearchQuery) -> list[str]:
    """The facets a search counts: all but the unlisted ones, which only when chosen."""
    return [name for name in FACETS if name not in UNLISTED_FACETS or name in query.filters]


def build_search(query: SearchQuery, client: Elasticsearch | None = None) -> Search:
    """The request body for a query: text match, filters as a post_filter so each facet's
    aggregation can leave out its own filter (OR within a facet, AND across)."""
    search = Search(using=client, index=INDEX_NAME)
    if query.q:
        search = search.query(
            "multi_match", query=query.q, fields=TEXT_FIELDS, operator="and", type="best_fields"
        )
    filters = _filters(query)
    if filters:
        search = search.post_filter("bool", filter=filters)
    for name in counted_facets(query):
        bucket = A("filter", Q("bool", filter=_filters(query, exclude=name)))
        terms = {"field": facet_field(name), "size": FACET_SIZE}
        if name in UNLISTED_FACETS:
            terms["include"] = query.filters[name]
        bucket.bucket("values", "terms", **terms)
        search.aggs.bucket(name, bucket)
    sort = query.effective_sort
    if sort == "relevance":
        search = search.sort("_score", {"date": {"order": "desc"}})
    elif sort == "rate":
        search = search.sort(
            {"best_rate": {"order": "desc", "missing": "_last"}}, {"date": {"order": "desc"}}
        )
    else:
        search = search.sort({"date": {"order": "desc"}})
    start = (query.page - 1) * query.per_page
    search = search.source(["document", "teaser", "body"])
    return search[start : start + query.per_page].extra(track_total_hits=True)


def node_class(connect_timeout: float, read_timeout: float) -> type[Urllib3HttpNode]:
    """The client's HTTP node with separate connect and read timeouts: the client itself
    knows one total timeout only, and a cluster that is down should cost the short
    connect timeout, not the read timeout a busy cluster deserves."""

    class ShortTimeoutNode(Urllib3HttpNode):
        def __init__(self, config):
            super().__init__(config)
            self.pool.timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)

    return ShortTimeoutNode


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url: str, connect_timeout: float = 1.0, read_timeout: float = 2.0) -> None:
        self.client = Elasticsearch(
            url, node_class=node_class(connect_timeout, read_timeout), max_retries=0
        )

    def recreate(self) -> None:
        index = StoryDoc._index.clone(using=self.client)
        if index.exists():
            index.delete()
        StoryDoc.init(using=self.client)

    def index_many(self, documents: Iterable[StoryDocument]) -> None:
        actions = [to_es(doc) for doc in documents]
        if actions:
            if not StoryDoc._index.clone(using=self.client).exists():
                StoryDoc.init(using=self.client)
            helpers.bulk(self.client, actions, refresh="wait_for")

    def delete(self, story_ids: list[int]) -> None:
        actions = [
            {"_op_type": "delete", "_index": INDEX_NAME, "_id": story_id} for story_id in story_ids
        ]
        if actions:
            helpers.bulk(self.client, actions, raise_on_error=False, refresh="wait_for")

    def search(self, query: SearchQuery) -> SearchResult:
        stems = query.stems
        response = build_search(query, self.client).execute()
        results = []
        for hit in response.hits:
            source = hit.to_dict()
            result = dict(source["document"])
            result["story_id"] = int(hit.meta.id)
            text = f"{source.get('teaser', '')} {source.get('body', '')}"
            result["snippet"] = snippet(text if stems else result["teaser"], stems)
            results.append(result)
        counts = {
            name: {
                bucket.key: bucket.doc_count
                for bucket in getattr(response.aggregations, name).values.buckets
            }
            for name in counted_facets(query)
        }
        return SearchResult(
            query, response.hits.total.value, results, assemble_facets(query, counts), self.name
        )
