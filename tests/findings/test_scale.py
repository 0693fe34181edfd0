"""A method used in many municipalities still reads in one look (issue 10): per
indicator the distribution of its figures, charts of a capped number of bars, the table a
page at a time, and the same number of queries however many stories there are."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from findings.comparison import CHART_BARS, bars_per_chart, compare_by_indicator
from findings.rows import outcome_rows
from findings.sorting import TABLE_ROWS_PER_PAGE
from storyfiles.story_files import import_stories
from tests.conftest import StoryDir, kept_for_the_module

# Ten municipalities in four regions; Vejle, Kolding, Odense and Esbjerg in Syddanmark.
PLACES = [
    "Vejle",
    "Holbæk",
    "Aarhus",
    "Rebild",
    "Kolding",
    "Odense",
    "Aalborg",
    "Esbjerg",
    "Horsens",
    "Randers",
]
SYDDANMARK = "1083"


def write_stories(folder: StoryDir, first: int, count: int) -> None:
    """Stories first..first+count-1, story k with two results of job-eller-uddannelse:
    k of 100 and 2(k + 30) of 200, i.e. the rates k % and (k + 30) %."""
    for k in range(first, first + count):
        group = "[unge-under-30]" if k % 2 else "[langtidsledige]"
        folder.write(
            f"s{k}.md",
            f"title: Historie {k}\nslug: s{k}\nmunicipality: {PLACES[k % len(PLACES)]}\n"
            f"methods: [smaajobs]\ndate: 2020-01-{k % 28 + 1:02d}\nevidence_level: 2\n"
            f"target_groups: {group}\noutcomes:\n"
            f"  - {{indicator: job-eller-uddannelse, value: {k}, of: 100}}\n"
            f"  - {{indicator: job-eller-uddannelse, value: {2 * (k + 30)}, of: 200}}\n",
        )


@pytest.fixture(scope="module")
def many(django_db_setup, django_db_blocker, tmp_path_factory):
    """30 stories in 10 municipalities, 60 results of one indicator: rates 1 %..60 %."""
    with kept_for_the_module(django_db_blocker):
        folder = StoryDir(tmp_path_factory.mktemp("many"))
        write_stories(folder, 1, 30)
        assert import_stories([str(folder.path)], publish=True).problems == []
        yield


def page(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def table_rows(body: str) -> list[str]:
    table = body[body.index('class="outcomes comparison-table"') :]
    table = table[table.index("<tbody>") : table.index("</tbody>")]
    return table.split("</tr>")[:-1]


def test_the_distribution_has_the_median_and_quartiles_worked_out_by_hand(many):
    (comparison,) = compare_by_indicator(outcome_rows({"method": ["smaajobs"]}))
    (rates,) = comparison.distributions
    assert rates.result_count == 60 and rates.municipality_count == 10
    # The rates are 1 %, 2 %, …, 60 % (the 60 sorted figures x1..x60 = k/100).
    # Median: between x30 and x31, (0.30 + 0.31) / 2 = 0.305.
    # Lower quartile: (60 - 1) / 4 = 14.75 places past x1, i.e. x15 + 0.75 × (x16 - x15)
    # = 0.15 + 0.0075 = 0.1575. Upper quartile: 44.25 places, x45 + 0.25 × 0.01 = 0.4525.
    assert rates.median == Decimal("0.305")
    assert rates.lower_quartile == Decimal("0.1575")
    assert rates.upper_quartile == Decimal("0.4525")
    assert (rates.lowest, rates.highest) == (Decimal("0.01"), Decimal("0.6"))
    # Bases: thirty of 100 and thirty of 200; the median of the sixty is 150.
    assert (rates.base_lowest, rates.base_median, rates.base_highest) == (100, 150, 200)


def test_the_method_page_shows_the_distribution_and_caps_the_chart(many):
    body = page("/metoder/smaajobs/")
    assert re.search(r'class="distribution__median">31 %<', body)  # 30,5 % rounds half up
    assert re.search(r'class="distribution__quartiles">16 %–45 %<', body)
    assert re.search(r'class="distribution__range">1 %–60 %<', body)
    assert "100–200 personer, median 150" in body
    chart = body[body.index('class="chart__bars"') : body.index("</ol>", body.index("chart__bars"))]
    assert chart.count('<li class="chart__row">') == CHART_BARS
    assert f"Figuren viser {CHART_BARS} af 60 resultater" in body


def test_the_chart_draws_the_results_nearest_the_readers_region_first(many):
    body = page(f"/metoder/smaajobs/?region={SYDDANMARK}")
    chart = body[body.index('class="chart__bars"') : body.index("</ol>", body.index("chart__bars"))]
    places = re.findall(r'class="chart__label"[^>]*>(\w+) \d{4}<', chart)
    # 12 stories in Syddanmark's four municipalities, two results each: 24 nearer than
    # the rest, so the 20 bars are all theirs.
    assert len(places) == CHART_BARS
    assert set(places) <= {"Vejle", "Kolding", "Odense", "Esbjerg"}


def test_the_table_is_paginated_and_the_csv_stays_complete(many):
    body = page("/metoder/smaajobs/")
    assert len(table_rows(body)) == TABLE_ROWS_PER_PAGE
    assert "Viser resultat 1–25 af 60" in body and "Side 1 af 3" in body
    assert 'href="?table_page=2#sammenligning"' in body
    last = page("/metoder/smaajobs/?table_page=3")
    assert len(table_rows(last)) == 60 - 2 * TABLE_ROWS_PER_PAGE
    csv_body = Client().get("/api/outcomes/?method=smaajobs&format=csv")
    assert len(list(csv.DictReader(io.StringIO(csv_body.content.decode())))) == 60


def test_sorting_carries_across_the_pages_and_a_new_order_starts_at_page_one(many):
    first = page("/metoder/smaajobs/?sort=result&dir=asc")
    second = page("/metoder/smaajobs/?sort=result&dir=asc&table_page=2")
    rates = [
        int(re.search(r"\((\d+) %\)", row).group(1))
        for row in table_rows(first) + table_rows(second)
    ]
    assert rates == list(range(1, 51))  # ascending over the page break
    assert 'href="?sort=result&amp;dir=asc&amp;table_page=3#sammenligning"' in second
    # A heading's link sorts anew from the first page.
    assert "table_page" not in re.search(r'<th scope="col"[^>]*>\s*<a href="([^"]*)"', second)[1]


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("abc", 1), ("0", 1), ("-2", 1), ("99", 3), ("1.5", 1), ("9" * 30, 3)],
)
def test_a_bad_table_page_is_explained_and_the_nearest_page_shown(many, asked, shown):
    body = page(f"/metoder/smaajobs/?table_page={asked}")
    assert f"Tabellen har ingen side “{asked[:40]}”; den viser side {shown} af 3." in body
    assert f"Side {shown} af 3" in body


def test_an_unknown_region_or_target_group_is_explained_not_obeyed(many):
    body = page("/metoder/smaajobs/?region=9999&target_group=<b>x</b>")
    assert "Ukendt region “9999”; siden viser alle regioner." in body
    assert "Ukendt målgruppe “&lt;b&gt;x&lt;/b&gt;”" in body


def test_the_stories_list_is_capped_with_a_link_to_all(many):
    body = page(f"/metoder/smaajobs/?region={SYDDANMARK}")
    stories = body[body.index('id="historier"') :]
    assert stories.count('<article class="card story-card">') == 6
    assert 'href="/search/?method=smaajobs"' in stories and "Se alle 30 historier" in stories


def method_page_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/metoder/smaajobs/").status_code == 200
    return len(queries)


def test_the_method_page_costs_the_same_queries_for_10_or_40_stories(site, story_dir):
    write_stories(story_dir, 1, 10)
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    Client().get("/metoder/smaajobs/")  # the first request fills per-process caches
    with_10 = method_page_queries()
    more = StoryDir(story_dir.path / "more")
    more.path.mkdir()
    write_stories(more, 11, 30)
    assert import_stories([str(more.path)], publish=True).problems == []
    assert method_page_queries() == with_10


def test_a_method_with_many_indicators_draws_fewer_bars_each():
    # About PAGE_BARS (48) bars a page in all, never more than 10 or fewer than 4 a chart.
    assert [bars_per_chart(n) for n in (1, 4, 6, 7, 11, 30)] == [10, 10, 8, 6, 4, 4]
