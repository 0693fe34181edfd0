"""The spread of a practice: which municipality took it from which ("inspireret af")."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from stories.models import Inspiration, StoryPage
from stories.precision import oldest_first


@dataclass
class SpreadLink:
    source: StoryPage  # where the practice came from
    adopter: StoryPage  # the story that says it was inspired by the source


def spread_links(stories: list[StoryPage] | QuerySet) -> list[SpreadLink]:
    """Every "inspireret af" link with at least one end among the given stories (a list
    or a queryset, then a subquery), both ends published and public, oldest adoption
    first (undated last). Two queries."""
    if isinstance(stories, QuerySet):
        ids = stories.values("pk")
    else:
        ids = [story.pk for story in stories]
        if not ids:
            return []
    pairs = list(
        Inspiration.objects.filter(Q(story_id__in=ids) | Q(source_id__in=ids))
        .values_list("story_id", "source_id")
        .distinct()
    )
    wanted = {pk for pair in pairs for pk in pair}
    pages = StoryPage.objects.live().public().select_related("municipality__region").in_bulk(wanted)
    links = [
        SpreadLink(source=pages[source], adopter=pages[adopter])
        for adopter, source in pairs
        if adopter in pages and source in pages
    ]
    links.sort(key=lambda link: (*oldest_first(link.adopter.known_date), link.adopter.pk))
    return links
