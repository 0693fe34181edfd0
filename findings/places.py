"""Where practice happens: the methods used among some stories, and every municipality
as a tile marked with how many of them it takes part in."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q

from stories.models import Method, Municipality


def live_story_count(prefix: str = "stories") -> Count:
    """Counts the published stories over a relation (`stories`, `method__stories`, …)."""
    return Count(prefix, filter=Q(**{f"{prefix}__live": True}), distinct=True)


def methods_used(stories) -> models.QuerySet:
    """The methods of these stories, with how many of the stories use each."""
    return (
        Method.objects.filter(stories__in=stories.values("pk"))
        .annotate(story_count=Count("stories", distinct=True))
        .select_related("page")
        .order_by("-story_count", "name")
    )


def municipality_tiles(stories) -> list[dict]:
    """Every region with all its municipalities as tiles, each marked with the number
    of the given stories it takes part in (0: not used there)."""
    used: dict[int, int] = {}
    for story in stories:
        for municipality in story.municipalities.all():
            used[municipality.pk] = used.get(municipality.pk, 0) + 1
    regions: dict[int, dict] = {}
    for municipality in Municipality.objects.select_related("region").order_by(
        "region__name", "name"
    ):
        region = regions.setdefault(
            municipality.region_id, {"region": municipality.region, "municipalities": []}
        )
        municipality.story_count = used.get(municipality.pk, 0)
        region["municipalities"].append(municipality)
    for region in regions.values():
        region["used"] = sum(1 for m in region["municipalities"] if m.story_count)
    return list(regions.values())
