"""A scratch installation beside the test database (a database seeded with its schema
and page tree, and a media folder) that commands run against in subprocesses, as an
operator runs them: for the backup, restore and killed-import tests."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.db import connection

from tests.conftest import REPO


def psql(sql: str) -> None:
    environment = {**os.environ, **libpq()}
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql],
        env=environment,
        check=True,
        capture_output=True,
    )


def libpq() -> dict[str, str]:
    conf = connection.settings_dict
    return {
        key: str(value)
        for key, value in (
            ("PGHOST", conf["HOST"]),
            ("PGPORT", conf["PORT"]),
            ("PGUSER", conf["USER"]),
            ("PGPASSWORD", conf["PASSWORD"]),
        )
        if value
    }


class Installation:
    """A scratch database and media folder beside the test database, seeded with the
    test database's schema and page tree, that commands run against in subprocesses."""

    def __init__(self, tmp_path: Path, name: str):
        self.tmp_path = tmp_path
        self.media = tmp_path / f"media-{name}"
        self.media.mkdir()
        if connection.vendor == "postgresql":
            self.database = f"{connection.settings_dict['NAME']}_{name}"
            conf = connection.settings_dict
            host = conf["HOST"] or "127.0.0.1"
            port = conf["PORT"] or 5432
            auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf["PASSWORD"] else "")
            self.url = f"postgres://{auth}@{host}:{port}/{self.database}"
        else:
            self.database = str(tmp_path / f"{name}.sqlite3")
            self.url = f"sqlite:///{self.database}"

    def create_empty(self) -> "Installation":
        if connection.vendor == "postgresql":
            psql(f'DROP DATABASE IF EXISTS "{self.database}"')
            psql(f'CREATE DATABASE "{self.database}"')
        return self

    def seed_from_test_database(self) -> "Installation":
        """The test database as committed (migrated, with the page tree), copied."""
        if connection.vendor == "postgresql":
            self.create_empty()
            dump = self.tmp_path / "seed.pgdump"
            environment = {**os.environ, **libpq()}
            subprocess.run(
                [
                    "pg_dump",
                    "-Fc",
                    "--no-owner",
                    f"--file={dump}",
                    connection.settings_dict["NAME"],
                ],
                env=environment,
                check=True,
            )
            subprocess.run(
                ["pg_restore", "--no-owner", f"--dbname={self.database}", str(dump)],
                env=environment,
                check=True,
            )
        else:
            # The test's own connection, inside the test's transaction: SQLite's backup
            # API would wait forever for that transaction; a dump reads through it.
            connection.ensure_connection()
            target = sqlite3.connect(self.database)
            target.executescript("\n".join(connection.connection.iterdump()))
            target.close()
        return self

    def drop(self) -> None:
        if connection.vendor == "postgresql":
            psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def environment(self, **extra: str) -> dict[str, str]:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media),
            **extra,
        }
        environment.pop("ELASTICSEARCH_URL", None)
        return environment

    def manage(self, *arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=REPO,
            env=self.environment(),
            capture_output=True,
            text=True,
        )

    def start(self, *arguments: str, **extra: str) -> subprocess.Popen:
        """A command running in the background, to be watched and killed."""
        return subprocess.Popen(
            [sys.executable, "manage.py", *arguments],
            cwd=REPO,
            env=self.environment(**extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def writing_transaction_open(self, application_name: str) -> bool:
        """Has that process begun writing in a transaction it has not committed?"""
        if connection.vendor == "postgresql":
            result = subprocess.run(
                [
                    "psql",
                    "-At",
                    "-d",
                    self.database,
                    "-c",
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                    f"'{application_name}' AND backend_xid IS NOT NULL",
                ],
                env={**os.environ, **libpq()},
                capture_output=True,
                text=True,
                check=True,
            )
            return result.stdout.strip() not in ("", "0")
        # SQLite writes a rollback journal beside the file from a transaction's first
        # write until its commit.
        return Path(self.database + "-journal").exists()

    def count_stories(self) -> dict:
        result = self.manage(
            "shell",
            "-c",
            "import json; from stories.models import StoryPage; "
            "from django.test import Client; "
            "p = StoryPage.objects.live().order_by('slug').first(); "
            "print(json.dumps({'slugs': sorted(StoryPage.objects.values_list('slug', flat=True)),"
            " 'status': Client(HTTP_HOST='localhost').get(p.url).status_code if p else None}))",
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])
