"""/api/outcomes/: the open-data rows in JSON and CSV, filtered like the pages."""

import csv
import io

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from browse.models import RegionPage
from findings.rows import OPEN_DATA_FIELDS
from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import front_matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(shared_corpus, db):
    # Every test here reads the same corpus: import it once for the module.
    return shared_corpus


URL = "/api/outcomes/"


def rows(client: Client, params: str = "") -> list[dict]:
    response = client.get(f"{URL}?{params}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["count"] == len(data["results"])
    return data["results"]


def keys(results: list[dict]) -> set[tuple[str, str]]:
    return {(row["story_slug"], row["indicator"]) for row in results}


def csv_rows(client: Client, params: str = "") -> tuple[list[str], list[dict]]:
    response = client.get(f"{URL}?format=csv&{params}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="resultater.csv"'
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline=""))
    return reader.fieldnames, list(reader)


HOLBAEK = {("holbaek-job", "job-eller-uddannelse"), ("holbaek-job", "deltagere")}
VEJLE = {("vejle-sj", "smaajob"), ("vejle-sj", "timer-pr-uge")}
AARHUS = {("aarhus-unge", "ordinaert-job")}
ODENSE = {("odense-delt", "timer-pr-uge")}


def test_json_shape_and_number_types(corpus, client):
    response = client.get(URL)
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert list(data) == ["count", "results"]
    assert data["count"] == 6
    # Newest story first, then each story's own order; a story without outcomes has none.
    assert [(r["story_slug"], r["indicator"]) for r in data["results"]] == [
        ("odense-delt", "timer-pr-uge"),
        ("aarhus-unge", "ordinaert-job"),
        ("holbaek-job", "job-eller-uddannelse"),
        ("holbaek-job", "deltagere"),
        ("vejle-sj", "smaajob"),
        ("vejle-sj", "timer-pr-uge"),
    ]
    for row in data["results"]:
        assert list(row) == list(OPEN_DATA_FIELDS)
    by_key = {(r["story_slug"], r["indicator"]): r for r in data["results"]}
    holbaek = by_key["holbaek-job", "job-eller-uddannelse"]
    assert holbaek == {
        "story_slug": "holbaek-job",
        "story_title": "Testhistorie holbaek-job",
        "story_url": "http://testserver/historier/sjaelland/holbaek-job/",
        "story_date": "2019-08-15",
        "municipality_code": "316",
        "municipality_name": "Holbæk",
        "region_code": "1085",
        "region_name": "Region Sjælland",
        "methods": ["eksterne-leverandoerer"],
        "indicator": "job-eller-uddannelse",
        "indicator_name": "I job eller uddannelse",
        "unit": "persons",
        "value": 34,
        "value_max": None,
        "qualifier": "",
        "of": 190,
        "rate": 0.1789,
        "from": "2019-04-01",
        "to": "2019-08-15",
        "target_group": "kontanthjaelp-aktivitetsparate",
        "evidence_level": 2,
        "source": "https://example.org/holbaek",
    }
    # Whole numbers are JSON integers, not 34.0 or "34.00"; decimals stay decimals.
    assert type(holbaek["value"]) is int and type(holbaek["of"]) is int
    assert type(holbaek["rate"]) is float and type(holbaek["evidence_level"]) is int
    assert by_key["odense-delt", "timer-pr-uge"]["value"] == 7.5
    vejle_range = by_key["vejle-sj", "timer-pr-uge"]
    assert (vejle_range["value"], vejle_range["value_max"]) == (5, 15)
    assert type(vejle_range["value_max"]) is int
    # Without a URL the source is its citation.
    assert vejle_range["source"] == "Skab småjobs, Vejlederforum, 2018-02-01"
    assert by_key["odense-delt", "timer-pr-uge"]["source"] is None
    assert by_key["vejle-sj", "smaajob"]["methods"] == ["haandholdt-vejledning", "smaajobs"]


def test_rate_arithmetic(corpus, client):
    by_key = {(r["story_slug"], r["indicator"]): r for r in rows(client)}
    assert by_key["holbaek-job", "job-eller-uddannelse"]["rate"] == 0.1789  # 34 of 190
    assert by_key["aarhus-unge", "ordinaert-job"]["rate"] == 0.25  # 3 of 12
    # No base, no rate, whatever the value.
    assert by_key["holbaek-job", "deltagere"]["of"] is None
    assert by_key["holbaek-job", "deltagere"]["rate"] is None
    assert by_key["vejle-sj", "smaajob"]["rate"] is None


@pytest.mark.parametrize(
    "params, expected",
    [
        ("method=smaajobs", VEJLE | ODENSE),
        ("method=eksterne-leverandoerer", HOLBAEK),
        ("indicator=timer-pr-uge", {("vejle-sj", "timer-pr-uge")} | ODENSE),
        ("municipality=630", VEJLE),
        # Any of a story's municipalities, not only the first.
        ("municipality=410", ODENSE),
        ("region=1083", VEJLE | ODENSE),
        ("region=1085", HOLBAEK),
        # An outcome's own target group, or the story's when the outcome has none.
        ("target_group=unge-under-30", AARHUS),
        ("target_group=kontanthjaelp-aktivitetsparate", HOLBAEK | VEJLE),
        ("evidence_level=3", AARHUS),
        ("evidence_level=1", ODENSE),
    ],
)
def test_each_filter(corpus, client, params, expected):
    assert keys(rows(client, params)) == expected


def test_or_within_a_filter_and_across_filters(corpus, client):
    assert keys(rows(client, "method=smaajobs&method=eksterne-leverandoerer")) == (
        VEJLE | ODENSE | HOLBAEK
    )
    assert keys(rows(client, "region=1085&region=1082")) == HOLBAEK | AARHUS
    assert keys(rows(client, "method=smaajobs&region=1083&evidence_level=2")) == VEJLE
    assert keys(rows(client, "method=smaajobs&indicator=smaajob")) == {("vejle-sj", "smaajob")}
    assert rows(client, "method=smaajobs&region=1085") == []
    both = "evidence_level=2&evidence_level=3&target_group=kontanthjaelp-aktivitetsparate"
    assert keys(rows(client, both)) == HOLBAEK | VEJLE
    # Blank and repeated values change nothing.
    assert keys(rows(client, "method=&method=smaajobs&method=smaajobs")) == VEJLE | ODENSE


@pytest.mark.parametrize(
    "params",
    ["method=atlantis", "municipality=999", "region=9999", "indicator=nope", "target_group=x"],
)
def test_unknown_values_give_an_empty_result(corpus, client, params):
    response = client.get(f"{URL}?{params}")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "results": []}


@pytest.mark.parametrize(
    "params",
    [
        "evidence_level=abc",
        "evidence_level=6",
        "evidence_level=2&evidence_level=0",
        "format=xml",
        "format=csv&evidence_level=abc",
        "&".join(f"method=m{number}" for number in range(51)),
    ],
)
def test_hopeless_requests_get_400_with_a_message(corpus, client, params):
    response = client.get(f"{URL}?{params}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert list(response.json()) == ["error"] and response.json()["error"]


def test_get_only(corpus, client):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(URL)
        assert response.status_code == 405, method
        assert "GET" in response["Allow"]
    assert client.get(URL).status_code == 200


def _as_csv_cell(value) -> str:
    """The documented conversions from a JSON value to a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


@pytest.mark.parametrize(
    "params", ["", "method=smaajobs", "region=1085", "target_group=unge-under-30", "method=x"]
)
def test_csv_has_the_same_rows_as_json(corpus, client, params):
    json_rows = rows(client, params)
    header, table = csv_rows(client, params)
    assert header == list(OPEN_DATA_FIELDS)
    assert len(table) == len(json_rows)
    for json_row, csv_row in zip(json_rows, table, strict=True):
        for field in OPEN_DATA_FIELDS:
            assert csv_row[field] == _as_csv_cell(json_row[field]), field
    if not params:
        holbaek = next(r for r in table if r["indicator"] == "job-eller-uddannelse")
        assert (holbaek["municipality_name"], holbaek["rate"], holbaek["value_max"]) == (
            "Holbæk",
            "0.1789",
            "",
        )
        vejle = next(r for r in table if r["indicator"] == "smaajob")
        assert vejle["methods"] == "haandholdt-vejledning;smaajobs"


def test_unpublished_draft_and_private_stories_are_absent(corpus, client):
    story_dir = corpus
    story_dir.write(
        "draft.md", front_matter("kladde", outcomes="[{indicator: deltagere, value: 9, of: 10}]")
    )
    assert import_stories([str(story_dir.path / "draft.md")], publish=False).problems == []
    assert StoryPage.objects.filter(slug="kladde").exists()
    assert "kladde" not in {r["story_slug"] for r in rows(client)}

    vejle = StoryPage.objects.get(slug="vejle-sj")
    vejle.unpublish()
    assert keys(rows(client)) == HOLBAEK | AARHUS | ODENSE
    assert csv_rows(client)[1] and "vejle-sj" not in {r["story_slug"] for r in csv_rows(client)[1]}
    vejle.get_latest_revision().publish()
    assert VEJLE <= keys(rows(client))

    # A view restriction on a region's section hides its stories.
    section = RegionPage.objects.get(region__code="1085")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert not HOLBAEK & keys(rows(client))
    assert rows(client, "region=1085") == []
    restriction.delete()
    assert HOLBAEK <= keys(rows(client))
