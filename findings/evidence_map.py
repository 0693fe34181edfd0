"""The evidence map: methods × indicators, each cell counting the stories (and their
municipalities) that report that indicator for that method.

Counted with the filters' one meaning (`filters`), the search's own, so a cell's
number is exactly what the filtered search it links to finds: a story counts for a
method it is tagged with and an indicator it has an outcome for; a target group matches
the story's groups or an outcome's group; a region is the lead municipality's region.

Every count is an aggregate query over the whole map, so the map costs the same number of
queries with 30 stories or 10,000, and with 5 methods or 50.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil, floor

from django.db.models import Count, Max
from django.utils.http import urlencode

from stories.evidence import EXPLAINED, EvidenceLevelExplained
from stories.models import Indicator, Method, Outcome, Region, TargetGroup

from .filters import matching_stories

SHADES = 4  # cells are shaded 1-4 by their share of the fullest cell; 0 is empty


@dataclass
class EvidenceCell:
    method: Method
    indicator: Indicator
    stories: int = 0
    municipalities: int = 0
    shade: int = 0
    search_url: str = ""
    strongest_evidence: int | None = None
    # Whether nothing in the cell's column has stories: the column is hidden with the
    # empty ones, and every cell of it with it.
    in_empty_column: bool = False

    @property
    def evidence(self) -> EvidenceLevelExplained | None:
        return EXPLAINED.get(self.strongest_evidence)


@dataclass
class EvidenceColumn:
    """An indicator, with the stories (each once) that report it under the filters."""

    indicator: Indicator
    stories: int = 0
    search_url: str = ""

    @property
    def empty(self) -> bool:
        return not self.stories


@dataclass
class EvidenceRow:
    """A method, with the stories (each once) that report any indicator for it: fewer
    than the sum of its cells when a story reports more than one indicator."""

    method: Method
    cells: list[EvidenceCell] = field(default_factory=list)
    stories: int = 0
    municipalities: int = 0

    @property
    def strongest_evidence(self) -> int | None:
        """The highest evidence level among the stories counted in the row."""
        return max((c.strongest_evidence for c in self.cells if c.strongest_evidence), default=None)

    @property
    def reported(self) -> list[EvidenceCell]:
        """The cells with stories, in the columns' order: the row as a list."""
        return [cell for cell in self.cells if cell.stories]

    @property
    def empty(self) -> bool:
        return not self.stories


@dataclass(frozen=True)
class ShadeBand:
    """The story counts one shade stands for, `low`–`high`, and how many cells have it."""

    shade: int
    low: int
    high: int
    cells: int


@dataclass(frozen=True)
class LevelCount:
    """How many of the map's stories are at one evidence level."""

    level: EvidenceLevelExplained
    stories: int


@dataclass
class EvidenceMap:
    columns: list[EvidenceColumn]
    rows: list[EvidenceRow]
    region: Region | None = None
    target_group: TargetGroup | None = None
    # The stories on the map, each once, and how many there are at each evidence level.
    stories: int = 0
    levels: list[LevelCount] = field(default_factory=list)
    bands: list[ShadeBand] = field(default_factory=list)

    @property
    def indicators(self) -> list[Indicator]:
        return [column.indicator for column in self.columns]

    @property
    def cell_count(self) -> int:
        return len(self.rows) * len(self.columns)

    @property
    def empty_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if not cell.stories)

    @property
    def empty_rows(self) -> list[EvidenceRow]:
        return [row for row in self.rows if row.empty]

    @property
    def empty_columns(self) -> list[EvidenceColumn]:
        return [column for column in self.columns if column.empty]

    @property
    def filled_rows(self) -> list[EvidenceRow]:
        return [row for row in self.rows if not row.empty]

    @property
    def filled_columns(self) -> list[EvidenceColumn]:
        return [column for column in self.columns if not column.empty]

    @property
    def filled_cell_count(self) -> int:
        """The cells of the map with its empty rows and columns hidden."""
        return len(self.filled_rows) * len(self.filled_columns)

    @property
    def filled_empty_count(self) -> int:
        """The empty cells left when the empty rows and columns are hidden: the gaps
        between what has been measured."""
        return self.filled_cell_count - (self.cell_count - self.empty_count)


def filtered_stories(region: Region | None, target_group: TargetGroup | None):
    filters = {}
    if region is not None:
        filters["region"] = [region.code]
    if target_group is not None:
        filters["target_group"] = [target_group.slug]
    return matching_stories(filters)


def shade_bands(counts: list[int]) -> list[ShadeBand]:
    """What each shade means in stories: shade k holds the counts above (k-1)/4 and up to
    k/4 of the fullest cell. A shade no whole count falls into is left out."""
    fullest = max(counts, default=0)
    bands = []
    for shade in range(1, SHADES + 1):
        low = floor((shade - 1) * fullest / SHADES) + 1
        high = floor(shade * fullest / SHADES)
        if low <= high:
            cells = sum(1 for count in counts if low <= count <= high)
            bands.append(ShadeBand(shade, low, high, cells))
    return bands


def shade(stories: int, fullest: int) -> int:
    """A cell's shade, 1-4 by its share of the fullest cell, 0 when empty."""
    return max(1, ceil(SHADES * stories / fullest)) if stories else 0


def evidence_map(
    region: Region | None = None,
    target_group: TargetGroup | None = None,
    search_url: str = "/search/",
) -> EvidenceMap:
    """The whole map in six queries, however many stories, methods and indicators exist."""
    stories = filtered_stories(region, target_group)
    outcomes = Outcome.objects.filter(story__in=stories.values("pk"))
    counts = {
        (row["story__methods"], row["indicator"]): row
        for row in outcomes.values("story__methods", "indicator")
        .annotate(
            stories=Count("story", distinct=True),
            municipalities=Count("story__municipalities", distinct=True),
            strongest_evidence=Max("story__evidence_level"),
        )
        .order_by()
    }
    # A story counts once in its row and its column, however many cells it fills.
    by_method = {
        row["story__methods"]: row
        for row in outcomes.values("story__methods")
        .annotate(
            stories=Count("story", distinct=True),
            municipalities=Count("story__municipalities", distinct=True),
        )
        .order_by()
    }
    by_indicator = {
        row["indicator"]: row["stories"]
        for row in outcomes.values("indicator")
        .annotate(stories=Count("story", distinct=True))
        .order_by()
    }
    by_level = {
        row["story__evidence_level"]: row["stories"]
        for row in outcomes.values("story__evidence_level")
        .annotate(stories=Count("story", distinct=True))
        .order_by()
    }
    used_methods = {method_id for method_id, _indicator in counts}
    used_indicators = {indicator_id for _method, indicator_id in counts}
    # Active terms always have their row and column, so missing knowledge shows; a
    # retired term shows only while stories still report it. The method's page comes
    # with it, for the row's link.
    methods = [
        m
        for m in Method.objects.select_related("page").order_by("name")
        if m.active or m.pk in used_methods
    ]
    indicators = [
        i for i in Indicator.objects.order_by("name") if i.active or i.pk in used_indicators
    ]
    fullest = max((row["stories"] for row in counts.values()), default=0)
    base_params = []
    if region is not None:
        base_params.append(("region", region.code))
    if target_group is not None:
        base_params.append(("target_group", target_group.slug))
    columns = [
        EvidenceColumn(
            indicator,
            stories=by_indicator.get(indicator.pk, 0),
            search_url=f"{search_url}?{urlencode([('indicator', indicator.slug), *base_params])}",
        )
        for indicator in indicators
    ]
    rows = []
    for method in methods:
        totals = by_method.get(method.pk, {})
        row = EvidenceRow(
            method,
            stories=totals.get("stories", 0),
            municipalities=totals.get("municipalities", 0),
        )
        for column in columns:
            found = counts.get((method.pk, column.indicator.pk))
            cell = EvidenceCell(method, column.indicator, in_empty_column=column.empty)
            if found:
                cell.stories = found["stories"]
                cell.municipalities = found["municipalities"]
                cell.strongest_evidence = found["strongest_evidence"]
                cell.shade = shade(cell.stories, fullest)
            params = [("method", method.slug), ("indicator", column.indicator.slug), *base_params]
            cell.search_url = f"{search_url}?{urlencode(params)}"
            row.cells.append(cell)
        rows.append(row)
    filled = [cell.stories for row in rows for cell in row.cells if cell.stories]
    return EvidenceMap(
        columns,
        rows,
        region,
        target_group,
        stories=sum(by_level.values()),
        levels=[
            LevelCount(EXPLAINED[level], count)
            for level, count in sorted(by_level.items())
            if level in EXPLAINED
        ],
        bands=shade_bands(filled),
    )
