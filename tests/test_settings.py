import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

from tests.conftest import REPO


def test_an_empty_database_url_means_the_embedded_sqlite_database():
    env = {**os.environ, "DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def _sqlite_file_connection(path):
    """A fresh connection, configured as the portal's, to a SQLite file (the test
    database lives in memory, where SQLite locks differently)."""
    handler = ConnectionHandler({"default": {**connection.settings_dict, "NAME": str(path)}})
    return handler["default"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")
def test_two_requests_writing_at_once_on_sqlite_wait_for_each_other(tmp_path, django_db_blocker):
    # As in the story editor: one request reads and then writes in a transaction (a story
    # submitted) while another writes (the editing-session ping) at the same moment.
    path = tmp_path / "db.sqlite3"
    errors = []

    def request(text: str, read_first: bool) -> None:
        db = _sqlite_file_connection(path)
        try:
            # What transaction.atomic() does on a connection of its own.
            db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with db.cursor() as cursor:
                if read_first:
                    cursor.execute("SELECT count(*) FROM note")
                    other.start()
                    time.sleep(0.3)  # the other request writes meanwhile
                cursor.execute("INSERT INTO note VALUES (%s)", [text])
            db.commit()
        except Exception as error:  # reported by the assertion below
            errors.append(repr(error))
        finally:
            db.close()

    other = threading.Thread(target=request, args=("ping", False))
    with django_db_blocker.unblock():  # a scratch file, not the test database
        setup = _sqlite_file_connection(path)
        with setup.cursor() as cursor:
            cursor.execute("CREATE TABLE note (text TEXT)")
        setup.close()
        request("submitted", read_first=True)
        other.join(timeout=10)
        check = _sqlite_file_connection(path)
        with check.cursor() as cursor:
            cursor.execute("SELECT text FROM note ORDER BY text")
            written = [row[0] for row in cursor.fetchall()]
        check.close()
    assert errors == []
    assert written == ["ping", "submitted"]


def test_a_public_address_that_is_not_one_stops_the_start_with_its_name():
    env = {
        **os.environ,
        "PORTAL_BASE_URL": "portal.example.dk/gode-historier",
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "PORTAL_BASE_URL must be a site's address such as https://portal.example.dk" in (
        result.stderr
    )


# The environment README.md's "Production" section documents as the least a server needs.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "kT3vQ9zR1mW7pL5xN2bY8cF4hJ6dS0gA-e_uI3oP9rT1yU5wQ7zX2cV4bN6mK8jH",
    "ALLOWED_HOSTS": "gode-historier.example.dk",
    "PORTAL_BASE_URL": "https://gode-historier.example.dk",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "EMAIL_HOST": "smtp.example.dk",
}
# Variables of the shell the tests run in that would change what production reads.
PRODUCTION_VARIABLES = {
    "DEBUG",
    "CACHE_URL",
    "ELASTICSEARCH_URL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "WAGTAILADMIN_BASE_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "LOG_LEVEL",
}


def production(*args: str, unset: tuple[str, ...] = (), **extra: str):
    env = {
        **{k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES},
        **PRODUCTION_ENV,
        **extra,
    }
    for name in unset:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_the_documented_environment():
    result = production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing, message",
    [
        ("SECRET_KEY", "SECRET_KEY must be set in the environment for production."),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set in the environment for production."),
        ("PORTAL_BASE_URL", "PORTAL_BASE_URL must be set in the environment for production"),
    ],
)
def test_production_refuses_to_start_without_a_required_variable(missing, message):
    result = production("-c", "import portal.wsgi", unset=(missing,))
    assert result.returncode != 0
    assert message in result.stderr
    deploy = production(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", unset=(missing,)
    )
    assert deploy.returncode != 0


def test_production_settings_are_https_only_with_flagged_cookies():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name) for name in ["
        "'DEBUG', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', "
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'LANGUAGE_COOKIE_SECURE', "
        "'LANGUAGE_COOKIE_HTTPONLY', 'LANGUAGE_COOKIE_SAMESITE', 'WAGTAILADMIN_BASE_URL']}))"
    )
    result = production("-c", script)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        # Not the embedded run's http://127.0.0.1:8000.
        "WAGTAILADMIN_BASE_URL": "https://gode-historier.example.dk",
    }


def test_production_logs_one_json_object_a_line():
    script = (
        "import django, logging; django.setup()\n"
        "logging.getLogger('stories').info('Importeret: %s', 'vejle-smaajobs')\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('django.request').exception('Fejl i\\nto linjer')\n"
    )
    result = production("-c", script)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert len(entries) == 2
    assert entries[0]["level"] == "INFO"
    assert entries[0]["logger"] == "stories"
    assert entries[0]["message"] == "Importeret: vejle-smaajobs"
    assert entries[0]["time"].endswith("+00:00")
    assert entries[1]["level"] == "ERROR"
    assert entries[1]["message"] == "Fejl i\nto linjer"
    assert "ZeroDivisionError" in entries[1]["exception"]


def test_static_files_are_served_by_whitenoise_under_hashed_names(tmp_path):
    collected = production(
        "manage.py", "collectstatic", "--noinput", "-v0", STATIC_ROOT=str(tmp_path)
    )
    assert collected.returncode == 0, collected.stderr
    script = (
        "import django; django.setup(); from django.templatetags.static import static; "
        "from django.test import Client; url = static('css/portal.css'); print(url); "
        "r = Client(HTTP_HOST='gode-historier.example.dk').get(url, secure=True); "
        "print(r.status_code, r.headers['Cache-Control'])"
    )
    result = production("-c", script, STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    url, answer = result.stdout.strip().splitlines()
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url)
    assert answer == "200 max-age=315360000, public, immutable"


def test_the_gunicorn_config_loads():
    result = production("-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py", "portal.wsgi")
    assert result.returncode == 0, result.stdout + result.stderr


def test_media_in_a_bucket_without_django_storages_installed_is_refused_clearly():
    if importlib.util.find_spec("storages") is not None:
        pytest.skip("django-storages is installed here")
    result = production("-c", "import portal.wsgi", AWS_STORAGE_BUCKET_NAME="portal-media")
    assert result.returncode != 0
    assert 'pip install "django-storages[s3]"' in result.stderr
