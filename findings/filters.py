"""What each filter means, written once.

Search facets, the evidence map and the open-data outcome rows all narrow stories by
method, target group, region, municipality, indicator, evidence level, year and keyword. Each
`Filter` below says, for one of them:

- which values a story has (the search index stores them as its facets),
- which stories a set of values selects (the evidence map, the outcome rows),
- and, for the two that an outcome can carry itself (indicator, target group), which
  outcomes they select, so an outcome row is kept only where its own figure matches.

Values of one filter are OR'ed, filters are AND'ed. `parse_filters` reads them from a
request, the same way for /search/, /api/search/ and /api/outcomes/.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from stories.models import Outcome, StoryPage
from stories.names import printable

MAX_VALUES_PER_FILTER = 50
# A value of a number filter: ASCII digits, few enough for int() ("²".isdigit() is True).
WHOLE_NUMBER_RE = re.compile(r"[0-9]{1,9}")
# The longest value there is: a keyword's slug (taggit's 100 characters).
MAX_VALUE_CHARS = 100


class FilterError(ValueError):
    """A filter that can never be answered (too many values, a value that can never be
    valid): the views answer 400 with this message."""


@dataclass(frozen=True)
class Filter:
    name: str
    # The values a story has, from the story and its outcomes (both already loaded).
    story_values: Callable[[StoryPage, list[Outcome]], set[str]]
    # The stories some values select.
    stories: Callable[[list[str]], Q]
    # The outcomes some values select, where an outcome has a value of its own; None:
    # an outcome is selected with its story.
    outcomes: Callable[[list[str]], Q] | None = None
    # The values that can ever be valid, where they are a fixed set.
    allowed: frozenset[str] | None = None


def whole_numbers(values: Iterable[str]) -> list[int]:
    """The values that are whole numbers, as numbers; the others select nothing."""
    return [int(v) for v in values if WHOLE_NUMBER_RE.fullmatch(v)]


def _outcome_target_groups(values: list[str]) -> Q:
    # An outcome measured for the group, or one without a group of its own in a story
    # about the group (a subquery, so the join never repeats an outcome).
    stories_about = StoryPage.objects.filter(target_groups__slug__in=values).values("pk")
    return Q(target_group__slug__in=values) | Q(target_group__isnull=True, story__in=stories_about)


FILTERS: dict[str, Filter] = {
    f.name: f
    for f in (
        Filter(
            "method",
            story_values=lambda story, outcomes: {m.slug for m in story.methods.all()},
            stories=lambda values: Q(methods__slug__in=values),
        ),
        Filter(
            "target_group",
            # A story is about its own groups and the groups its outcomes were measured for.
            story_values=lambda story, outcomes: (
                {t.slug for t in story.target_groups.all()}
                | {o.target_group.slug for o in outcomes if o.target_group_id}
            ),
            stories=lambda values: (
                Q(target_groups__slug__in=values) | Q(outcomes__target_group__slug__in=values)
            ),
            outcomes=_outcome_target_groups,
        ),
        Filter(
            # The region of the story's lead municipality: the section it is published in.
            "region",
            story_values=lambda story, outcomes: {story.municipality.region.code},
            stories=lambda values: Q(municipality__region__code__in=values),
        ),
        Filter(
            # Every municipality that shares the story, the lead one included.
            "municipality",
            story_values=lambda story, outcomes: {m.code for m in story.municipalities.all()},
            stories=lambda values: Q(municipalities__code__in=values),
        ),
        Filter(
            "indicator",
            story_values=lambda story, outcomes: {o.indicator.slug for o in outcomes},
            stories=lambda values: Q(outcomes__indicator__slug__in=values),
            outcomes=lambda values: Q(indicator__slug__in=values),
        ),
        Filter(
            "evidence_level",
            story_values=lambda story, outcomes: {str(story.evidence_level)},
            stories=lambda values: Q(evidence_level__in=whole_numbers(values)),
            allowed=frozenset(str(level) for level in StoryPage.EvidenceLevel.values),
        ),
        Filter(
            # The year the story was told, known whatever its date's precision; an
            # undated story has no year.
            "year",
            story_values=lambda story, outcomes: (
                {str(story.known_date.year)} if story.known_date else set()
            ),
            stories=lambda values: Q(
                date__year__in=[n for n in whole_numbers(values) if 1000 <= n <= 9999]
            ),
        ),
        Filter(
            # A keyword by its slug (stories.keywords): the link from a story's keyword.
            "tag",
            story_values=lambda story, outcomes: {t.slug for t in story.tags.all() if t.slug},
            stories=lambda values: Q(tags__slug__in=values),
        ),
    )
}
FILTER_NAMES = tuple(FILTERS)


def parse_filters(
    params,
    names: Iterable[str] = FILTER_NAMES,
    refuse_invalid: bool = False,
    max_values: int = MAX_VALUES_PER_FILTER,
) -> dict[str, list[str]]:
    """The filters in GET parameters (a QueryDict): stripped, de-duplicated, bounded (at
    most `max_values` a filter), and, with `refuse_invalid`, refused where a value can
    never be valid. An unknown but well-formed value is kept: it selects nothing."""
    filters: dict[str, list[str]] = {}
    for name in names:
        # Counted as sent, repeats included: a request is refused for its size. A NUL is
        # never part of a value (PostgreSQL refuses it in any text it compares).
        values = [v.replace("\x00", "").strip() for v in params.getlist(name)]
        values = [v for v in values if v]
        if len(values) > max_values:
            raise FilterError(f"højst {max_values} værdier pr. filter ({name})")
        allowed = FILTERS[name].allowed
        if refuse_invalid and allowed is not None:
            for value in values:
                if value not in allowed:
                    raise FilterError(
                        f"{name} skal være en af {', '.join(sorted(allowed))}, "
                        f"ikke '{printable(value, 20)}'"
                    )
        if values:
            filters[name] = list(dict.fromkeys(value[:MAX_VALUE_CHARS] for value in values))
    return filters


def story_values(story: StoryPage, outcomes: list[Outcome]) -> dict[str, set[str]]:
    """Every filter's values for one story: what the search index stores as facets."""
    return {name: f.story_values(story, outcomes) for name, f in FILTERS.items()}


def matching_stories(filters: dict[str, list[str]], stories: QuerySet | None = None) -> QuerySet:
    """Published, public stories that every filter selects. A story can appear more than
    once (joins over its terms): use it as a subquery (`.values("pk")`)."""
    stories = StoryPage.objects.live().public() if stories is None else stories
    for name, values in filters.items():
        stories = stories.filter(FILTERS[name].stories(values))
    return stories


def matching_outcomes(filters: dict[str, list[str]]) -> QuerySet:
    """Outcomes of published, public stories that every filter selects, each once. The
    indicator and target group are read from the outcome itself where it has them."""
    story_filters = {n: v for n, v in filters.items() if FILTERS[n].outcomes is None}
    outcomes = Outcome.objects.filter(story__in=matching_stories(story_filters).values("pk"))
    for name, values in filters.items():
        condition = FILTERS[name].outcomes
        if condition is not None:
            outcomes = outcomes.filter(condition(values))
    return outcomes
