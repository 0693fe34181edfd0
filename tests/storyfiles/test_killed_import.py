"""An import killed half way leaves nothing (issue 11, reliability): the real importer in
another process against a scratch database, killed (SIGKILL, no clean-up) while its
transaction is writing; then not one of its stories, pages or index rows is there, and the
same import run again brings in every story."""

import json
import time

import pytest

from tests.conftest import minimal
from tests.installations import Installation

pytestmark = pytest.mark.django_db

STORIES = 120
APPLICATION = "killed-import"


def count(site: Installation) -> dict:
    result = site.manage(
        "shell",
        "-c",
        "import json; from stories.models import StoryPage; from wagtail.models import Page; "
        "from search.models import StoryIndexEntry, StoryFacet; "
        "print(json.dumps({'stories': StoryPage.objects.count(), "
        "'pages': Page.objects.filter(slug__startswith='killed-').count(), "
        "'index': StoryIndexEntry.objects.count(), 'facets': StoryFacet.objects.count()}))",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_an_import_killed_half_way_leaves_nothing(tmp_path, story_dir):
    site = Installation(tmp_path, "killed").seed_from_test_database()
    try:
        for number in range(STORIES):
            story_dir.write(
                f"s{number:03}.md",
                minimal(f"killed-{number:03}", municipality="Vejle", teaser="En historie."),
                body="Borgerne fik småjobs. " * 40,
            )
        importer = site.start(
            "import_stories", str(story_dir.path), "--publish", PGAPPNAME=APPLICATION
        )
        deadline = time.monotonic() + 300
        while not site.writing_transaction_open(APPLICATION):
            assert importer.poll() is None, (
                f"the import ended before it was seen writing: {importer.stderr.read()}"
            )
            assert time.monotonic() < deadline, "the import never began writing"
            time.sleep(0.02)
        time.sleep(1)  # well into the writing: some of the stories are written
        assert importer.poll() is None, "the import finished before it could be killed"
        importer.kill()
        importer.wait()

        assert count(site) == {"stories": 0, "pages": 0, "index": 0, "facets": 0}

        again = site.manage("import_stories", str(story_dir.path), "--publish")
        assert again.returncode == 0, again.stderr
        after = count(site)
        assert after["stories"] == after["pages"] == after["index"] == STORIES
    finally:
        site.drop()
