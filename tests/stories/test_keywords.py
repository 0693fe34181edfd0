"""Keywords by their names, linked to the search (issue 10, "no dead ends"): a keyword is
stored as written with its slug for the address; one slug is one keyword however it is
spelled, in a story file and in the editor alike; the migration turns the old slug-like
names into readable ones."""

import importlib
import re
from html import unescape
from urllib.parse import unquote

import pytest
from django.apps import apps
from django.test import Client
from taggit.models import Tag, TaggedItem

from stories.keywords import as_known_keywords, keyword_slug, known_spellings
from stories.models import Region, StoryPage, StoryTag
from storyfiles.story_files import import_stories
from tests.conftest import minimal, story_form

pytestmark = pytest.mark.django_db

migration = importlib.import_module("stories.migrations.0007_readable_keywords")


def test_a_keywords_slug_keeps_danish_letters():
    assert keyword_slug("Opsøgende virksomhedsarbejde") == "opsøgende-virksomhedsarbejde"
    assert keyword_slug("opsøgende-virksomhedsarbejde") == "opsøgende-virksomhedsarbejde"
    assert keyword_slug("225-timers-reglen") == "225-timers-reglen"


def test_a_written_keyword_becomes_the_existing_one_with_its_slug():
    Tag.objects.create(name="opsøgende virksomhedsarbejde")
    assert known_spellings(
        ["opsøgende-virksomhedsarbejde", "Opsøgende virksomhedsarbejde", "Ny ting", "ny-ting"]
    ) == {
        "opsøgende-virksomhedsarbejde": "opsøgende virksomhedsarbejde",
        "Opsøgende virksomhedsarbejde": "opsøgende virksomhedsarbejde",
        "Ny ting": "Ny ting",  # new: kept as written
        "ny-ting": "Ny ting",  # the same new keyword, as first written
    }
    assert as_known_keywords(
        ["Opsøgende virksomhedsarbejde", "x", "opsøgende-virksomhedsarbejde"]
    ) == [
        "opsøgende virksomhedsarbejde",
        "x",
    ]
    # Of two spellings of a new keyword, the one written as words wins, whatever the order.
    assert known_spellings(["dag-til-dag", "Dag til Dag", "DAG TIL DAG"])["dag-til-dag"] == (
        "Dag til Dag"
    )
    # Nothing a slug can hold stays a keyword of its own.
    assert as_known_keywords(["!!!", "???"]) == ["!!!", "???"]


def test_a_story_file_keeps_the_keyword_as_written_and_old_files_join_it(site, story_dir):
    story_dir.write("a.md", minimal("a", tags="[Opsøgende virksomhedsarbejde, Dag til Dag]"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    assert sorted(t.name for t in StoryPage.objects.get(slug="a").tags.all()) == [
        "Dag til Dag",
        "Opsøgende virksomhedsarbejde",
    ]
    # An older file writing the keyword as a slug gets the same keyword, not a second one.
    story_dir.write("b.md", minimal("b", tags="[opsøgende-virksomhedsarbejde, dag-til-dag]"))
    assert import_stories([str(story_dir.path / "b.md")], publish=True).problems == []
    b_tags = sorted(t.name for t in StoryPage.objects.get(slug="b").tags.all())
    assert b_tags == ["Dag til Dag", "Opsøgende virksomhedsarbejde"]
    assert Tag.objects.filter(slug__startswith="opsøgende-virksomhedsarbejde").count() == 1


def test_the_editor_joins_a_keyword_to_the_one_with_its_slug(admin_client, story_dir):
    story_dir.write("a.md", minimal("a", tags="[opsøgende virksomhedsarbejde]"))
    story_dir.write("b.md", minimal("b"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    page = StoryPage.objects.get(slug="b")
    data = story_form(page, tags="Opsøgende-virksomhedsarbejde, Nyt nøgleord")
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    draft = StoryPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert sorted(t.name for t in draft.tags.all()) == [
        "Nyt nøgleord",
        "opsøgende virksomhedsarbejde",
    ]
    assert Tag.objects.filter(slug__startswith="opsøgende-virksomhedsarbejde").count() == 1


def keyword_links(html: str) -> list[tuple[str, str]]:
    facts = html[html.index("chips--keywords") :]
    facts = facts[: facts.index("</ul>")]
    return [
        (unquote(unescape(href)), name)
        for href, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>', facts)
    ]


def test_a_story_page_shows_keywords_by_name_linked_to_the_search(site, story_dir):
    story_dir.write("a.md", minimal("a", tags="[opsøgende virksomhedsarbejde, BIP]"))
    story_dir.write("b.md", minimal("b", tags="[BIP]"))
    story_dir.write("c.md", minimal("c", tags="[andet]"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    client = Client()
    links = keyword_links(client.get(StoryPage.objects.get(slug="a").url).content.decode())
    assert sorted(links) == [
        ("/search/?tag=bip", "BIP"),
        ("/search/?tag=opsøgende-virksomhedsarbejde", "opsøgende virksomhedsarbejde"),
    ]
    # The link finds the stories that share the keyword, and only them.
    result = client.get("/api/search/", {"tag": "bip"}).json()
    assert sorted(r["slug"] for r in result["results"]) == ["a", "b"]
    html = client.get("/search/?tag=bip").content.decode()
    assert 'Nøgleord: <span lang="da">BIP</span>' in html
    # On an English page the link stays English.
    english = client.get("/en" + StoryPage.objects.get(slug="a").url).content.decode()
    assert ("/en/search/?tag=bip", "BIP") in keyword_links(english)


# The migration ---------------------------------------------------------------------
def tag_story(story: StoryPage, name: str, slug: str | None = None) -> Tag:
    tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name, slug=slug or name)
    StoryTag.objects.create(content_object=story, tag=tag)
    return tag


def test_the_migration_spells_out_slug_like_keywords_and_keeps_their_slugs(site, story_dir):
    story_dir.write("a.md", minimal("a"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    story = StoryPage.objects.get(slug="a")
    for name in (
        "opsøgende-virksomhedsarbejde",
        "små-og-mellemstore-virksomheder",
        "225-timers-reglen",  # a digit: written with its dashes, left alone
        "lager",  # one word: nothing to spell out
    ):
        tag_story(story, name)
    tag_story(story, "Hans Knudsen Instituttet", slug="hans-knudsen-instituttet")
    # A keyword of something else (taggit's own generic tagging, as images use).
    other_tag = Tag.objects.create(name="kun-billede", slug="kun-billede")
    TaggedItem.objects.create(content_object=Region.objects.first(), tag=other_tag)

    migration.make_keywords_readable(apps)

    assert sorted(Tag.objects.values_list("name", "slug")) == [
        ("225-timers-reglen", "225-timers-reglen"),
        ("Hans Knudsen Instituttet", "hans-knudsen-instituttet"),
        ("kun-billede", "kun-billede"),  # not a story's keyword
        ("lager", "lager"),
        ("opsøgende virksomhedsarbejde", "opsøgende-virksomhedsarbejde"),
        ("små og mellemstore virksomheder", "små-og-mellemstore-virksomheder"),
    ]
    migration.back_to_slugs(apps, None)
    assert Tag.objects.filter(name="opsøgende-virksomhedsarbejde").exists()
    assert Tag.objects.filter(name="Hans Knudsen Instituttet").exists()


def test_the_migration_joins_a_slug_like_keyword_to_its_hand_written_twin(site, story_dir):
    story_dir.write("a.md", minimal("a"))
    story_dir.write("b.md", minimal("b"))
    story_dir.write("c.md", minimal("c"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    a, b, c = (StoryPage.objects.get(slug=slug) for slug in "abc")
    old = tag_story(a, "opsøgende-virksomhedsarbejde")
    tag_story(c, "opsøgende-virksomhedsarbejde")
    # Written by hand in the editor, so taggit gave it the next free slug.
    kept = tag_story(b, "opsøgende virksomhedsarbejde", slug="opsøgende-virksomhedsarbejde_1")
    tag_story(c, "opsøgende virksomhedsarbejde")
    a.save_revision()  # a saved revision names the slug-like keyword by its id

    migration.make_keywords_readable(apps)

    assert not Tag.objects.filter(pk=old.pk).exists()
    kept.refresh_from_db()
    assert (kept.name, kept.slug) == (
        "opsøgende virksomhedsarbejde",
        "opsøgende-virksomhedsarbejde",
    )
    for story in (a, b, c):
        assert [t.pk for t in StoryPage.objects.get(pk=story.pk).tags.all()] == [kept.pk]
    draft = StoryPage.objects.get(pk=a.pk).get_latest_revision_as_object()
    assert [t.name for t in draft.tags.all()] == ["opsøgende virksomhedsarbejde"]
