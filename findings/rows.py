"""Measured outcomes as rows: one row per outcome of a published, public story.

The same rows feed the method page's comparison table and charts, the municipality and
region pages, and the open-data API (`/api/outcomes/`), so a figure reads the same
wherever it appears. Rows are built in a fixed number of queries however many stories
exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from .formatting import format_kroner, format_range
from .models import Outcome, StoryPage, TargetGroup
from .text import printable

# The filters the open-data API and the pages take; each is repeatable (OR within).
ROW_FILTERS = ("method", "indicator", "municipality", "region", "target_group", "evidence_level")


# An open-data row's columns, in order (`OutcomeRow.as_open_data`, the CSV header): the
# story and its place, then the outcome itself, then the story's evidence and source.
STORY_FIELDS = (
    "story_slug",
    "story_title",
    "story_url",
    "municipality_code",
    "municipality_name",
    "region_code",
    "region_name",
    "methods",
)
OUTCOME_FIELDS = (
    "indicator",
    "indicator_name",
    "unit",
    "value",
    "value_max",
    "of",
    "rate",
    "from",
    "to",
    "target_group",
)
OPEN_DATA_FIELDS = STORY_FIELDS + OUTCOME_FIELDS + ("evidence_level", "source")


class RowFilterError(ValueError):
    """A filter value that can never be valid (e.g. evidence_level=abc): answered 400."""


def _number(value: Decimal | int | None) -> int | float | None:
    """A JSON number: 70, not 70.0 or "70.00"."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass
class OutcomeRow:
    story: StoryPage
    outcome: Outcome
    target_groups: list[TargetGroup]

    # What the row is about ---------------------------------------------------------
    @property
    def municipality(self):
        return self.story.municipality

    @property
    def region(self):
        return self.story.municipality.region

    @property
    def indicator(self):
        return self.outcome.indicator

    @property
    def evidence_level(self) -> int:
        return self.story.evidence_level

    @property
    def target_group_text(self) -> str:
        return ", ".join(group.name for group in self.target_groups)

    @property
    def target_group_slugs(self) -> str:
        return ";".join(group.slug for group in self.target_groups)

    @property
    def has_base(self) -> bool:
        return bool(self.outcome.of)

    @property
    def rate(self) -> Decimal | None:
        return self.outcome.rate

    @property
    def cost_per_person(self) -> Decimal | None:
        return self.story.cost_per_person(self.outcome)

    @property
    def cost_per_person_text(self) -> str:
        return format_kroner(self.cost_per_person)

    @property
    def period(self) -> tuple[date | None, date | None]:
        return (self.outcome.period_from, self.outcome.period_to)

    @property
    def amount_text(self) -> str:
        """The value alone with its unit, or "n af N": the figure without the rate."""
        outcome = self.outcome
        if outcome.of:
            amount = format_range(outcome.value, outcome.value_max)
            return f"{amount} af {format_range(outcome.of, None)}"
        return outcome.figure

    @property
    def rate_text(self) -> str:
        return self.outcome.rate_text

    @property
    def range_text(self) -> str:
        """The span of a range outcome ("5–15 timer pr. uge"), empty for a single value."""
        if self.outcome.value_max is None:
            return ""
        return self.outcome.figure

    # Sort values of the comparison table -----------------------------------------
    def sort_value(self, column: str) -> Any:
        """The row's value in a column, in natural order; None where the row has none
        (it then sorts last whichever way the column is turned)."""
        outcome = self.outcome
        values = {
            "municipality": self.municipality.name.casefold(),
            "region": self.region.name.casefold(),
            "target_group": self.target_group_text.casefold() or None,
            "indicator": self.indicator.name.casefold(),
            "range": outcome.value_max,
            "period": outcome.period_to or outcome.period_from,
            "evidence": self.evidence_level,
            "cost": self.cost_per_person,
            "story": self.story.title.casefold(),
        }
        return values[column]

    # Open data ---------------------------------------------------------------------
    def as_open_data(self, request=None) -> dict[str, Any]:
        story = self.story
        rate = self.rate
        return {
            "story_slug": story.slug,
            "story_title": story.title,
            "story_url": (
                request.build_absolute_uri(story.get_url(request))
                if request is not None
                else story.get_full_url()
            ),
            "municipality_code": self.municipality.code,
            "municipality_name": self.municipality.name,
            "region_code": self.region.code,
            "region_name": self.region.name,
            "methods": [method.slug for method in story.methods.all()],
            "indicator": self.indicator.slug,
            "indicator_name": self.indicator.name,
            "unit": self.indicator.unit,
            "value": _number(self.outcome.value),
            "value_max": _number(self.outcome.value_max),
            "of": self.outcome.of,
            "rate": round(float(rate), 4) if rate is not None else None,
            "from": self.outcome.period_from.isoformat() if self.outcome.period_from else None,
            "to": self.outcome.period_to.isoformat() if self.outcome.period_to else None,
            "target_group": self.target_group_slugs or None,
            "evidence_level": story.evidence_level,
            "source": story.source_url or source_citation(story) or None,
        }


def source_citation(story: StoryPage) -> str:
    parts = [story.source_title, story.source_publisher]
    if story.source_date:
        parts.append(story.source_date.isoformat())
    return ", ".join(part for part in parts if part)


def clean_filters(params) -> dict[str, list[str]]:
    """The row filters from GET parameters (a QueryDict): stripped, de-duplicated, and
    refused where a value can never be valid."""
    filters: dict[str, list[str]] = {}
    for name in ROW_FILTERS:
        values = list(dict.fromkeys(v.strip() for v in params.getlist(name) if v.strip()))
        if len(values) > 50:
            raise RowFilterError(f"højst 50 værdier pr. filter ({name})")
        if name == "evidence_level":
            for value in values:
                if value not in {"1", "2", "3", "4", "5"}:
                    raise RowFilterError(
                        "evidence_level skal være et tal fra 1 til 5, "
                        f"ikke '{printable(value, 20)}'"
                    )
        if values:
            filters[name] = [value[:80] for value in values]
    return filters


def outcome_queryset(filters: dict[str, list[str]] | None = None) -> QuerySet:
    """Outcomes of published, public stories, filtered: OR within a filter, AND across.

    A target-group filter matches an outcome measured for that group, or an outcome
    without a group of its own in a story about that group, as the search facet does.
    """
    filters = filters or {}
    stories = StoryPage.objects.live().public()
    outcomes = Outcome.objects.filter(story__in=stories.values("pk"))
    if "method" in filters:
        outcomes = outcomes.filter(
            story__in=stories.filter(methods__slug__in=filters["method"]).values("pk")
        )
    if "indicator" in filters:
        outcomes = outcomes.filter(indicator__slug__in=filters["indicator"])
    if "municipality" in filters:
        outcomes = outcomes.filter(
            story__in=stories.filter(municipalities__code__in=filters["municipality"]).values("pk")
        )
    if "region" in filters:
        outcomes = outcomes.filter(story__municipality__region__code__in=filters["region"])
    if "evidence_level" in filters:
        outcomes = outcomes.filter(
            story__evidence_level__in=[int(v) for v in filters["evidence_level"]]
        )
    if "target_group" in filters:
        slugs = filters["target_group"]
        outcomes = outcomes.filter(
            Q(target_group__slug__in=slugs)
            | Q(
                target_group__isnull=True,
                story__in=stories.filter(target_groups__slug__in=slugs).values("pk"),
            )
        )
    return outcomes


def outcome_rows(
    filters: dict[str, list[str]] | None = None, outcomes: QuerySet | None = None
) -> list[OutcomeRow]:
    """Rows in story order (newest first), then each story's own outcome order."""
    outcomes = outcome_queryset(filters) if outcomes is None else outcomes
    outcomes = (
        outcomes.select_related("indicator", "target_group", "story__municipality__region")
        .prefetch_related(
            Prefetch("story__methods"),
            Prefetch("story__target_groups"),
        )
        .order_by("-story__date", "-story_id", "sort_order", "pk")
    )
    rows = []
    for outcome in outcomes:
        story = outcome.story
        groups = (
            [outcome.target_group] if outcome.target_group_id else list(story.target_groups.all())
        )
        rows.append(OutcomeRow(story=story, outcome=outcome, target_groups=groups))
    return rows
