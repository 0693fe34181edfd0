"""What a method's tile and the head of its page say about it, as evidence toolkits do for
each approach: how many municipalities and stories, the strongest evidence level, the
typical cost per person where known, and the research note (a field of the method).

The counts and the strongest level are counted by the database for all methods at once;
the cost per person follows StoryPage.cost_per_person, which alone decides when kroner per
person may be worked out, so one query fetches the costed stories and Python takes the
medians. The whole methods index costs the same few queries for 2 methods or 200.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from stories.formatting import format_approximate_kroner
from stories.models import Indicator, Method, Outcome, StoryPage


@dataclass(frozen=True)
class TypicalCost:
    """The median of the stories' kroner per person, and how many stories it rests on."""

    per_person: Decimal
    story_count: int

    @property
    def text(self) -> str:
        """ "ca. 6.300 kr.": never more precise than a cost and a head count can be."""
        return format_approximate_kroner(self.per_person)


@dataclass(frozen=True)
class MethodFacts:
    story_count: int
    municipality_count: int
    strongest_evidence: int | None
    typical_cost: TypicalCost | None


def _visible(prefix: str) -> Q:
    """Stories a reader can see: published and without a view restriction."""
    return Q(**{f"{prefix}__in": StoryPage.objects.live().public().values("pk")})


def with_method_facts(methods: QuerySet[Method]) -> list[Method]:
    """The methods in their queryset's order, each with `facts` (MethodFacts), in a fixed
    number of queries however many methods and stories there are."""
    visible = _visible("stories")
    methods = list(
        methods.annotate(
            visible_story_count=Count("stories", filter=visible, distinct=True),
            municipality_count=Count("stories__municipalities", filter=visible, distinct=True),
            strongest_evidence=Max("stories__evidence_level", filter=visible),
        )
    )
    costs = typical_costs([method.pk for method in methods])
    for method in methods:
        method.facts = MethodFacts(
            story_count=method.visible_story_count,
            municipality_count=method.municipality_count,
            strongest_evidence=method.strongest_evidence,
            typical_cost=costs.get(method.pk),
        )
    return methods


def method_facts(method: Method) -> MethodFacts:
    """One method's facts, counted exactly as its tile counts them."""
    return with_method_facts(Method.objects.filter(pk=method.pk))[0].facts


def typical_costs(method_ids: list[int]) -> dict[int, TypicalCost]:
    """For each method with costed stories, the median of their kroner per person."""
    stories = (
        StoryPage.objects.live()
        .public()
        .filter(methods__in=method_ids, cost_amount__isnull=False, cost_to__isnull=False)
        .distinct()
        .only("cost_amount", "cost_from", "cost_to")
        .prefetch_related(
            Prefetch("methods", queryset=Method.objects.only("pk")),
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.filter(
                    indicator__unit=Indicator.Unit.PERSONS
                ).select_related("indicator"),
            ),
        )
    )
    per_method: dict[int, list[Decimal]] = defaultdict(list)
    for story in stories:
        per_person = story.cost_per_person_reached()
        if per_person is None:
            continue
        for method in story.methods.all():
            per_method[method.pk].append(per_person)
    return {
        method_id: TypicalCost(Decimal(median(amounts)), len(amounts))
        for method_id, amounts in per_method.items()
    }
