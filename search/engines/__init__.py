"""Which engine answers: chosen by settings, never by a view.

The database engine always exists (SQLite FTS5 or PostgreSQL); with ELASTICSEARCH_URL set,
Elasticsearch answers first, and the database engine takes over at once when it fails or
while the circuit breaker holds the cluster off after a failure.
"""

from functools import lru_cache

from django.conf import settings

from ..breaker import CircuitBreaker
from ..models import StoryIndexEntry
from ..query import SearchQuery, SearchResult
from .database import DatabaseEngine
from .elasticsearch import ElasticsearchEngine


def database_engine() -> DatabaseEngine:
    return DatabaseEngine()


@lru_cache(maxsize=1)
def _elasticsearch_engine(url: str) -> ElasticsearchEngine:
    return ElasticsearchEngine(
        url,
        connect_timeout=settings.ELASTICSEARCH_CONNECT_TIMEOUT,
        read_timeout=settings.ELASTICSEARCH_READ_TIMEOUT,
    )


def elasticsearch_engine() -> ElasticsearchEngine | None:
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    return _elasticsearch_engine(url) if url else None


@lru_cache(maxsize=1)
def _breaker(retry_after: float) -> CircuitBreaker:
    return CircuitBreaker("Elasticsearch", retry_after)


def elasticsearch_breaker() -> CircuitBreaker:
    """This process's breaker for the cluster, shared by searching and the outbox."""
    return _breaker(float(settings.ELASTICSEARCH_RETRY_AFTER))


def search(query: SearchQuery) -> SearchResult:
    if query.selects_nothing:
        # A facet chosen with unknown values only: no engine need be asked.
        return database_engine().empty(query)
    es = elasticsearch_engine()
    breaker = elasticsearch_breaker()
    if es is not None and breaker.allows():
        try:
            result = es.search(query)
        except Exception as error:  # any failure of the cluster: answer from the database
            breaker.record_failure(error)
        else:
            breaker.record_success()
            return only_public(result)
    return database_engine().search(query)


def only_public(result: SearchResult) -> SearchResult:
    """The cluster's hits checked against the database's own index, which holds exactly the
    live, public stories (written in the page's transaction): a story unpublished or made
    private while the cluster was unreachable is never shown from a stale copy, and each
    hit gets the database's current result document."""
    ids = [hit["story_id"] for hit in result.results]
    current = dict(
        StoryIndexEntry.objects.filter(story_id__in=ids).values_list("story_id", "document")
    )
    results = [
        {**current[hit["story_id"]], "snippet": hit["snippet"]}
        for hit in result.results
        if hit["story_id"] in current
    ]
    dropped = len(result.results) - len(results)
    result.results = results
    result.count = max(result.count - dropped, len(results))
    return result
