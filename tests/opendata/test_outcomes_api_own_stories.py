"""/api/outcomes/ on stories of each test's own: formulas in CSV cells, and the
number of queries as stories are added. (The other tests share one corpus.)"""

import pytest
from django.test import Client

from storyfiles.story_files import import_stories
from tests.conftest import count_queries, front_matter
from tests.opendata.test_outcomes_api import URL, csv_rows, rows

pytestmark = pytest.mark.django_db


def test_csv_text_never_starts_a_formula(site, story_dir, client):
    story_dir.write(
        "a.md",
        front_matter(
            "formel",
            title="\"=HYPERLINK('http://example.org')\"",
            outcomes="[{indicator: deltagere, value: 4}]",
        ),
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    assert rows(client)[0]["story_title"] == "=HYPERLINK('http://example.org')"
    _, table = csv_rows(client)
    assert table[0]["story_title"] == "'=HYPERLINK('http://example.org')"
    assert table[0]["value"] == "4"


def test_a_bounded_number_of_queries(site, story_dir):
    def add(count: int, start: int):
        for number in range(start, start + count):
            story_dir.write(
                f"s{number}.md",
                front_matter(
                    f"s{number}",
                    methods="[smaajobs, coaching]",
                    target_groups="[unge-under-30]",
                    outcomes="[{indicator: deltagere, value: 3, of: 9}, "
                    "{indicator: timer-pr-uge, value: 5, value_max: 15}]",
                ),
            )
        assert import_stories([str(story_dir.path)], publish=True).problems == []

    urls = [URL, f"{URL}?format=csv", f"{URL}?method=smaajobs&target_group=unge-under-30"]
    add(2, 0)
    few = {url: count_queries(url) for url in urls}
    add(10, 2)
    assert len(rows(Client())) == 24
    many = {url: count_queries(url) for url in urls}
    assert many == few
