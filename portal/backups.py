"""Backups of the portal, and their restore (`make backup`, `make restore`).

A backup is one folder: the database (PostgreSQL's custom-format `pg_dump`, or a copy of
the SQLite file made with SQLite's own backup API, so a running portal can be backed up),
the media files as a tar archive, and `manifest.json` with each file's SHA-256, the
migrations the database had and a count of what it held. A restore checks all of that
before it touches anything, replaces the database in one transaction (PostgreSQL) or one
rename (SQLite), swaps the media folder by renames, runs `migrate` (a backup from an
older release is brought up to date) and `update_index` (the search indexes are not in
the backup's trust: they are rebuilt), and then counts again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
FORMAT = 1


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why, in Danish."""


@dataclass
class Manifest:
    created: str
    engine: str  # "postgresql" or "sqlite"
    database_file: str
    media_file: str | None
    migrations: list[str]
    counts: dict[str, int]
    sha256: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT

    def write(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(json.dumps(self.__dict__, indent=2, ensure_ascii=False))

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.is_file():
            raise BackupError(f"{folder} er ikke en sikkerhedskopi: {MANIFEST} mangler.")
        try:
            data = json.loads(path.read_text())
            manifest = cls(**data)
        except (ValueError, TypeError) as error:
            raise BackupError(f"{path} kan ikke læses: {error}") from error
        if manifest.format != FORMAT:
            raise BackupError(
                f"{path} har format {manifest.format}; denne version læser format {FORMAT}."
            )
        return manifest


def engine_of(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Databasetypen {vendor} kan ikke sikkerhedskopieres af portalen.")
    return vendor


def applied_migrations(alias: str = "default") -> list[str]:
    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.applied_migrations)


def content_counts(alias: str = "default") -> dict[str, int]:
    """What the database holds, counted in SQL so the same query works on a database that
    Django is not connected to as its default (see restore's check)."""
    queries = {
        "pages": "SELECT COUNT(*) FROM wagtailcore_page",
        "stories": "SELECT COUNT(*) FROM stories_storypage",
        "live_stories": (
            "SELECT COUNT(*) FROM stories_storypage s JOIN wagtailcore_page p "
            "ON p.id = s.page_ptr_id WHERE p.live"
        ),
        "outcomes": "SELECT COUNT(*) FROM stories_outcome",
        "images": "SELECT COUNT(*) FROM wagtailimages_image",
        "users": "SELECT COUNT(*) FROM auth_user",
    }
    with connections[alias].cursor() as cursor:
        counts = {}
        for name, sql in queries.items():
            cursor.execute(sql)
            counts[name] = cursor.fetchone()[0]
    return counts


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def postgres_environment(alias: str = "default") -> dict[str, str]:
    """libpq's environment for pg_dump/pg_restore: the password never on a command line."""
    conf = connections[alias].settings_dict
    environment = dict(os.environ)
    for key, value in (
        ("PGHOST", conf.get("HOST")),
        ("PGPORT", conf.get("PORT")),
        ("PGUSER", conf.get("USER")),
        ("PGPASSWORD", conf.get("PASSWORD")),
        ("PGDATABASE", conf.get("NAME")),
    ):
        if value:
            environment[key] = str(value)
    return environment


def run_tool(arguments: list[str], environment: dict[str, str]) -> None:
    if shutil.which(arguments[0]) is None:
        raise BackupError(
            f"{arguments[0]} findes ikke på PATH; installér PostgreSQL's klientværktøjer "
            "(Debian: apt-get install postgresql-client) i samme version som serveren."
        )
    result = subprocess.run(arguments, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{arguments[0]} fejlede: {result.stderr.strip()}")


def media_root() -> Path | None:
    """The media folder on disk, or None when media lives in object storage (S3), which
    is backed up by the bucket's own versioning, not by this folder."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None


def make_backup(parent: Path, alias: str = "default") -> tuple[Path, Manifest]:
    """A new backup folder under parent, named by the time; returns it and its manifest."""
    engine = engine_of(alias)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    parent.mkdir(parents=True, exist_ok=True)
    folder = parent / f"portal-{stamp}"
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=parent))
    try:
        # The counts and migrations first, then the dump: the dump is then at least as
        # new as the manifest; a story published in between is in the dump, not counted.
        counts = content_counts(alias)
        migrations = applied_migrations(alias)
        if engine == "postgresql":
            database_file = POSTGRES_DUMP
            run_tool(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={work / database_file}",
                ],
                postgres_environment(alias),
            )
        else:
            database_file = SQLITE_COPY
            source = sqlite3.connect(connections[alias].settings_dict["NAME"])
            target = sqlite3.connect(work / database_file)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        media_file = None
        root = media_root()
        if root is not None:
            media_file = MEDIA_ARCHIVE
            with tarfile.open(work / media_file, "w:gz") as archive:
                if root.is_dir():
                    archive.add(root, arcname="media")
        manifest = Manifest(
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            engine=engine,
            database_file=database_file,
            media_file=media_file,
            migrations=migrations,
            counts=counts,
        )
        for name in filter(None, (database_file, media_file)):
            manifest.sha256[name] = sha256_of(work / name)
        manifest.write(work)
        work.rename(folder)  # a folder with a manifest is a whole backup, never half of one
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return folder, manifest


def check_backup(folder: Path, alias: str = "default") -> Manifest:
    """The backup's manifest, once every file is there and whole and the backup fits this
    database and this release; BackupError otherwise, before anything is changed."""
    if not folder.is_dir():
        raise BackupError(f"Mappen {folder} findes ikke.")
    manifest = Manifest.read(folder)
    engine = engine_of(alias)
    if manifest.engine != engine:
        raise BackupError(
            f"Sikkerhedskopien er af en {manifest.engine}-database, men portalen kører nu "
            f"på {engine}. Gendan den på samme databasetype."
        )
    for name in filter(None, (manifest.database_file, manifest.media_file)):
        path = folder / name
        if not path.is_file():
            raise BackupError(f"Sikkerhedskopien er ufuldstændig: {name} mangler.")
        if sha256_of(path) != manifest.sha256.get(name):
            raise BackupError(f"{name} er beskadiget: kontrolsummen passer ikke med {MANIFEST}.")
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = sorted(set(manifest.migrations) - {f"{app}.{name}" for app, name in known})
    if unknown:
        raise BackupError(
            "Sikkerhedskopien er fra en nyere udgave af portalen (ukendte migreringer: "
            f"{', '.join(unknown[:5])}). Gendan den med den udgave, den blev taget med."
        )
    return manifest


def database_is_empty(alias: str = "default") -> bool:
    with connections[alias].cursor() as cursor:
        return not connections[alias].introspection.table_names(cursor)


def newer_than_backup(manifest: Manifest, alias: str) -> list[str]:
    """Migrations this database has and the backup lacks: restoring over them would leave
    their tables behind, and `migrate` would then fail to create them again."""
    if database_is_empty(alias):
        return []
    return sorted(set(applied_migrations(alias)) - set(manifest.migrations))


def restore_database(folder: Path, manifest: Manifest, alias: str) -> None:
    if manifest.engine == "postgresql":
        connections[alias].close()
        run_tool(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connections[alias].settings_dict['NAME']}",
                str(folder / manifest.database_file),
            ],
            postgres_environment(alias),
        )
        return
    target = Path(connections[alias].settings_dict["NAME"])
    connections[alias].close()
    incoming = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(folder / manifest.database_file, incoming)
    for suffix in ("-wal", "-shm"):  # a stale write-ahead log must not replay on the copy
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(incoming, target)


def restore_media(folder: Path, manifest: Manifest) -> None:
    root = media_root()
    if manifest.media_file is None or root is None:
        return
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-restoring-", dir=root.parent))
    try:
        with tarfile.open(folder / manifest.media_file, "r:gz") as archive:
            archive.extractall(staging, filter="data")  # no paths outside staging
        restored = staging / "media"
        restored.mkdir(exist_ok=True)
        previous = root.with_name(f".{root.name}-before-restore")
        shutil.rmtree(previous, ignore_errors=True)
        if root.exists():
            root.rename(previous)
        restored.rename(root)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@dataclass
class RestoreReport:
    manifest: Manifest
    counts: dict[str, int]


def restore_backup(
    folder: Path, *, replace: bool, alias: str = "default", stdout=None
) -> RestoreReport:
    """Restores folder into the configured database and media folder. Refuses, changing
    nothing, a backup that is incomplete, damaged, of another database type or from a newer
    release, and a database that already holds data unless replace is given."""
    manifest = check_backup(folder, alias)
    if not database_is_empty(alias):
        if not replace:
            raise BackupError(
                "Databasen er ikke tom. Gendannelsen erstatter alt i den: kør igen med "
                "--replace (make restore ... REPLACE=1), hvis det er meningen."
            )
        newer = newer_than_backup(manifest, alias)
        if newer:
            raise BackupError(
                "Databasen har migreringer, som sikkerhedskopien ikke har "
                f"({', '.join(newer[:5])}). Gendan i en ny, tom database (createdb), så "
                "bringer gendannelsen den selv op til denne udgave."
            )
    restore_database(folder, manifest, alias)
    restore_media(folder, manifest)
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    call_command("update_index", verbosity=0, stdout=stdout)
    counts = content_counts(alias)
    missing = {
        name: (expected, counts.get(name, 0))
        for name, expected in manifest.counts.items()
        if counts.get(name, 0) < expected
    }
    if missing:
        raise BackupError(
            "Gendannelsen gav færre rækker end sikkerhedskopien talte: "
            + ", ".join(f"{name} {got} af {expected}" for name, (expected, got) in missing.items())
        )
    return RestoreReport(manifest=manifest, counts=counts)
