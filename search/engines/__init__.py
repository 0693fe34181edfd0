"""Which engine answers: chosen by settings, never by a view.

The database engine always exists (SQLite FTS5 or PostgreSQL); with ELASTICSEARCH_URL set,
Elasticsearch answers first and the database engine takes over when it fails.
"""

import logging
from functools import lru_cache

from django.conf import settings

from ..query import SearchQuery, SearchResult
from .database import DatabaseEngine
from .elasticsearch import ElasticsearchEngine

logger = logging.getLogger("search")


def database_engine() -> DatabaseEngine:
    return DatabaseEngine()


@lru_cache(maxsize=1)
def _elasticsearch_engine(url: str) -> ElasticsearchEngine:
    return ElasticsearchEngine(url)


def elasticsearch_engine():
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    return _elasticsearch_engine(url) if url else None


def search(query: SearchQuery) -> SearchResult:
    if query.selects_nothing:
        # A facet chosen with unknown values only: no engine need be asked.
        return database_engine().empty(query)
    es = elasticsearch_engine()
    if es is not None:
        try:
            return es.search(query)
        except Exception:
            logger.warning("Elasticsearch failed; answering from the database", exc_info=True)
    return database_engine().search(query)
