"""`make backup` and `make restore`: a real backup of a real database (PostgreSQL when the
suite runs on it, SQLite otherwise), restored with the real commands in a separate process,
as an operator runs them."""

import json
from pathlib import Path

import pytest
from django.db import connection

from portal.backups import MANIFEST, BackupError, Manifest, check_backup
from tests.conftest import minimal
from tests.installations import Installation

pytestmark = pytest.mark.django_db


@pytest.fixture
def installation(tmp_path, story_dir):
    site = Installation(tmp_path, "backup_src").seed_from_test_database()
    story_dir.write("a.md", minimal("backup-a", municipality="Vejle"))
    story_dir.write("b.md", minimal("backup-b", municipality="Kolding"))
    imported = site.manage("import_stories", str(story_dir.path), "--publish")
    assert imported.returncode == 0, imported.stderr
    (site.media / "original_images").mkdir()
    (site.media / "original_images" / "foto.jpg").write_bytes(b"not really a jpeg")
    yield site
    site.drop()


def backup_folder(output: str, parent: Path) -> Path:
    folders = [path for path in parent.iterdir() if path.name.startswith("portal-")]
    assert len(folders) == 1, output
    return folders[0]


def test_backup_then_restore_over_a_changed_database(installation, tmp_path):
    made = installation.manage("backup_portal", "--to", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    folder = backup_folder(made.stdout, tmp_path / "backups")
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["counts"]["stories"] == 2
    assert manifest["engine"] == connection.vendor
    assert "Sikkerhedskopi:" in made.stdout

    # The day after: a story deleted, an image file lost.
    deleted = installation.manage(
        "shell",
        "-c",
        "from stories.models import StoryPage; StoryPage.objects.get(slug='backup-b').delete()",
    )
    assert deleted.returncode == 0, deleted.stderr
    (installation.media / "original_images" / "foto.jpg").unlink()

    # Over a database with content, only when asked: refused and nothing changed.
    refused = installation.manage("restore_portal", str(folder))
    assert refused.returncode == 1
    assert "--replace" in refused.stderr
    assert installation.count_stories()["slugs"] == ["backup-a"]

    restored = installation.manage("restore_portal", str(folder), "--replace")
    assert restored.returncode == 0, restored.stderr
    assert "Gendannet" in restored.stdout
    after = installation.count_stories()
    assert after == {"slugs": ["backup-a", "backup-b"], "status": 200}
    assert (
        installation.media / "original_images" / "foto.jpg"
    ).read_bytes() == b"not really a jpeg"


def test_restore_into_a_new_empty_database(installation, tmp_path):
    """The disaster case: a new server, an empty database, the backup folder."""
    made = installation.manage("backup_portal", "--to", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    folder = backup_folder(made.stdout, tmp_path / "backups")
    fresh = Installation(tmp_path, "backup_new").create_empty()
    try:
        restored = fresh.manage("restore_portal", str(folder))
        assert restored.returncode == 0, restored.stderr
        assert fresh.count_stories() == {"slugs": ["backup-a", "backup-b"], "status": 200}
        assert (fresh.media / "original_images" / "foto.jpg").is_file()
    finally:
        fresh.drop()


def test_a_damaged_backup_is_refused_and_nothing_changes(installation, tmp_path):
    made = installation.manage("backup_portal", "--to", str(tmp_path / "backups"))
    folder = backup_folder(made.stdout, tmp_path / "backups")
    manifest = Manifest.read(folder)
    dump = folder / manifest.database_file
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
    deleted = installation.manage(
        "shell",
        "-c",
        "from stories.models import StoryPage; StoryPage.objects.get(slug='backup-b').delete()",
    )
    assert deleted.returncode == 0, deleted.stderr

    refused = installation.manage("restore_portal", str(folder), "--replace")
    assert refused.returncode == 1
    assert "beskadiget" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert installation.count_stories()["slugs"] == ["backup-a"]


def write_manifest(folder: Path, **changes) -> Path:
    folder.mkdir()
    (folder / "database.sqlite3").write_bytes(b"x")
    data = {
        "created": "2026-12-01T10:00:00+00:00",
        "engine": connection.vendor,
        "database_file": "database.sqlite3",
        "media_file": None,
        "migrations": ["stories.0001_initial"],
        "counts": {"stories": 0},
        "sha256": {
            "database.sqlite3": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
        },
        "format": 1,
        **changes,
    }
    (folder / MANIFEST).write_text(json.dumps(data))
    return folder


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"engine": "mysql"}, "samme databasetype"),
        ({"migrations": ["stories.9999_from_the_future"]}, "nyere udgave"),
        ({"sha256": {"database.sqlite3": "0" * 64}}, "beskadiget"),
        ({"format": 7}, "format 7"),
        ({"database_file": "missing.sqlite3"}, "mangler"),
    ],
)
def test_check_backup_says_what_is_wrong(tmp_path, changes, message):
    folder = write_manifest(tmp_path / "portal-x", **changes)
    with pytest.raises(BackupError, match=message):
        check_backup(folder)


def test_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="findes ikke"):
        check_backup(tmp_path / "nowhere")
    with pytest.raises(BackupError, match="manifest.json mangler"):
        check_backup(tmp_path)
    (tmp_path / MANIFEST).write_text("{not json")
    with pytest.raises(BackupError, match="kan ikke læses"):
        check_backup(tmp_path)
