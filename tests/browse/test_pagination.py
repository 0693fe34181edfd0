"""Lists of stories a page at a time: the page is found among the stories' ids and only
its own stories are loaded, in the list's order (issue 10, pages at scale)."""

import re

from django.test import Client

from browse.models import STORIES_PER_PAGE
from storyfiles.story_files import import_stories
from tests.conftest import front_matter


def titles(body: str) -> list[str]:
    return re.findall(r"Testhistorie (s\d+)", body)


def test_the_last_page_of_stories_has_the_oldest_in_order(site, story_dir):
    count = STORIES_PER_PAGE + 2
    for k in range(count):
        story_dir.write(f"s{k}.md", front_matter(f"s{k}", date=f"2020-01-{k + 1:02d}"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    client = Client()
    first = titles(client.get("/historier/").content.decode())
    last = titles(client.get("/historier/?page=2").content.decode())
    # Newest first: s13 … s2 on page one, s1 and s0 on page two.
    assert first == [f"s{k}" for k in range(count - 1, 1, -1)]
    assert last == ["s1", "s0"]
    # A page past the end shows the last, a page that is no number the first: no error.
    assert titles(client.get("/historier/?page=99").content.decode()) == last
    assert titles(client.get("/historier/?page=x").content.decode()) == first
    region = titles(client.get("/historier/syddanmark/?page=2").content.decode())
    assert region == ["s1", "s0"]  # every story is in Vejle
