"""Where practice happens: the methods used among some stories, every municipality as a
tile marked with how many of them it takes part in, and the nearest stories for a place
that has none of its own."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, When

from stories.models import Method, Municipality, Region, StoryPage, TargetGroup
from stories.models.story import StoryQuerySet
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
    of the given stories it takes part in (0: not used there). A queryset of stories is
    counted by the database (one query however many stories), a list from what is
    prefetched."""
    used: dict[int, int] = {}
    if isinstance(stories, models.QuerySet):
        used = dict(
            Municipality.objects.filter(stories__in=stories.values("pk"))
            .annotate(used=Count("stories", distinct=True))
            .values_list("pk", "used")
        )
    else:
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
# How many stories a method page shows, those nearest the reader's choices first.
NEAREST_TO_READER = 6


def nearest_to_reader(
    stories: StoryQuerySet, region: Region | None, target_group: TargetGroup | None
) -> list[StoryPage]:
    """The NEAREST_TO_READER stories nearest the reader's region and target group: those
    in the region and about the group first, then either, then the rest, newest first
    among equals. Ordered and cut in the database, so it costs the same for 10 stories
    or 10,000."""
    order = []
    if region is not None:
        stories = stories.annotate(
            in_region=Case(When(municipality__region=region, then=0), default=1)
        )
        order.append("in_region")
    if target_group is not None:
        about_group = TargetGroup.objects.filter(stories=OuterRef("pk"), pk=target_group.pk)
        stories = stories.annotate(for_group=Case(When(Exists(about_group), then=0), default=1))
        order.append("for_group")
    return list(
        stories.order_by(*order, F("date").desc(nulls_last=True), "-pk")[:NEAREST_TO_READER]
    )


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
