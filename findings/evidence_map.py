"""The evidence map: methods × indicators, each cell counting the stories (and their
municipalities) that report that indicator for that method.

Counted with the filters' one meaning (`filters`), the search's own, so a cell's
number is exactly what the filtered search it links to finds: a story counts for a
method it is tagged with and an indicator it has an outcome for; a target group matches
the story's groups or an outcome's group; a region is the lead municipality's region.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil

from django.db.models import Count, Max
from django.utils.http import urlencode

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


@dataclass
class EvidenceRow:
    method: Method
    cells: list[EvidenceCell] = field(default_factory=list)

    @property
    def stories(self) -> int:
        return sum(cell.stories for cell in self.cells)

    @property
    def strongest_evidence(self) -> int | None:
        """The highest evidence level among the stories counted in the row."""
        return max((c.strongest_evidence for c in self.cells if c.strongest_evidence), default=None)

    @property
    def reported(self) -> int:
        return sum(1 for cell in self.cells if cell.stories)


@dataclass
class EvidenceMap:
    indicators: list[Indicator]
    rows: list[EvidenceRow]
    region: Region | None = None
    target_group: TargetGroup | None = None

    @property
    def cell_count(self) -> int:
        return len(self.rows) * len(self.indicators)

    @property
    def empty_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if not cell.stories)


def filtered_stories(region: Region | None, target_group: TargetGroup | None):
    filters = {}
    if region is not None:
        filters["region"] = [region.code]
    if target_group is not None:
        filters["target_group"] = [target_group.slug]
    return matching_stories(filters)


def evidence_map(
    region: Region | None = None,
    target_group: TargetGroup | None = None,
    search_url: str = "/search/",
) -> EvidenceMap:
    """The whole map in four queries, however many stories exist."""
    stories = filtered_stories(region, target_group)
    counts = {
        (row["story__methods"], row["indicator"]): row
        for row in Outcome.objects.filter(story__in=stories.values("pk"))
        .values("story__methods", "indicator")
        .annotate(
            stories=Count("story", distinct=True),
            municipalities=Count("story__municipalities", distinct=True),
            strongest_evidence=Max("story__evidence_level"),
        )
        .order_by()
    }
    used_methods = {method_id for method_id, _indicator in counts}
    used_indicators = {indicator_id for _method, indicator_id in counts}
    # Active terms always have their row and column, so missing knowledge shows; a
    # retired term shows only while stories still report it.
    methods = [m for m in Method.objects.order_by("name") if m.active or m.pk in used_methods]
    indicators = [
        i for i in Indicator.objects.order_by("name") if i.active or i.pk in used_indicators
    ]
    fullest = max((row["stories"] for row in counts.values()), default=0)
    base_params = []
    if region is not None:
        base_params.append(("region", region.code))
    if target_group is not None:
        base_params.append(("target_group", target_group.slug))
    rows = []
    for method in methods:
        row = EvidenceRow(method)
        for indicator in indicators:
            found = counts.get((method.pk, indicator.pk))
            cell = EvidenceCell(method, indicator)
            if found:
                cell.stories = found["stories"]
                cell.municipalities = found["municipalities"]
                cell.strongest_evidence = found["strongest_evidence"]
                cell.shade = max(1, ceil(SHADES * cell.stories / fullest))
            params = [("method", method.slug), ("indicator", indicator.slug), *base_params]
            cell.search_url = f"{search_url}?{urlencode(params)}"
            row.cells.append(cell)
        rows.append(row)
    return EvidenceMap(indicators, rows, region, target_group)
