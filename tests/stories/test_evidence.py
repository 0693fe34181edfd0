"""The evidence map: methods × indicators, counted exactly as the search it links to."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from stories.evidence import evidence_map
from stories.models import EvidenceMapPage, Method, Region, TargetGroup


@pytest.fixture
def demo(site):
    call_command("setup_portal", "--demo-if-empty", stdout=open("/dev/null", "w"))


def search_count(client: Client, url: str) -> int:
    params = dict(parse_qsl(urlsplit(url).query))
    return client.get("/api/search/", params).json()["count"]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"region": "1083"},
        {"region": "1081"},
        {"target_group": "kontanthjaelp-aktivitetsparate"},
    ],
)
def test_every_cell_counts_what_its_search_finds(demo, filters):
    region = Region.objects.get(code=filters["region"]) if "region" in filters else None
    group = (
        TargetGroup.objects.get(slug=filters["target_group"]) if "target_group" in filters else None
    )
    evidence = evidence_map(region, group)
    client = Client()
    filled = [cell for row in evidence.rows for cell in row.cells if cell.stories]
    assert filled, "the demo content reports outcomes"
    for cell in filled:
        assert search_count(client, cell.search_url) == cell.stories, cell.search_url
    # An empty cell's search finds nothing, too.
    empty = next(cell for row in evidence.rows for cell in row.cells if not cell.stories)
    assert search_count(client, empty.search_url) == 0


def test_empty_cells_are_visible_and_every_active_term_has_its_row_and_column(demo):
    evidence = evidence_map()
    assert len(evidence.rows) == Method.objects.filter(active=True).count()
    assert evidence.empty_count > 0
    body = Client().get("/evidenskort/").content.decode()
    assert body.count('class="evidence-cell evidence-cell--empty"') == evidence.empty_count
    assert f"{evidence.empty_count} af {evidence.cell_count} felter er tomme" in body


def test_shading_follows_the_count(demo):
    cells = [cell for row in evidence_map().rows for cell in row.cells]
    fullest = max(cells, key=lambda cell: cell.stories)
    assert fullest.shade == 4
    assert all(0 < cell.shade <= 4 for cell in cells if cell.stories)
    assert all(cell.shade == 0 for cell in cells if not cell.stories)


def test_a_retired_method_keeps_its_row_only_while_stories_report_it(demo):
    used = next(row.method for row in evidence_map().rows if row.stories)
    unused = next(row.method for row in evidence_map().rows if not row.stories)
    Method.objects.filter(pk__in=[used.pk, unused.pk]).update(active=False)
    methods = {row.method.pk for row in evidence_map().rows}
    assert used.pk in methods and unused.pk not in methods


def test_filters_narrow_the_map_and_bad_values_are_explained(demo):
    client = Client()
    whole = client.get("/evidenskort/").content.decode()
    north = client.get("/evidenskort/?region=1081").content.decode()
    assert north.count("evidence-cell--empty") > whole.count("evidence-cell--empty")
    assert '<option value="1081" selected>' in north
    response = client.get("/evidenskort/?region=9999&target_group=%00%3Cb%3E")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ukendt region “9999”" in body
    assert "Ukendt målgruppe “&lt;b&gt;”" in body and "\x00" not in body


def test_the_page_is_in_the_tree_once(site):
    assert EvidenceMapPage.objects.live().count() == 1
    assert Client().get("/").content.decode().count('href="/evidenskort/"') >= 1
