"""A method's results side by side: the comparison table, its sorting, the charts, the
comparability notes, the tile map and the spread of a practice."""

import re
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.test import Client

from findings.comparison import (
    axis_ticks,
    comparability_notes,
    compare_by_indicator,
    nice_ceiling,
)
from findings.filters import matching_outcomes
from findings.rows import outcome_rows
from findings.sorting import (
    TableSort,
    column_headers,
    empty_columns,
    light_empty_columns,
    light_order,
    sort_rows,
)
from stories.names import danish_sort_key
from storyfiles.story_files import import_stories


def story(
    slug: str,
    municipality: str,
    outcomes: str,
    *,
    date: str = "2020-05-01",
    evidence: int = 2,
    target_groups: str = "[unge-under-30]",
    extra: str = "",
) -> str:
    return (
        f"title: Historie {slug}\nslug: {slug}\nmunicipality: {municipality}\n"
        f"methods: [smaajobs]\ndate: {date}\nevidence_level: {evidence}\n"
        f"target_groups: {target_groups}\noutcomes:\n{outcomes}{extra}"
    )


@pytest.fixture
def smaajobs(site, story_dir):
    """Four småjobs stories in four municipalities with differing outcomes."""
    story_dir.write(
        "a.md",
        story(
            "holbaek-a",
            "Holbæk",
            "  - {indicator: job-eller-uddannelse, value: 34, of: 190, "
            "from: 2019-04-01, to: 2019-08-15}\n",
            evidence=3,
        ),
    )
    story_dir.write(
        "b.md",
        story(
            "vejle-b",
            "Vejle",
            "  - {indicator: job-eller-uddannelse, value: 12, of: 40, "
            "from: 2019-04-01, to: 2019-08-15}\n"
            "  - {indicator: timer-pr-uge, value: 5, value_max: 15}\n",
            date="2021-01-01",
        ),
    )
    story_dir.write(
        "c.md",
        story(
            "aarhus-c",
            "Aarhus",
            "  - {indicator: job-eller-uddannelse, value: 9, note: uden basis}\n",
            target_groups="[langtidsledige]",
            extra="\ninspired_by: [vejle-b]",
        ),
    )
    story_dir.write(
        "d.md",
        story("rebild-d", "Rebild", "  - {indicator: timer-pr-uge, value: 20}\n", evidence=1),
    )
    result = import_stories([str(story_dir.path)], publish=True)
    assert result.problems == []
    return outcome_rows({"method": ["smaajobs"]})


def names(rows) -> list[str]:
    return [f"{row.municipality.name}:{row.indicator.slug}" for row in rows]


# Sorting -------------------------------------------------------------------------
def test_default_order_ranks_rates_within_their_indicator_and_baseless_figures_after(smaajobs):
    ordered = sort_rows(smaajobs, TableSort.from_params(QueryDict("")))
    assert names(ordered) == [
        "Vejle:job-eller-uddannelse",  # 30 %
        "Holbæk:job-eller-uddannelse",  # 18 %
        "Aarhus:job-eller-uddannelse",  # 9, no base: never ranked among the rates
        "Rebild:timer-pr-uge",  # 20 hours
        "Vejle:timer-pr-uge",  # 5-15 hours
    ]


def test_ascending_result_turns_each_group_but_keeps_them_apart(smaajobs):
    ordered = sort_rows(smaajobs, TableSort.from_params(QueryDict("sort=result&dir=asc")))
    assert names(ordered)[:3] == [
        "Holbæk:job-eller-uddannelse",
        "Vejle:job-eller-uddannelse",
        "Aarhus:job-eller-uddannelse",
    ]


@pytest.mark.parametrize(
    ("params", "first", "last"),
    [
        # Danish order: Aarhus is filed under Å, after Vejle (stories.names).
        ("sort=municipality&dir=asc", "Holbæk", "Aarhus"),
        ("sort=municipality&dir=desc", "Aarhus", "Holbæk"),
        ("sort=evidence", "Holbæk", "Rebild"),  # larger first by default
        ("sort=evidence&dir=asc", "Rebild", "Holbæk"),
        ("sort=region&dir=asc", "Aarhus", "Vejle"),  # Midtjylland … Syddanmark
    ],
)
def test_every_column_sorts(smaajobs, params, first, last):
    ordered = sort_rows(smaajobs, TableSort.from_params(QueryDict(params)))
    assert ordered[0].municipality.name == first
    assert ordered[-1].municipality.name == last


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_rows_without_a_value_sort_last_both_ways(smaajobs, direction):
    ordered = sort_rows(smaajobs, TableSort.from_params(QueryDict(f"sort=period&dir={direction}")))
    assert {r.municipality.name for r in ordered[-2:]} == {"Aarhus", "Rebild"}  # no period


def test_unknown_sort_falls_back_to_the_default():
    assert TableSort.from_params(QueryDict("sort=drop+table&dir=sideways")) == TableSort(
        "result", True
    )
    assert TableSort.from_params(QueryDict("sort=story")) == TableSort("story", False)


def test_headers_link_to_the_other_direction_and_keep_other_parameters():
    headers = column_headers(
        TableSort("municipality", False), QueryDict("sort=municipality&page=3&x=1"), "t"
    )
    municipality = next(h for h in headers if h["key"] == "municipality")
    assert municipality["aria_sort"] == "ascending"
    assert "dir=desc" in municipality["url"] and municipality["url"].endswith("#t")
    assert "page=" not in municipality["url"] and "x=1" in municipality["url"]
    evidence = next(h for h in headers if h["key"] == "evidence")
    assert evidence["aria_sort"] == "" and "dir=desc" in evidence["url"]


# Comparability -------------------------------------------------------------------
def test_notes_name_what_differs(smaajobs):
    jobs = [row for row in smaajobs if row.indicator.slug == "job-eller-uddannelse"]
    notes = " ".join(comparability_notes(jobs))
    assert "forskellige målgrupper" in notes and "Langtidsledige" in notes
    assert "forskellige perioder" in notes and "ikke oplyst" in notes
    assert "“uden basis”" in notes  # an outcome defined differently
    assert "Kun 2 af 3 resultater har en basis" in notes
    assert "Evidensniveauet er forskelligt (fra 2 til 3 af 5)" in notes


def test_no_notes_when_results_are_alike_or_alone(smaajobs):
    holbaek, vejle = (
        row for row in smaajobs if row.indicator.slug == "job-eller-uddannelse" and row.has_base
    )
    assert comparability_notes([holbaek]) == []
    vejle.story.evidence_level = holbaek.story.evidence_level
    assert comparability_notes([holbaek, vejle]) == []


# Charts --------------------------------------------------------------------------
def test_each_indicator_gets_its_own_charts_and_rates_only_with_a_base(smaajobs):
    comparisons = {c.indicator.slug: c for c in compare_by_indicator(smaajobs)}
    assert set(comparisons) == {"job-eller-uddannelse", "timer-pr-uge"}
    jobs = comparisons["job-eller-uddannelse"]
    assert [chart.kind for chart in jobs.charts] == ["rate", "value"]
    rate, value = jobs.charts
    assert [bar.row.municipality.name for bar in rate.bars] == ["Vejle", "Holbæk"]
    assert [bar.row.municipality.name for bar in value.bars] == ["Aarhus"]
    # 34 of 190 on a 0-100 % axis; the base is written beside the bar.
    holbaek = rate.bars[1]
    assert holbaek.width == pytest.approx(100 * 34 / 190, abs=0.1)  # % of the axis
    assert holbaek.figure == "34 af 190 (18 %)"
    assert rate.ticks[-1]["text"] == "100 %"
    hours = comparisons["timer-pr-uge"].charts
    assert [chart.kind for chart in hours] == ["value"]
    vejle = next(bar for bar in hours[0].bars if bar.row.municipality.name == "Vejle")
    assert vejle.range_width == pytest.approx(100 * 10 / 20, abs=0.1)  # 5-15 of 20


@pytest.mark.parametrize(
    ("value", "top"),
    [
        (Decimal(1), 1),
        (Decimal(7), 10),
        (Decimal(12), 20),
        (Decimal(21), Decimal("25")),
        (Decimal(70), 100),
        (Decimal(190), 200),
        (Decimal("0.3"), Decimal("0.5")),
    ],
)
def test_axis_ends_on_a_round_number(value, top):
    assert nice_ceiling(value) == top


def test_axes_of_counts_have_whole_steps():
    assert axis_ticks(Decimal(1), whole=True) == [0, 1]
    assert axis_ticks(Decimal(2), whole=True) == [0, 1, 2]
    assert axis_ticks(Decimal(20), whole=True) == [0, 5, 10, 15, 20]
    assert len(axis_ticks(Decimal(1), whole=False)) == 5


# The method page as a practitioner sees it --------------------------------------------
def test_method_page_lines_up_every_municipality(smaajobs):
    body = Client().get("/metoder/smaajobs/").content.decode()
    table = body[body.index('class="outcomes comparison-table"') :]
    for figure in ("34 af 190 <strong>(18 %)</strong>", "12 af 40 <strong>(30 %)</strong>"):
        assert figure in table
    assert "5–15 timer pr. uge" in table
    assert table.count("<tr>") == 1 + 5  # heading + every outcome
    assert 'aria-sort="descending"' in table
    # Rates, jobs without base, hours: drawn in HTML, so their text keeps its size.
    assert body.count('<figure class="chart"') == 3 and "<svg" not in body
    assert "Vær varsom med at sammenligne" in body
    assert "/api/outcomes/?method=smaajobs&amp;format=csv" in body


def test_method_page_table_sorts_by_a_column(smaajobs):
    body = Client().get("/metoder/smaajobs/?sort=municipality&dir=desc").content.decode()
    table = body[body.index('class="outcomes comparison-table"') :]
    order = re.findall(r'<a href="/kommuner/[^"]+/" lang="da">([^<]+)</a>', table)
    # Danish order, turned: Aarhus (filed under Å) first, then Vejle … Holbæk.
    assert order == sorted(order, key=danish_sort_key, reverse=True) and order[0] == "Aarhus"


def headings(table: str) -> list[str]:
    return re.findall(r'<th scope="col"[^>]*>\s*<a href="[^"]*">([^<]+)<', table)


def test_method_page_table_puts_result_and_story_after_the_municipality(smaajobs):
    body = Client().get("/metoder/smaajobs/").content.decode()
    table = body[body.index('class="outcomes comparison-table"') :]
    table = table[: table.index("</table>")]
    # No "Interval" (the result writes the range) and no "Kr. pr. person": no story
    # gives a cost, so that column would be dashes only.
    assert headings(table) == [
        "Kommune",
        "Resultat",
        "Historie",
        "Hvad er målt",
        "Målgruppe",
        "Periode",
        "Evidens",
        "Region",
    ]
    # The municipality heads its row; every row's cells follow the headings.
    first_row = table[table.index("<tbody>") :].split("</tr>")[0]
    assert re.findall(r'<t[hd] (?:scope="row" )?class="comparison-table__(\w+)"', first_row) == [
        "municipality",
        "result",
        "story",
        "indicator",
        "target_group",
        "period",
        "evidence",
        "region",
    ]
    assert first_row.index('<th scope="row" class="comparison-table__municipality">') > 0


def test_a_column_empty_on_every_row_is_left_out(site, story_dir):
    story_dir.write(
        "a.md",
        story("tom", "Vejle", "  - {indicator: timer-pr-uge, value: 20}\n", target_groups="[]"),
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    body = Client().get("/metoder/smaajobs/").content.decode()
    table = body[body.index('class="outcomes comparison-table"') :]
    table = table[: table.index("</table>")]
    kept = ["Kommune", "Resultat", "Historie", "Hvad er målt", "Evidens", "Region"]
    assert headings(table) == kept
    assert "comparison-table__period" not in table and "–" not in table
    story_page = Client().get("/historier/syddanmark/tom/").content.decode()
    outcomes = story_page[story_page.index('class="outcomes outcomes--cards"') :]
    outcomes = outcomes[: outcomes.index("</table>")]
    assert "Resultat" in outcomes
    for empty in ("Periode", "Målgruppe", "Kr. pr. person"):
        assert empty not in outcomes


def test_method_page_marks_the_municipalities_on_the_tile_map(smaajobs):
    body = Client().get("/metoder/smaajobs/").content.decode()
    tiles = body[body.index('class="tile-map"') :]
    used = re.findall(r'<li class="tile tile--used"><a href="(/kommuner/[^"]+/)"', tiles)
    assert sorted(used) == [
        "/kommuner/aarhus/",
        "/kommuner/holbaek/",
        "/kommuner/rebild/",
        "/kommuner/vejle/",
    ]
    assert tiles.count('<li class="tile" lang="da">') == 98 - 4


def test_method_page_shows_who_took_the_practice_from_whom(smaajobs):
    body = Client().get("/metoder/smaajobs/").content.decode()
    spread = body[body.index('class="spread"') :]
    spread = spread[: spread.index("</ol>")]
    assert spread.index(">Vejle<") < spread.index(">Aarhus<")
    assert "Historie aarhus-c" in spread


def test_method_page_without_outcomes_says_so(site):
    body = Client().get("/metoder/coaching/").content.decode()
    assert "Ingen af historierne om metoden har endnu målte resultater." in body
    assert "Ingen af historierne nævner endnu, hvor praksissen kom fra." in body


def test_municipality_and_region_pages_show_methods_outcomes_and_neighbours(smaajobs):
    client = Client()
    body = client.get("/kommuner/vejle/").content.decode()
    assert 'href="/metoder/smaajobs/"' in body
    assert "12 af 40 <strong>(30 %)</strong>" in body and "34 af 190" not in body
    assert 'href="/kommuner/kolding/"' in body  # every neighbour in the region
    assert 'href="/kommuner/aarhus/"' not in body[body.index('id="naboer"') :]
    body = client.get("/historier/sjaelland/").content.decode()
    assert "34 af 190 <strong>(18 %)</strong>" in body and "12 af 40" not in body
    assert 'href="/historier/syddanmark/"' in body  # the other regions


def test_a_range_with_a_base_is_a_range_of_rates_rounded_half_up(site, story_dir):
    story_dir.write(
        "r.md",
        story("range", "Vejle", "  - {indicator: deltagere, value: 5, value_max: 15, of: 40}\n"),
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    (row,) = outcome_rows({"method": ["smaajobs"]})
    assert row.amount_text == "5–15 af 40"
    assert row.rate_text == "13–38 %"  # 12,5 % and 37,5 % round half up
    (chart,) = compare_by_indicator([row])[0].charts
    (bar,) = chart.bars
    assert chart.kind == "rate"
    assert bar.width == pytest.approx(12.5, abs=0.1)
    assert bar.range_width == pytest.approx(25, abs=0.1)
    assert row.as_open_data()["rate"] == 0.125


@pytest.mark.parametrize(
    "column", ["result", "municipality", "region", "indicator", "evidence", "story"]
)
@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_the_light_order_is_the_order_of_whole_rows(smaajobs, column, direction):
    # Region and municipality tables are ordered from a few values an outcome and load
    # whole rows for their page only; the order must be the one whole rows give.
    order = TableSort.from_params(QueryDict(f"sort={column}&dir={direction}"))
    light = light_order(matching_outcomes({"method": ["smaajobs"]}), order)
    assert light == [row.outcome.pk for row in sort_rows(smaajobs, order)]


def test_columns_that_need_whole_rows_have_no_light_order(smaajobs):
    for column in ("target_group", "period", "cost"):
        order = TableSort.from_params(QueryDict(f"sort={column}"))
        assert light_order(matching_outcomes({"method": ["smaajobs"]}), order) is None


def test_the_light_check_for_empty_columns_agrees_with_whole_rows(smaajobs):
    assert light_empty_columns(matching_outcomes({"method": ["smaajobs"]})) == empty_columns(
        smaajobs
    )
