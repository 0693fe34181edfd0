"""Danish relevance on the database engine this suite runs on: SQLite (our Snowball stems
in FTS5) by default, PostgreSQL (the `danish` configuration) when DATABASE_URL says so.
CI runs both."""

import pytest

from storyfiles.story_files import import_stories
from tests.conftest import front_matter
from tests.search.conftest import slugs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("småjob", "vejle-sj"),  # småjobs
        ("småjobs", "vejle-sj"),
        ("cykelværksted", "aarhus-cykel"),  # cykelværkstederne
        ("tangsamler", "thisted-tang"),  # tangsamlerne
        ("mentor", "skanderborg-mentor"),  # mentorerne
        ("mentorerne", "skanderborg-mentor"),
    ],
)
def test_inflected_forms_match(corpus, query, expected):
    assert expected in slugs(query)


def test_every_word_must_match(corpus):
    assert slugs("tangsamlerne stranden") == ["thisted-tang"]
    assert slugs("tangsamlerne cykel") == []


def test_method_alias_finds_the_method_stories(corpus):
    # "få timer" is an alias of småjobs; the story's own text never says it.
    found = slugs("få timer")
    assert "vejle-sj" in found
    # Thisted's other method is named "Gradvis optrapning fra få timer"; nobody else matches.
    assert set(found) == {"vejle-sj", "thisted-tang"}
    assert "vejle-sj" in slugs("lønnede timer")


def test_municipality_and_region_names_are_searchable(corpus):
    assert slugs("Thisted") == ["thisted-tang"]
    assert set(slugs("Midtjylland")) == {"aarhus-cykel", "skanderborg-mentor"}


def test_title_ranks_above_body_and_ties_go_to_the_newest(site, story_dir):
    story_dir.write(
        "old-body.md",
        front_matter("old-body", "Noget andet", "Vejle", "[coaching]", "2015-01-01"),
        body="Om værksted og mere.",
    )
    story_dir.write(
        "title.md",
        front_matter("title", "Et værksted for alle", "Vejle", "[coaching]", "2010-01-01"),
        body="Tekst.",
    )
    story_dir.write(
        "new-body.md",
        front_matter("new-body", "Noget tredje", "Vejle", "[coaching]", "2021-01-01"),
        body="Om værksted og mere.",
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    assert slugs("værksted") == ["title", "new-body", "old-body"]


def test_no_words_lists_newest_first(corpus):
    assert slugs()[:2] == ["thisted-tang", "aarhus-cykel"]
