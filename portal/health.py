"""Health probes, answered by portal.middleware.HealthCheckMiddleware.

/healthz: the process runs and answers (a liveness probe: restart it when this fails).
/readyz: it can serve pages (a readiness probe: send it traffic while this is 200). The
database must answer. The shared cache (CACHE_URL) and Elasticsearch (ELASTICSEARCH_URL)
are asked too, but the portal serves without either (pages are built anew, search
answers from the database), so one that does not answer makes the portal "degraded",
still 200: a load balancer must not take every server out because Redis or the cluster
is down.

The answers name each check's state and, for a failure, only the kind of error: the
probes are public, and an error's text can name internal hosts.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

from search.engines import elasticsearch_breaker, elasticsearch_engine

CACHE_PROBE_KEY = "portal:readyz"


def _answer(body: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def healthz() -> JsonResponse:
    return _answer({"status": "ok"})


def _failed(error: Exception) -> dict[str, str]:
    return {"status": "error", "error": type(error).__name__}


def _database() -> dict[str, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not ready"; the kind is reported
        return _failed(error)
    return {"status": "ok"}


def _cache() -> dict[str, str]:
    try:
        cache.set(CACHE_PROBE_KEY, "1", timeout=10)
        if cache.get(CACHE_PROBE_KEY) != "1":
            return {"status": "error", "error": "ValueNotStored"}
    except Exception as error:
        return _failed(error)
    return {"status": "ok"}


def _search_cluster() -> dict[str, str]:
    engine = elasticsearch_engine()
    if elasticsearch_breaker().is_open:
        # Search has just found it failing and holds it off: a probe every few seconds
        # must not wait for a hanging cluster's timeout each time.
        return {"status": "unreachable", "error": "HeldOff"}
    try:
        health = engine.client.cluster.health()
    except Exception as error:
        return {"status": "unreachable", "error": type(error).__name__}
    # "red": some of the index is missing; search then falls back to the database too.
    state = health.get("status", "")
    return {"status": "ok" if state in ("green", "yellow") else "degraded", "cluster": state}


def readyz() -> JsonResponse:
    checks = {"database": _database()}
    if settings.CACHE_URL:
        checks["cache"] = _cache()
    if settings.ELASTICSEARCH_URL:
        checks["search_cluster"] = _search_cluster()
    if checks["database"]["status"] != "ok":
        return _answer({"status": "unavailable", "checks": checks}, status=503)
    if any(check["status"] != "ok" for check in checks.values()):
        return _answer({"status": "degraded", "checks": checks})
    return _answer({"status": "ok", "checks": checks})


PROBES: dict[str, Callable[[], JsonResponse]] = {"/healthz": healthz, "/readyz": readyz}
