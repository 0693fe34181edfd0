"""Collection files: read with the same reader base as story files, written all or
nothing into the collections section."""

import pytest
from django.core.management import CommandError, call_command

from curation.models import CollectionPage, CollectionsIndexPage
from storyfiles.collection_files import read_collection_files, write_collections
from storyfiles.story_files import import_stories
from tests.conftest import minimal

pytestmark = pytest.mark.django_db

GOOD = """\
title: Den gode histories dag
event_name: Konference
event_place: Kolding
curator: Beskæftigelsesregion Syddanmark
event_date: 2007-05-01
intro: Historier fra dagen.
items:
  - story: test-historie
    note: Fortalt om formiddagen.
  - method: smaajobs
"""


@pytest.fixture
def collection_dir(site, story_dir, tmp_path_factory):
    story_dir.write("story.md", minimal())
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    return tmp_path_factory.mktemp("collections")


def read(path):
    return read_collection_files([str(path)])


def test_a_collection_keeps_its_order_and_notes(collection_dir):
    file = collection_dir / "dag.yaml"
    file.write_text(GOOD, encoding="utf-8")
    collections, problems = read(file)
    assert problems == []
    write_collections(collections, publish=True)
    page = CollectionPage.objects.get(slug="den-gode-histories-dag")
    assert page.live and page.event_place == "Kolding"
    assert page.curator == "Beskæftigelsesregion Syddanmark"
    assert page.event_date.isoformat() == "2007-05-01"
    items = list(page.items.order_by("sort_order"))
    assert [(i.story.slug if i.story else None, i.method_id is not None) for i in items] == [
        ("test-historie", False),
        (None, True),
    ]
    assert items[0].note == "Fortalt om formiddagen."


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (GOOD.replace("test-historie", "findes-ikke"), 8, "historien 'findes-ikke' findes ikke"),
        (GOOD.replace("method: smaajobs", "method: smajobs"), 10, "ukendt metode 'smajobs'"),
        (GOOD + "  - {story: test-historie, method: smaajobs}\n", 11, "angiv enten story"),
        (GOOD.replace("2007-05-01", "1. maj 2007"), 5, "ugyldig dato"),
        (GOOD.replace("intro:", "intro_x:"), 6, "ukendt felt 'intro_x'"),
        (GOOD.replace("title: Den", 'title: "a\\x00b" #'), 1, "NUL-tegn"),
        ("- bare en liste\n", 1, "skal være en samling af felter"),
        ("title: [unclosed\n", 2, "ugyldig YAML"),
        ("title: !!python/name:os.system\n", 1, "afvises"),
        (GOOD + "more: &x [a, b]\nagain: *x\n", 11, "YAML-ankre (&x) er ikke tilladt"),
        ("items: " + "[" * 3000 + "]" * 3000 + "\n", 1, "indlejret mere end 20 niveauer"),
    ],
)
def test_each_refusal_names_file_line_and_problem(collection_dir, content, line, words):
    file = collection_dir / "bad.yaml"
    file.write_text(content, encoding="utf-8")
    _collections, problems = read(file)
    assert any(
        str(problem).startswith(f"{file}:{line}: ") and words in str(problem)
        for problem in problems
    ), [str(p) for p in problems]


def test_invalid_utf8_is_refused_like_a_story_file(collection_dir):
    file = collection_dir / "latin1.yaml"
    file.write_bytes(b"title: caf\xe9\n")
    _collections, problems = read(file)
    assert [str(p) for p in problems] == [f"{file}:1: filen er ikke gyldig UTF-8 (byte 0xe9)"]


def test_the_command_writes_nothing_when_one_file_is_bad(collection_dir, capsys):
    (collection_dir / "a.yaml").write_text(GOOD, encoding="utf-8")
    (collection_dir / "b.yaml").write_text(GOOD.replace("test-historie", "nej"), encoding="utf-8")
    with pytest.raises(CommandError, match="intet er skrevet"):
        call_command("import_collections", str(collection_dir), "--publish")
    assert "historien 'nej' findes ikke" in capsys.readouterr().err
    assert not CollectionPage.objects.exists()


def test_without_the_page_tree_the_import_says_to_build_it(collection_dir):
    CollectionsIndexPage.objects.all().delete()
    file = collection_dir / "dag.yaml"
    file.write_text(GOOD, encoding="utf-8")
    _collections, problems = read(file)
    assert any("kør 'python manage.py setup_portal'" in str(p) for p in problems)
