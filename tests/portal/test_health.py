"""The health probes (/healthz, /readyz) as a load balancer asks them: over plain HTTP,
with whatever Host it likes, and against real services that are up or down."""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from tests.conftest import REPO

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A port on this machine where nothing listens (bound, then let go)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_answers_200_json_for_the_process():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    assert json.loads(response.content) == {"status": "ok"}


def test_readyz_answers_200_when_the_database_answers():
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": {"status": "ok"}},
    }


def test_probes_answer_any_host_over_plain_http_in_production():
    # A probe names the server's own address and is not redirected to HTTPS; any other
    # request from it is (production's SECURE_SSL_REDIRECT) or refused (ALLOWED_HOSTS).
    with override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["portal.example.dk"]):
        client = Client(HTTP_HOST="10.1.2.3:8000")
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200
        assert client.get("/").status_code == 400
        assert Client(HTTP_HOST="portal.example.dk").get("/").status_code == 301


def test_readyz_is_degraded_but_ready_when_the_search_cluster_does_not_answer():
    # Search falls back to the database, so the portal still serves: 200, "degraded".
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port()}"):
        response = Client().get("/readyz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["search_cluster"]["status"] == "unreachable"
    # The kind of error, not its text (which names hosts and ports).
    assert "127.0.0.1" not in response.content.decode()


def test_readyz_is_degraded_not_down_when_the_shared_cache_does_not_answer():
    """Pages are served without Redis (built anew), so the server stays in rotation."""
    cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            # As portal.settings.base configures Redis.
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    with override_settings(
        CACHE_URL=cache["default"]["LOCATION"], CACHES=cache, PAGE_CACHE_SECONDS=300
    ):
        response = Client().get("/readyz")
        # The pages are indeed served, through the page cache that cannot reach Redis.
        assert Client().get("/").status_code == 200
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "error"


def test_readyz_answers_503_when_the_database_is_unreachable():
    # A real PostgreSQL address where nothing listens, in a process of its own.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://portal@127.0.0.1:{closed_port()}/portal",
    }
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/readyz'); print(r.status_code); print(r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split("\n", 1)
    assert status == "503"
    answer = json.loads(body)
    assert answer["status"] == "unavailable"
    assert answer["checks"]["database"] == {"status": "error", "error": "OperationalError"}
