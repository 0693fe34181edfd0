"""Where practice happens: the methods used among some stories, every municipality as a
tile marked with how many of them it takes part in, and the nearest stories for a place
that has none of its own."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q

from stories.models import Method, Municipality, Region, StoryPage
from stories.names import in_danish_order


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
    for municipality in in_danish_order(Municipality.objects.select_related("region")):
        region = regions.setdefault(
            municipality.region_id, {"region": municipality.region, "municipalities": []}
        )
        municipality.story_count = used.get(municipality.pk, 0)
        region["municipalities"].append(municipality)
    for region in regions.values():
        region["used"] = sum(1 for m in region["municipalities"] if m.story_count)
    return in_danish_order(regions.values(), lambda region: region["region"].name)


# How many stories a place without stories of its own offers instead.
NEAREST_STORIES = 5


def nearest_stories(region: Region | None) -> dict:
    """What a municipality or region without published stories offers instead: the
    newest stories of its region (a municipality's), or, where the region has none
    either (or the place is a region), the newest of the whole country. `region` in the
    answer says which it is (None: the country)."""
    newest = StoryPage.objects.for_cards().newest_first()
    if region is not None:
        nearby = list(newest.filter(municipality__region=region)[:NEAREST_STORIES])
        if nearby:
            return {"stories": nearby, "region": region}
    return {"stories": list(newest[:NEAREST_STORIES]), "region": None}
