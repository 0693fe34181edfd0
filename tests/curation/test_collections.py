"""Collections as lists, pages, handouts, presentations and CSV exports."""

import csv
import io
import re

import pytest
from django.test import Client
from wagtail.models import Site

from curation.models import (
    CollectionItem,
    CollectionPage,
    CollectionsIndexPage,
    listed_collections,
    qr_code,
)
from stories.models import Method, StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal

pytestmark = pytest.mark.django_db


def add(index, title: str, slug: str, date=None, items: int = 0) -> CollectionPage:
    method = Method.objects.get(slug="smaajobs")
    page = CollectionPage(title=title, slug=slug, event_date=date, event_place="Kolding")
    page.items = [CollectionItem(method=method, sort_order=n) for n in range(items)]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_newest_event_first_undated_last_with_counts(site):
    index = CollectionsIndexPage.objects.get()
    add(index, "Uden dato", "uden-dato", None, 1)
    add(index, "Gammel", "gammel", "2007-05-01", 2)
    add(index, "Ny", "ny", "2024-09-12", 3)
    listed = list(listed_collections())
    assert [c.slug for c in listed] == ["ny", "gammel", "uden-dato"]
    assert [c.item_count for c in listed] == [3, 2, 1]
    html = Client().get(index.url).content.decode()
    assert html.index("Ny</a>") < html.index("Gammel</a>") < html.index("Uden dato</a>")
    kolding = '<span lang="da">Kolding</span>'
    assert f'<time datetime="2024-09-12">12. september 2024</time> · {kolding} · 3 punkter' in html
    assert f"{kolding} · 1 punkt<" in html


@pytest.fixture
def kolding(site, story_dir):
    story_dir.write(
        "vejle.md",
        minimal(
            "vejle",
            teaser="Småjobs i lokale virksomheder.",
            source="{title: Skab småjobs, publisher: Vejlederforum, url: 'https://example.org/a'}",
            contact="{name: Birgit Thorup, role: Arbejdsmarkedschef}",
            outcomes="[{indicator: ordinaert-job, value: 34, of: 190, from: 2019-04-01, "
            "to: 2019-08-15}]",
        ),
    )
    story_dir.write("formel.md", minimal("formel", title='"=HYPERLINK(1)"'))
    story_dir.write("kladde.md", minimal("kladde"))
    assert import_stories([str(story_dir.path / "vejle.md")], publish=True).problems == []
    assert import_stories([str(story_dir.path / "formel.md")], publish=True).problems == []
    assert import_stories([str(story_dir.path / "kladde.md")], publish=False).problems == []
    index = CollectionsIndexPage.objects.get()
    page = CollectionPage(
        title="Den gode histories dag",
        slug="dag",
        event_place="Kolding",
        curator="Beskæftigelsesregion Syddanmark",
    )
    stories = {s.slug: s for s in StoryPage.objects.all()}
    page.items = [
        CollectionItem(story=stories["vejle"], note="Fortalt om formiddagen.", sort_order=0),
        CollectionItem(story=stories["kladde"], sort_order=1),
        CollectionItem(method=Method.objects.get(slug="smaajobs"), sort_order=2),
        CollectionItem(story=stories["formel"], sort_order=3),
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_collection_page_links_its_handout_presentation_and_export(kolding):
    html = Client().get(kolding.url).content.decode()
    for route in ("present/", "udskrift/", "export.csv", "export.zip"):
        assert f'href="{kolding.url}{route}"' in html
    assert 'Sammensat af <span lang="da">Beskæftigelsesregion Syddanmark</span>' in html


def test_the_handout_has_one_sheet_per_public_item_with_its_facts_and_a_qr_code(kolding):
    response = Client().get(kolding.url + "udskrift/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="handout-item"') == 3  # the draft is left out
    assert "34 af 190 (18 %)" in html and "1. april 2019 – 15. august 2019" in html
    assert "Skab småjobs, Vejlederforum" in html and "https://example.org/a" in html
    assert "Birgit Thorup, Arbejdsmarkedschef" in html
    assert "Fortalt om formiddagen." in html
    story_url = "http://testserver" + StoryPage.objects.get(slug="vejle").url
    assert f'<figcaption class="handout-url">{story_url}</figcaption>' in html
    assert html.count('<svg width="') == 3 and "<title>QR-kode til Vejle" not in html
    assert "<title>QR-kode til Testhistorie vejle</title>" in html
    assert "data-print" in html and "/static/js/print.js" in html
    assert "kladde" not in html


def test_the_presentation_has_one_slide_per_item_and_needs_nothing_from_outside(kolding):
    response = Client().get(kolding.url + "present/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<section class="slide') == 4  # the title and three items
    assert "34 af 190 (18 %)" in html
    assert 'data-exit-url="' + kolding.url + '"' in html
    assert "/static/js/present.js" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_the_csv_export_has_a_row_per_public_item_and_no_formulas(kolding):
    response = Client().get(kolding.url + "export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["kind"] for row in rows] == ["historie", "metode", "historie"]
    vejle = rows[0]
    assert vejle["title"] == "Testhistorie vejle" and vejle["municipalities"] == "Vejle"
    assert vejle["headline_result"] == "34 af 190 (18 %)"
    assert vejle["headline_period"] == "1. april 2019 – 15. august 2019"
    assert vejle["curator_note"] == "Fortalt om formiddagen."
    assert vejle["url"] == "http://testserver" + StoryPage.objects.get(slug="vejle").url
    assert rows[2]["title"] == "'=HYPERLINK(1)"


def test_export_addresses_and_qr_codes_name_the_host_asked_on(kolding):
    """Not the Wagtail Site record's hostname, which older installations have as
    `localhost`: the handout is printed and the export opened far from the server."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    client = Client(HTTP_HOST="portal.example.dk")
    story = StoryPage.objects.get(slug="vejle")
    address = "https://portal.example.dk" + story.url
    html = client.get(kolding.url + "udskrift/", secure=True).content.decode()
    assert f'<figcaption class="handout-url">{address}</figcaption>' in html
    assert qr_code(address, story.title) in html
    rows = list(
        csv.DictReader(io.StringIO(client.get(kolding.url + "export.csv").content.decode()))
    )
    assert rows[0]["url"] == "http://portal.example.dk" + story.url
    assert rows[1]["url"] == "http://portal.example.dk/metoder/smaajobs/"
    # The English page's links give the same file, with the same (Danish) addresses.
    english = client.get("/en" + kolding.url + "export.csv").content.decode()
    assert english == client.get(kolding.url + "export.csv").content.decode()


def test_an_export_of_no_collection_is_not_found(site):
    assert Client().get("/samlinger/findes-ikke/export.csv").status_code == 404
    assert Client().get("/historier/export.csv").status_code == 404
