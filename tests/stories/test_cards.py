"""The story card (issue 10, "no dead ends"): its method chips are links to the methods'
pages, beside the title's link and never inside it; its headline figure's period is in
the text, as precisely as the source gives it, not only in a tooltip."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from browse.models import MethodPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal

pytestmark = pytest.mark.django_db


class Cards(HTMLParser):
    """Each story card's links (href, text), its text, and any link found inside a link."""

    def __init__(self):
        super().__init__()
        self.cards: list[dict] = []
        self.depth = 0  # <article> nesting inside the current card
        self.link: list | None = None
        self.nested = 0
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "story-card" in (attrs.get("class") or ""):
            self.cards.append({"links": [], "text": ""})
            self.depth = 1
        elif tag == "article" and self.depth:
            self.depth += 1
        if self.depth:
            self.titles += [attrs["title"]] if "title" in attrs else []
            if tag == "a":
                if self.link is not None:
                    self.nested += 1
                self.link = [attrs.get("href"), ""]

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            self.cards[-1]["links"].append(tuple(self.link))
            self.link = None
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.cards[-1]["text"] += data
            if self.link is not None:
                self.link[1] += data


def cards(html: str) -> Cards:
    parser = Cards()
    parser.feed(html)
    return parser


@pytest.fixture
def stories(site, story_dir):
    story_dir.write(
        "a.md",
        minimal(
            "maaned",
            methods="[smaajobs, haandholdt-vejledning]",
            outcomes="[{indicator: job-eller-uddannelse, value: 34, of: 190, "
            "from: 2019-03, to: 2020}]",
        ),
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []


@pytest.mark.parametrize(
    "url", ["/", "/historier/", "/metoder/smaajobs/", "/search/?q=Testhistorie"]
)
def test_method_chips_are_links_to_the_methods_pages_beside_the_title(stories, url):
    page = cards(Client().get(url).content.decode())
    assert page.cards, url
    assert page.nested == 0, "a link inside a link"
    links = page.cards[0]["links"]
    assert ("/metoder/smaajobs/", "Småjobs") in links, links
    assert ("/metoder/haandholdt-vejledning/", "Håndholdt vejledning og tæt opfølgning") in links


def test_the_chips_link_in_the_readers_language(stories):
    for url in ("/en/historier/", "/en/search/?q=Testhistorie"):
        links = cards(Client().get(url).content.decode()).cards[0]["links"]
        assert ("/en/metoder/smaajobs/", "Småjobs") in links, url


def test_a_method_without_a_live_page_is_named_not_linked(stories):
    MethodPage.objects.get(method__slug="smaajobs").unpublish()
    for url in ("/historier/", "/search/?q=Testhistorie"):
        card = cards(Client().get(url).content.decode()).cards[0]
        assert "Småjobs" in card["text"]
        assert not [link for link in card["links"] if "smaajobs" in (link[0] or "")], url


@pytest.mark.parametrize("url", ["/", "/historier/", "/search/?q=Testhistorie"])
def test_the_headline_figures_period_is_in_the_text_as_precise_as_its_source(stories, url):
    page = cards(Client().get(url).content.decode())
    text = re.sub(r"\s+", " ", page.cards[0]["text"])
    assert "34 af 190 (18 %)" in text
    # Known to the month and to the year: never a day the source does not give.
    assert "marts 2019 – 2020" in text, text
    assert "1. marts" not in text and "31. december" not in text
    assert not [title for title in page.titles if "2019" in title]
