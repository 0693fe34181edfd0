import os
import subprocess
import sys

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
