"""The outcomes table's order: every column sorts (?sort=…&dir=…), links and aria-sort
for each heading, and results ranked only among alike figures."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy

from stories.names import danish_sort_key, printable

from .filters import matching_outcomes
from .rows import OutcomeRow, outcome_rows

# The comparison table's columns in the order they are shown: (key, heading). Every
# column sorts. The result and its story come right after the municipality, so they
# are in view on a laptop and first on a phone; the first shown column is the row's
# heading and stays in place when the table scrolls sideways. A range is written in
# the result itself, so it has no column of its own.
COLUMNS = [
    ("municipality", gettext_lazy("Kommune")),
    ("result", gettext_lazy("Resultat")),
    ("story", gettext_lazy("Historie")),
    ("indicator", gettext_lazy("Hvad er målt")),
    ("target_group", gettext_lazy("Målgruppe")),
    ("period", gettext_lazy("Periode")),
    ("evidence", gettext_lazy("Evidens")),
    ("cost", gettext_lazy("Kr. pr. person")),
    ("region", gettext_lazy("Region")),
]
COLUMN_KEYS = [key for key, _heading in COLUMNS]
# Larger first is what a reader expects of figures; names read A to Å.
DESCENDING_BY_DEFAULT = {"result", "period", "evidence"}
# The table shows this many rows a page: with hundreds of municipalities the page stays
# light, the CSV and JSON downloads stay complete.
TABLE_ROWS_PER_PAGE = 25
# The table's own page number, apart from the page number of a list of stories beside it.
TABLE_PAGE_PARAMETER = "table_page"


@dataclass
class TableSort:
    column: str
    descending: bool

    @classmethod
    def from_params(cls, params: QueryDict) -> TableSort:
        """The table's order from ?sort=…&dir=…; anything unknown means the default
        (grouped by indicator, best result first), never an error page."""
        column = params.get("sort", "")
        if column not in COLUMN_KEYS:
            return cls("result", True)
        direction = params.get("dir", "")
        if direction not in ("asc", "desc"):
            return cls(column, column in DESCENDING_BY_DEFAULT)
        return cls(column, direction == "desc")


def sort_rows(rows: list[OutcomeRow], order: TableSort) -> list[OutcomeRow]:
    """Rows in the chosen order. Results are ranked within their indicator only, rates
    among rates and figures without a base after them: no league table mixes what is not
    alike. Ties keep the newest story first."""
    rows = list(rows)
    if order.column == "result":
        groups: OrderedDict[str, list[OutcomeRow]] = OrderedDict()
        for row in sorted(rows, key=lambda r: r.indicator.name.casefold()):
            groups.setdefault(row.indicator.slug, []).append(row)
        ordered: list[OutcomeRow] = []
        for group in groups.values():
            with_base = sorted(
                (r for r in group if r.has_base), key=lambda r: r.rate, reverse=order.descending
            )
            without = sorted(
                (r for r in group if not r.has_base),
                key=lambda r: r.outcome.value,
                reverse=order.descending,
            )
            ordered += with_base + without
        return ordered
    present = [r for r in rows if r.sort_value(order.column) is not None]
    missing = [r for r in rows if r.sort_value(order.column) is None]
    present.sort(key=lambda r: r.sort_value(order.column), reverse=order.descending)
    return present + missing


def column_headers(order: TableSort, params: QueryDict, anchor: str) -> list[dict[str, Any]]:
    """Each heading with the link that sorts by it (the other way round if it is the
    current column) and its aria-sort state."""
    headers = []
    for key, heading in COLUMNS:
        current = key == order.column
        if current:
            next_desc = not order.descending
        else:
            next_desc = key in DESCENDING_BY_DEFAULT
        query = params.copy()
        query["sort"] = key
        query["dir"] = "desc" if next_desc else "asc"
        query.pop("page", None)
        query.pop(TABLE_PAGE_PARAMETER, None)
        headers.append(
            {
                "key": key,
                "heading": heading,
                "url": f"?{query.urlencode()}#{anchor}",
                "aria_sort": ("descending" if order.descending else "ascending") if current else "",
                "current": current,
            }
        )
    return headers


def empty_columns(rows: list[OutcomeRow]) -> tuple[str, ...]:
    """The columns no row has a value in (no target group, period or cost anywhere): a
    column of dashes only takes room from the ones that say something."""
    return tuple(
        key
        for key in COLUMN_KEYS
        if key != "result" and all(row.sort_value(key) is None for row in rows)
    )


def table_page(rows: list, params: QueryDict) -> tuple[Page, str]:
    """The page of rows the request asks for, and a message where the number asked for
    is not a page of the table (the first page is shown then, or the last if it was past
    the end)."""
    paginator = Paginator(rows, TABLE_ROWS_PER_PAGE)
    wanted = params.get(TABLE_PAGE_PARAMETER, "").strip()
    if not wanted:
        return paginator.page(1), ""
    try:
        number = int(wanted)
    except ValueError:
        number = 0
    if 1 <= number <= paginator.num_pages:
        return paginator.page(number), ""
    shown = paginator.num_pages if number > paginator.num_pages else 1
    message = gettext(
        "Tabellen har ingen side “%(value)s”; den viser side %(shown)s af %(total)s."
    ) % {"value": printable(wanted), "shown": shown, "total": paginator.num_pages}
    return paginator.page(shown), message


# Columns a table is ordered by from a light query, a few values an outcome, so a table
# of thousands of outcomes loads whole rows for its one page only: (the value, its sort
# key), as OutcomeRow.sort_value has them. The other columns (target group, period, cost)
# are worked out from whole rows, all of them.
LIGHT_COLUMNS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "municipality": ("story__municipality__name", danish_sort_key),
    "region": ("story__municipality__region__name", danish_sort_key),
    "indicator": ("indicator__name", str.casefold),
    "evidence": ("story__evidence_level", int),
    "story": ("story__title", str.casefold),
}


def _in_row_order(outcomes: QuerySet) -> QuerySet:
    """The order outcome_rows gives: newest story first, then the story's own order."""
    return outcomes.order_by(
        F("story__date").desc(nulls_last=True), "-story_id", "sort_order", "pk"
    )


def light_order(outcomes: QuerySet, order: TableSort) -> list[int] | None:
    """The outcomes' ids in the table's order, from a few values each, exactly as
    sort_rows orders whole rows; None for a column that needs whole rows."""
    outcomes = _in_row_order(outcomes)
    if order.column == "result":
        groups: OrderedDict[str, list[tuple[int, Decimal, int | None]]] = OrderedDict()
        values = outcomes.values_list("pk", "indicator__name", "indicator__slug", "value", "of")
        for pk, _name, slug, value, of in sorted(values, key=lambda v: v[1].casefold()):
            groups.setdefault(slug, []).append((pk, Decimal(value), of))
        ordered: list[int] = []
        for group in groups.values():
            with_base = sorted(
                (g for g in group if g[2]), key=lambda g: g[1] / g[2], reverse=order.descending
            )
            without = sorted(
                (g for g in group if not g[2]), key=lambda g: g[1], reverse=order.descending
            )
            ordered += [pk for pk, _value, _of in with_base + without]
        return ordered
    if order.column not in LIGHT_COLUMNS:
        return None
    field, key = LIGHT_COLUMNS[order.column]
    values = list(outcomes.values_list("pk", field))
    values.sort(key=lambda v: key(v[1]), reverse=order.descending)
    return [pk for pk, _value in values]


def light_empty_columns(outcomes: QuerySet) -> tuple[str, ...]:
    """empty_columns without loading every row: a few EXISTS queries, and whole rows for
    the outcomes of costed stories only (whether kroner per person can be worked out is
    StoryPage.cost_per_person's to say)."""
    empty = []
    if not outcomes.filter(
        Q(target_group__isnull=False) | Q(story__target_groups__isnull=False)
    ).exists():
        empty.append("target_group")
    if not outcomes.filter(Q(period_from__isnull=False) | Q(period_to__isnull=False)).exists():
        empty.append("period")
    costed = outcomes.filter(story__cost_amount__isnull=False)
    if not any(row.cost_per_person is not None for row in outcome_rows(outcomes=costed)):
        empty.append("cost")
    return tuple(empty)


def outcome_table(
    params: QueryDict,
    filters: dict[str, list[str]],
    anchor: str = "sammenligning",
    hide: tuple[str, ...] = (),
    rows: list[OutcomeRow] | None = None,
) -> dict[str, Any]:
    """The outcomes the filters select as a table in the order the request asks for, a
    page of TABLE_ROWS_PER_PAGE rows at a time, with the link to all the rows in
    /api/outcomes/. `hide` drops columns that say the same on every row (the
    municipality on its own page); columns empty on every row are dropped too.

    Given every row (`rows`, where the page has loaded them anyway), the table is sorted
    from them; else the order comes from a light query where it can and only the page's
    own rows are loaded whole."""
    order = TableSort.from_params(params)
    outcomes = matching_outcomes(filters)
    ordered_ids = light_order(outcomes, order) if rows is None else None
    if ordered_ids is None:
        rows = outcome_rows(filters) if rows is None else rows
        hidden = (*hide, *empty_columns(rows))
        page, problem = table_page(sort_rows(rows, order), params)
    else:
        hidden = (*hide, *light_empty_columns(outcomes))
        page, problem = table_page(ordered_ids, params)
        wanted = list(page.object_list)
        loaded = {
            row.outcome.pk: row for row in outcome_rows(outcomes=outcomes.filter(pk__in=wanted))
        }
        page.object_list = [loaded[pk] for pk in wanted if pk in loaded]
    return {
        "outcome_rows": page.object_list,
        "outcome_page": page,
        "outcome_page_problem": problem,
        "table_page_parameter": TABLE_PAGE_PARAMETER,
        "table_headers": [
            header
            for header in column_headers(order, params, anchor)
            if header["key"] not in hidden
        ],
        "table_anchor": anchor,
        "open_data_query": urlencode(filters, doseq=True),
    }
