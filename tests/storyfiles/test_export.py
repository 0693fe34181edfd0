"""A collection moves to another installation: `<collection url>export.zip` holds its
stories as story files and itself as a collection file; importing them into an empty
portal gives the same pages and the same figures."""

import io
import re
import zipfile

import pytest
from django.test import Client
from wagtail.rich_text import RichText

from curation.models import CollectionItem, CollectionPage, CollectionsIndexPage
from search.documents import body_text
from stories.models import Method, StoryPage
from storyfiles.collection_files import read_collection_files, write_collections
from storyfiles.export import README_NAME, story_file_text
from storyfiles.story_files import import_stories
from tests.conftest import CONTRACT_EXAMPLE, minimal

pytestmark = pytest.mark.django_db

RICH = minimal(
    "holbaek",
    municipality="Holbæk",
    municipalities="[Kalundborg, Odsherred]",
    methods="[eksterne-leverandoerer, haandholdt-vejledning]",
    target_groups="[kontanthjaelp-aktivitetsparate, unge-under-30]",
    tags="[betaling, leverandør]",
    evidence_level="3",
    status="scaled",
    date="2019-08",
    teaser='"Leverandøren får kun betaling: når borgeren kommer i job."',
    partners="[Hans Knudsen Instituttet]",
    source="{title: Betaling for job, author: Ib Ravn, publisher: KL, date: 2019, "
    "url: 'https://example.org/holbaek'}",
    contact="{name: Ditte Due, role: Chef, email: dd@example.org, phone: '+45 12 34 56 78'}",
    cost="{amount: 250000, from: 2019-04-01, to: 2019-08-15, note: hele forløbet}",
    inspired_by="[vejle-smaajobs, udenfor]",
    outcomes="[{indicator: job-eller-uddannelse, value: 34, of: 190, from: 2019-04-01, "
    "to: 2019-08-15, target_group: unge-under-30, note: 'efter fire måneder'}, "
    "{indicator: timer-pr-uge, value: 7.5, value_max: 15}, "
    "{indicator: deltagere, value: 190, qualifier: at_least, from: 2019, to: 2019-08}]",
)


def snapshot(page: StoryPage) -> dict:
    words = set(re.findall(r"\w+", body_text(page)))
    return {
        "title": page.title,
        "municipality": page.municipality.code,
        "municipalities": sorted(m.code for m in page.municipalities.all()),
        "methods": sorted(m.slug for m in page.methods.all()),
        "target_groups": sorted(t.slug for t in page.target_groups.all()),
        "tags": sorted(t.name for t in page.tags.all()),
        "fields": [
            getattr(page, name)
            for name in (
                "date date_precision evidence_level status teaser partners source_title "
                "source_author source_publisher source_date source_date_precision source_url "
                "contact_name contact_role contact_email contact_phone "
                "cost_amount cost_from cost_to cost_note"
            ).split()
        ],
        "inspired_by": sorted(i.source.slug for i in page.inspirations.all()),
        "outcomes": [
            (
                o.indicator.slug,
                o.value,
                o.value_max,
                o.of,
                o.qualifier,
                o.period_from,
                o.period_from_precision,
                o.period_to,
                o.period_to_precision,
                o.target_group_id and o.target_group.slug,
                o.note,
                o.figure,
            )
            for o in page.outcomes.all()
        ],
        "words": words,
    }


@pytest.fixture
def collection(site, story_dir):
    story_dir.write_raw("vejle.md", CONTRACT_EXAMPLE)
    story_dir.write("holbaek.md", RICH, body="Leverandøren *følger* borgeren.")
    story_dir.write("udenfor.md", minimal("udenfor"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    story_dir.write("kladde.md", minimal("kladde"))
    assert import_stories([str(story_dir.path / "kladde.md")], publish=False).problems == []
    holbaek = StoryPage.objects.get(slug="holbaek")
    holbaek.body = [
        ("markdown", "Leverandøren *følger* borgeren."),
        ("quote", {"text": "Det virker, når vi følger op.", "attribution": "Ditte Due"}),
        ("paragraph", RichText("<p>Et afsnit fra <b>redaktøren</b>.</p>")),
    ]
    holbaek.save_revision().publish()
    stories = {s.slug: s for s in StoryPage.objects.all()}
    page = CollectionPage(
        title="Den gode histories dag",
        slug="dag",
        event_name="Konference",
        event_place="Kolding",
        event_date="2007-05-01",
        curator="Beskæftigelsesregion Syddanmark",
        intro="Historier fra dagen.",
    )
    page.items = [
        CollectionItem(story=stories["holbaek"], note="Om formiddagen.", sort_order=0),
        CollectionItem(method=Method.objects.get(slug="smaajobs"), sort_order=1),
        CollectionItem(story=stories["kladde"], sort_order=2),
        CollectionItem(story=stories["vejle-smaajobs"], sort_order=3),
    ]
    CollectionsIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return CollectionPage.objects.get(slug="dag")


def test_the_zip_moves_a_collection_to_an_empty_portal(collection, tmp_path):
    response = Client().get(collection.url + "export.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        README_NAME,
        "collections/dag.yaml",
        "stories/holbaek.md",
        "stories/vejle-smaajobs.md",
    ]
    before = {
        slug: snapshot(StoryPage.objects.get(slug=slug)) for slug in ("holbaek", "vejle-smaajobs")
    }
    items_before = [
        (i.story.slug if i.story_id else i.method.slug, i.note)
        for i in collection.items.order_by("sort_order")
        if not (i.story_id and i.story.slug == "kladde")
    ]

    # An empty portal: the same page tree, no stories and no collections.
    CollectionPage.objects.all().delete()
    StoryPage.objects.all().delete()
    archive.extractall(tmp_path)
    result = import_stories([str(tmp_path / "stories")], publish=True)
    assert result.problems == [], [str(p) for p in result.problems]
    collections, problems = read_collection_files([str(tmp_path / "collections")])
    assert problems == []
    write_collections(collections, publish=True)

    after = {slug: snapshot(StoryPage.objects.get(slug=slug)) for slug in before}
    # "Inspireret af" keeps only the story that came along in the ZIP.
    assert before["holbaek"]["inspired_by"] == ["udenfor", "vejle-smaajobs"]
    before["holbaek"]["inspired_by"] = ["vejle-smaajobs"]
    # The quote's dash is the only word the Markdown adds.
    for snap in after.values():
        snap["words"].discard("—")
    assert after == before
    moved = CollectionPage.objects.get(slug="dag")
    assert (moved.title, moved.event_place, moved.event_date.isoformat(), moved.curator) == (
        "Den gode histories dag",
        "Kolding",
        "2007-05-01",
        "Beskæftigelsesregion Syddanmark",
    )
    assert [
        (i.story.slug if i.story_id else i.method.slug, i.note)
        for i in moved.items.order_by("sort_order")
    ] == items_before


def test_the_zip_writes_dates_and_figures_exactly_as_known(collection):
    archive = zipfile.ZipFile(io.BytesIO(Client().get(collection.url + "export.zip").content))
    story = archive.read("stories/holbaek.md").decode()
    assert "\ndate: 2019-08\n" in story
    assert "  author: Ib Ravn\n" in story and "  date: '2019'\n" in story
    assert "- indicator: deltagere\n  value: 190\n  qualifier: at_least\n" in story
    assert "  from: '2019'\n  to: 2019-08\n" in story
    # An exact figure has no qualifier written.
    assert story.count("qualifier:") == 1


def test_an_undated_planned_story_survives_the_round_trip(site, story_dir):
    story_dir.write("a.md", minimal("udateret", date="undated", status="planned"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    page = StoryPage.objects.get(slug="udateret")
    before = snapshot(page)
    text, _left_out = story_file_text(page)
    assert "\ndate: undated\n" in text and "\nstatus: planned\n" in text
    page.delete()
    story_dir.write_raw("a.md", text)
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    assert snapshot(StoryPage.objects.get(slug="udateret")) == before


def test_the_zip_says_how_to_import_it_and_what_stayed_behind(collection):
    archive = zipfile.ZipFile(io.BytesIO(Client().get(collection.url + "export.zip").content))
    readme = archive.read(README_NAME).decode()
    assert "import_stories stories --publish" in readme
    assert "import_collections collections --publish" in readme
    story = archive.read("stories/holbaek.md").decode()
    assert story.startswith("---\ntitle: Testhistorie holbaek\n")
    assert "> Det virker, når vi følger op." in story


def test_no_zip_for_what_is_not_a_public_collection(site):
    assert Client().get("/samlinger/findes-ikke/export.zip").status_code == 404
