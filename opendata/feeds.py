"""RSS and Atom feeds of new stories: all of them, and per method.

The newest 30 published, public stories by story date (then newest first by id), each
with its teaser and headline outcome, its methods as categories. The feeds are in
Danish, as the stories are. Links are given as paths; Django's Feed puts them on the
request's own scheme and host.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from browse.models import StoriesIndexPage
from stories.addresses import page_path
from stories.models import Method, StoryPage

FEED_LENGTH = 30


def story_summary(story: StoryPage) -> str:
    """The teaser and the headline outcome with its indicator and period, as HTML in
    which every text from the story is escaped."""
    parts = []
    if story.teaser:
        parts.append(format_html("<p>{}</p>", story.teaser))
    outcome = story.headline_outcome
    if outcome is not None:
        figure = f"{outcome.indicator.name}: {outcome.figure}"
        if outcome.period_text:
            figure += f" ({outcome.period_text})"
        parts.append(format_html("<p>{}</p>", figure))
    return "".join(parts)


class NewStoriesFeed(Feed):
    language = "da"
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        with translation.override("da"):
            return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(site)s: nye historier") % {"site": _(settings.WAGTAIL_SITE_NAME)}

    def description(self):
        return _("De nyeste historier fra jobcentrenes praksis, med deres målte resultater.")

    def link(self):
        page = StoriesIndexPage.objects.live().public().first()
        return (page_path(page) if page is not None else None) or "/"

    def stories(self):
        return StoryPage.objects.for_cards().order_by("-date", "-pk")

    def items(self):
        return self.stories()[:FEED_LENGTH]

    def item_title(self, story: StoryPage) -> str:
        return story.title

    def item_description(self, story: StoryPage) -> str:
        return story_summary(story)

    def item_link(self, story: StoryPage) -> str:
        return page_path(story)

    def item_guid(self, story: StoryPage) -> str:
        # Stable when a story is renamed or moves to another region's section.
        return f"urn:uuid:{story.translation_key}"

    def item_pubdate(self, story: StoryPage) -> datetime:
        return datetime.combine(story.date, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    def item_categories(self, story: StoryPage) -> list[str]:
        return [method.name for method in story.methods.all()]


class NewStoriesAtomFeed(NewStoriesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


class MethodStoriesFeed(NewStoriesFeed):
    def get_object(self, request, slug: str) -> Method:
        return get_object_or_404(Method, slug=slug)

    def title(self, method: Method) -> str:
        return f"{_(settings.WAGTAIL_SITE_NAME)}: {method.name}"

    def description(self, method: Method) -> str:
        return _("De nyeste historier om metoden %(method)s, med deres målte resultater.") % {
            "method": method.name
        }

    def link(self, method: Method) -> str:
        page = getattr(method, "page", None)
        path = page_path(page) if page is not None and page.live else None
        return path or super().link()

    def items(self, method: Method):
        return self.stories().filter(methods=method)[:FEED_LENGTH]


class MethodStoriesAtomFeed(MethodStoriesFeed):
    feed_type = Atom1Feed

    def subtitle(self, method: Method) -> str:
        return self.description(method)
