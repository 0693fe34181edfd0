"""An outcome as it is read: one row per outcome of a published, public story.

This is the one read shape of an outcome. The method page's comparison table and
charts, the municipality and region pages, the search index's documents, the open-data
API (`/api/outcomes/`) and the Wagtail API v2 all use it, so a figure reads the same
wherever it appears. Rows are built in a fixed number of queries however many stories
exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Prefetch, QuerySet

from stories.addresses import page_address
from stories.formatting import format_kroner
from stories.models import Outcome, StoryPage, TargetGroup
from stories.names import danish_sort_key
from stories.precision import PartialDate

from .filters import matching_outcomes

# Dates are given exactly as precisely as they are known ("2019", "2019-03", "2019-03-14");
# `qualifier` is empty for an exact figure, else at_least, more_than, about or at_most.
# An open-data row's columns, in order (`OutcomeRow.as_open_data`, the CSV header): the
# story and its place, then the outcome itself, then the story's evidence and source.
STORY_FIELDS = (
    "story_slug",
    "story_title",
    "story_url",
    "story_date",
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
    "qualifier",
    "of",
    "rate",
    "from",
    "to",
    "target_group",
)
OPEN_DATA_FIELDS = STORY_FIELDS + OUTCOME_FIELDS + ("evidence_level", "source")
# An outcome on its own (search documents, API v2): its columns, the curator's note, and
# the figure and period as the pages write them.
OUTCOME_DATA_FIELDS = OUTCOME_FIELDS + ("note", "text", "period")


def json_number(value: Decimal | int | None) -> int | float | None:
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
    def period(self) -> tuple[PartialDate | None, PartialDate | None]:
        return (self.outcome.known_from, self.outcome.known_to)

    @property
    def is_qualified(self) -> bool:
        """A bound or an estimate, not an exact figure."""
        return bool(self.outcome.qualifier)

    @property
    def amount_text(self) -> str:
        """The value alone with its unit, or "n af N": the figure without the rate."""
        return self.outcome.amount_text

    @property
    def rate_text(self) -> str:
        return self.outcome.rate_text

    # Sort values of the comparison table -----------------------------------------
    def sort_value(self, column: str) -> Any:
        """The row's value in a column, in natural order; None where the row has none
        (it then sorts last whichever way the column is turned)."""
        outcome = self.outcome
        # A period by its end, a partial date as its first day (stories.precision).
        end = outcome.known_to or outcome.known_from
        values = {
            "municipality": danish_sort_key(self.municipality.name),
            "region": danish_sort_key(self.region.name),
            "target_group": self.target_group_text.casefold() or None,
            "indicator": self.indicator.name.casefold(),
            "period": end.first_day if end else None,
            "evidence": self.evidence_level,
            "cost": self.cost_per_person,
            "story": self.story.title.casefold(),
        }
        return values[column]

    # Data ----------------------------------------------------------------------------
    def outcome_data(self) -> dict[str, Any]:
        """The outcome's own columns (OUTCOME_DATA_FIELDS)."""
        outcome = self.outcome
        rate = self.rate
        return {
            "indicator": self.indicator.slug,
            "indicator_name": self.indicator.name,
            "unit": self.indicator.unit,
            "value": json_number(outcome.value),
            "value_max": json_number(outcome.value_max),
            "qualifier": outcome.qualifier,
            "of": outcome.of,
            "rate": round(float(rate), 4) if rate is not None else None,
            "from": outcome.known_from.isoformat() if outcome.known_from else None,
            "to": outcome.known_to.isoformat() if outcome.known_to else None,
            "target_group": self.target_group_slugs or None,
            "note": outcome.note,
            "text": outcome.figure,
            "period": outcome.period_text,
        }

    def as_open_data(self, request=None) -> dict[str, Any]:
        """The row of /api/outcomes/ (OPEN_DATA_FIELDS): the story, its place, the
        outcome, the story's evidence and source."""
        story = self.story
        outcome = self.outcome_data()
        return {
            "story_slug": story.slug,
            "story_title": story.title,
            "story_url": page_address(story, request),
            "story_date": story.date_iso or None,
            "municipality_code": self.municipality.code,
            "municipality_name": self.municipality.name,
            "region_code": self.region.code,
            "region_name": self.region.name,
            "methods": [method.slug for method in story.methods.all()],
            **{key: outcome[key] for key in OUTCOME_FIELDS},
            "evidence_level": story.evidence_level,
            "source": story.source_url or source_citation(story) or None,
        }


def source_citation(story: StoryPage) -> str:
    """Title, author, publisher and date, the date as precisely as it is known."""
    known = story.known_source_date
    parts = [story.source_title, story.source_author, story.source_publisher]
    return ", ".join(part for part in [*parts, known.isoformat() if known else ""] if part)


def row_for(story: StoryPage, outcome: Outcome) -> OutcomeRow:
    """The row of one outcome of a loaded story (its target groups prefetched): the
    outcome's own group, or else the story's groups."""
    groups = [outcome.target_group] if outcome.target_group_id else list(story.target_groups.all())
    return OutcomeRow(story=story, outcome=outcome, target_groups=groups)


def story_outcome_rows(story: StoryPage) -> list[OutcomeRow]:
    """The rows of one story's outcomes in its own order, from what is prefetched
    (`outcomes__indicator`, `outcomes__target_group`, `target_groups`, `methods`)."""
    return [row_for(story, outcome) for outcome in story.outcomes.all()]


def outcome_rows(
    filters: dict[str, list[str]] | None = None, outcomes: QuerySet | None = None
) -> list[OutcomeRow]:
    """Rows in story order (newest first, undated last), then each story's own outcome
    order."""
    outcomes = matching_outcomes(filters or {}) if outcomes is None else outcomes
    outcomes = (
        outcomes.select_related("indicator", "target_group", "story__municipality__region")
        .prefetch_related(
            Prefetch("story__methods"),
            Prefetch("story__target_groups"),
        )
        .order_by(F("story__date").desc(nulls_last=True), "-story_id", "sort_order", "pk")
    )
    return [row_for(outcome.story, outcome) for outcome in outcomes]
