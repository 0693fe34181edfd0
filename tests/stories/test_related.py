"""Related stories on a story page (issue 10, "no dead ends"): same method first, then
same target group, then same region; never the story itself, a story already beside it
in "Inspireret af"/"Taget op af", a draft, or a story with nothing in common; chosen in
the database in a fixed number of queries."""

import re

import pytest
from django.test import Client

from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import count_queries, minimal

pytestmark = pytest.mark.django_db

STORIES = {
    # slug: (municipality, methods, target groups, date, extra fields)
    "hoved": ("Vejle", "[smaajobs, haandholdt-vejledning]", "[kontanthjaelp-aktivitetsparate]",
              "2020-01-01", {"inspired_by": "[inspiration]"}),
    "to-metoder": ("Aalborg", "[smaajobs, haandholdt-vejledning]", "[unge-under-30]",
                   "2019-01-01", {}),
    "en-metode-og-gruppe": ("Aalborg", "[smaajobs]", "[kontanthjaelp-aktivitetsparate]",
                            "2021-01-01", {}),
    "en-metode": ("Aalborg", "[smaajobs]", "[unge-under-30]", "2024-01-01", {}),
    "en-metode-aeldre": ("Aalborg", "[haandholdt-vejledning]", "[unge-under-30]", "2018", {}),
    "maalgruppe": ("Aalborg", "[loentilskud]", "[kontanthjaelp-aktivitetsparate]",
                   "2022-01-01", {}),
    "region": ("Kolding", "[loentilskud]", "[unge-under-30]", "2023-01-01", {}),
    "intet": ("Aalborg", "[loentilskud]", "[unge-under-30]", "2025-01-01", {}),
    "inspiration": ("Aalborg", "[smaajobs, haandholdt-vejledning]", "[unge-under-30]",
                    "2025-01-01", {}),
    "efterfoelger": ("Kolding", "[smaajobs, haandholdt-vejledning]",
                     "[kontanthjaelp-aktivitetsparate]", "2025-01-01",
                     {"inspired_by": "[hoved]"}),
}  # fmt: skip


@pytest.fixture
def corpus(site, story_dir):
    for slug, (municipality, methods, groups, date, extra) in STORIES.items():
        story_dir.write(
            f"{slug}.md",
            minimal(
                slug,
                municipality=municipality,
                methods=methods,
                target_groups=groups,
                date=date,
                **extra,
            ),
        )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    draft = story_dir.path / "kladde"
    draft.mkdir()
    (draft / "kladde.md").write_text(
        "---\n" + minimal("kladde", methods="[smaajobs, haandholdt-vejledning]") + "\n---\nX\n"
    )
    assert import_stories([str(draft)], publish=False).problems == []
    return StoryPage.objects.get(slug="hoved")


def related_slugs(story: StoryPage, limit: int) -> list[str]:
    leave_out = [s.pk for s in StoryPage.objects.filter(slug__in=["inspiration", "efterfoelger"])]
    related = StoryPage.objects.for_cards().related_to(story, leave_out=leave_out, limit=limit)
    return [s.slug for s in related]


def test_more_shared_methods_then_target_groups_then_region_then_newest(corpus):
    assert related_slugs(corpus, limit=20) == [
        "to-metoder",  # both methods
        "en-metode-og-gruppe",  # one method and the target group
        "en-metode",  # one method, newest of the rest
        "en-metode-aeldre",
        "maalgruppe",  # no method, the target group
        "region",  # only the region
    ]


def test_the_page_shows_four_related_stories_as_cards(corpus):
    body = Client().get(corpus.url).content.decode()
    related = body[body.index('id="lignende"') :]
    related = related[: related.index("</section>")]
    titles = re.findall(r'class="card__title" lang="da"><a href="([^"]+)">', related)
    assert titles == [
        StoryPage.objects.get(slug=slug).url
        for slug in ["to-metoder", "en-metode-og-gruppe", "en-metode", "en-metode-aeldre"]
    ]
    # Never itself, what "Inspireret af"/"Taget op af" shows already, a draft, or a story
    # with nothing in common.
    for slug in ["hoved", "inspiration", "efterfoelger", "kladde", "intet"]:
        assert f"/{slug}/" not in related
    assert "Inspireret af" in body and "Taget op af" in body


def test_a_story_with_nothing_in_common_with_any_other_has_no_related_section(site, story_dir):
    story_dir.write("a.md", minimal("alene", municipality="Vejle", methods="[smaajobs]"))
    story_dir.write("b.md", minimal("fjern", municipality="Aalborg", methods="[loentilskud]"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    body = Client().get(StoryPage.objects.get(slug="alene").url).content.decode()
    assert 'id="lignende"' not in body


def test_related_stories_cost_the_same_queries_for_few_candidates_or_many(site, story_dir):
    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            story_dir.write(
                f"s{number}.md",
                minimal(
                    f"s{number}",
                    municipality="Kolding" if number % 2 else "Aalborg",
                    methods="[smaajobs]" if number % 3 else "[loentilskud]",
                    target_groups="[unge-under-30]",
                    tags="[a, b]",
                    outcomes="[{indicator: deltagere, value: 3, of: 9}]",
                ),
            )
        assert import_stories([str(story_dir.path)], publish=True).problems == []

    story_dir.write("hoved.md", minimal("hoved", target_groups="[unge-under-30]", tags="[a, c]"))
    add(2, 0)
    url = StoryPage.objects.get(slug="hoved").url
    few = count_queries(url)
    add(12, 2)
    assert count_queries(url) == few
    body = Client().get(url).content.decode()
    assert len(re.findall(r'class="card story-card"', body)) == 4
