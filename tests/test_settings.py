import os
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
