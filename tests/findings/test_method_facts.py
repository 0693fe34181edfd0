"""Evidence you can read: the page “Om evidensniveauerne”, every evidence badge linked to
its level there, and each method's facts on its tile and the head of its page."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from browse.models import EvidenceLevelsPage
from findings.method_facts import method_facts, with_method_facts
from stories.evidence import EVIDENCE_LEVELS
from stories.models import Method, StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import count_queries, front_matter

YEAR = "{from: 2020-01-01, to: 2020-12-31}"


def costed(slug: str, municipality: str, level: int, amount: int, outcomes: str, **fields) -> str:
    return front_matter(
        slug,
        municipality=municipality,
        evidence_level=str(level),
        cost=f"{{amount: {amount}, from: 2020-01-01, to: 2020-12-31}}",
        outcomes=outcomes,
        **fields,
    )


def persons(indicator: str, value: int, qualifier: str = "") -> str:
    extra = f", qualifier: {qualifier}" if qualifier else ""
    return f"{{indicator: {indicator}, value: {value}, from: 2020-01-01, to: 2020-12-31{extra}}}"


@pytest.fixture
def corpus(site, story_dir):
    """Småjobs in four published stories from four municipalities, three of them with a
    kroner-per-person figure; a draft at level 5 that nobody sees."""
    stories = {
        # 100,000 kr. over 40 participants (2,500) and 10 in a job (10,000): the story's
        # figure is the cost over the most persons counted, 2,500.
        "a": costed(
            "a",
            "Vejle",
            2,
            100000,
            f"[{persons('deltagere', 40)}, {persons('ordinaert-job', 10)}]",
        ),
        # 300,000 kr. over 110 participants: 2,727.27...; shared by two municipalities
        # and a second method.
        "b": costed(
            "b",
            "Kolding",
            4,
            300000,
            f"[{persons('deltagere', 110)}]",
            municipalities="[Fredericia]",
            methods="[smaajobs, loentilskud]",
        ),
        # An estimate ("ca. 60") gives no kroner per person.
        "c": costed("c", "Odense", 1, 500000, f"[{persons('deltagere', 60, 'about')}]"),
        # 90,000 kr. over 20 participants: 4,500.
        "d": costed("d", "Vejle", 2, 90000, f"[{persons('deltagere', 20)}]"),
    }
    for slug, matter in stories.items():
        story_dir.write(f"{slug}.md", matter)
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    draft_dir = story_dir.path / "kladde"
    draft_dir.mkdir()
    (draft_dir / "e.md").write_text(
        "---\n" + front_matter("e", municipality="Aarhus", evidence_level="5") + "\n---\nTekst.\n",
        encoding="utf-8",
    )
    assert import_stories([str(draft_dir)], publish=False).problems == []
    return story_dir


def facts_of(slug: str):
    return method_facts(Method.objects.get(slug=slug))


# The page


@pytest.mark.django_db
def test_the_page_explains_the_five_levels_each_at_its_anchor(site):
    page = EvidenceLevelsPage.objects.get()
    assert page.live and page.get_parent().specific == site and not page.show_in_menus
    html = Client().get("/evidensniveauer/").content.decode()
    assert "<h1" in html and "Om evidensniveauerne" in html
    for level, name in StoryPage.EvidenceLevel.choices:
        block = re.search(rf'<li class="evidence-level" id="niveau-{level}">(.*?)</li>', html, re.S)
        assert block, level
        assert f"Niveau {level} af 5: {name}" in block.group(1)
        explained = EVIDENCE_LEVELS[level - 1]
        for text in (explained.tells, explained.does_not_tell, explained.example):
            assert str(text) in block.group(1)
        assert f'href="/search/?evidence_level={level}"' in block.group(1)
    assert len(re.findall(r'id="niveau-\d"', html)) == 5


@pytest.mark.django_db
def test_the_page_is_in_english_under_en(site):
    html = Client().get("/en/evidensniveauer/").content.decode()
    assert 'id="niveau-5"' in html
    assert "Level 5 of 5: Randomised controlled trial" in html
    assert "What this level can tell you" in html


# Every badge links to its level


def badge_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="evidence-badge[^"]*" href="([^"]*)#(niveau-\d)"', html)


@pytest.mark.django_db
def test_every_evidence_badge_links_to_its_level(corpus):
    story = StoryPage.objects.get(slug="b")
    pages = {
        "story page": (story.url, {"niveau-4"}),
        "cards": ("/historier/", {"niveau-1", "niveau-2", "niveau-4"}),
        "method page": ("/metoder/smaajobs/", {"niveau-1", "niveau-2", "niveau-4"}),
        "search results": ("/search/?q=Testhistorie", {"niveau-1", "niveau-2", "niveau-4"}),
        "evidence map": ("/evidenskort/", {"niveau-4"}),
        "methods index": ("/metoder/", {"niveau-4"}),
        "home page": ("/", {"niveau-4"}),
    }
    for where, (url, levels) in pages.items():
        html = Client().get(url).content.decode()
        links = badge_links(html)
        assert {anchor for _url, anchor in links} >= levels, where
        assert {href for href, _anchor in links} == {"/evidensniveauer/"}, where
        # No evidence level is shown without its link.
        assert not re.search(r"<span class=\"evidence-badge", html), where
    story_html = Client().get(story.url).content.decode()
    assert (
        'href="/evidensniveauer/#niveau-4"' in story_html
        and "Niveau 4 af 5: Sammenligning med en kontrolgruppe</a>" in story_html
    )
    # In English the badge leads to the English page.
    english = Client().get("/en" + story.url).content.decode()
    assert 'href="/en/evidensniveauer/#niveau-4"' in english


@pytest.mark.django_db
def test_a_badge_without_the_page_is_plain_text(corpus):
    EvidenceLevelsPage.objects.get().unpublish()
    html = Client().get(StoryPage.objects.get(slug="b").url).content.decode()
    assert "Niveau 4 af 5: Sammenligning med en kontrolgruppe" in html
    assert "evidensniveauer" not in html


# The facts of a method


@pytest.mark.django_db
def test_a_methods_facts_count_its_visible_stories(corpus):
    facts = facts_of("smaajobs")
    assert (facts.story_count, facts.municipality_count) == (4, 4)
    # The draft at level 5 is nobody's evidence yet.
    assert facts.strongest_evidence == 4
    # The median of 2,500, 2,727.27… and 4,500; the estimate gives none.
    assert facts.typical_cost.story_count == 3
    assert facts.typical_cost.per_person.quantize(Decimal("0.01")) == Decimal("2727.27")
    assert facts.typical_cost.text == "ca. 2.700 kr."

    other = facts_of("loentilskud")
    assert (other.story_count, other.municipality_count, other.strongest_evidence) == (1, 2, 4)
    assert other.typical_cost.story_count == 1

    unused = facts_of("ressourceforloeb")
    assert (unused.story_count, unused.strongest_evidence, unused.typical_cost) == (0, None, None)


@pytest.mark.django_db
def test_the_median_of_an_even_number_is_the_middle_two_averaged(corpus):
    StoryPage.objects.get(slug="b").unpublish()
    facts = facts_of("smaajobs")
    # a and d: 2,500 and 4,500 give 3,500.
    assert (facts.typical_cost.per_person, facts.typical_cost.story_count) == (Decimal(3500), 2)
    assert facts.typical_cost.text == "ca. 3.500 kr."


@pytest.mark.django_db
def test_tiles_and_the_page_head_show_the_facts_and_the_note(corpus):
    method = Method.objects.get(slug="smaajobs")
    method.research_note = (
        "<p>Jobeffekter vurderer, at <b>småjobs</b> &amp; virksomhedsrettede tilbud "
        + " ".join(f"ord{n}" for n in range(40))
        + " slutningen.</p>"
    )
    method.research_link = "https://jobeffekter.dk/"
    method.save()
    for url in ("/metoder/", "/"):
        html = Client().get(url).content.decode()
        tile = re.search(
            r'<li class="method-tile">\s*<h\d class="method-tile__name" lang="da">'
            r'<a href="/metoder/smaajobs/">Småjobs</a>.*?</li>',
            html,
            re.S,
        ).group(0)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tile))
        assert "Kommuner 4" in text and "Historier 4" in text, url
        assert "Stærkeste evidens Niveau 4 af 5: Sammenligning med en kontrolgruppe" in text
        assert "ca. 2.700 kr. pr. person (medianen af 3 historier)" in text
        # The note, shortened, as plain text.
        assert "Jobeffekter vurderer, at småjobs &amp; virksomhedsrettede" in tile
        assert "ord30" not in tile and "slutningen" not in tile and "…" in tile
    head = Client().get("/metoder/smaajobs/").content.decode()
    head = head[: head.index('id="resultater"')]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", head))
    assert "Kommuner 4 Historier 4 Målte resultater 5" in text
    assert "Niveau 4 af 5: Sammenligning med en kontrolgruppe" in text
    assert "ca. 2.700 kr. pr. person (medianen af 3 historier)" in text
    assert "slutningen." in text and 'href="https://jobeffekter.dk/"' in head
    one = Client().get("/metoder/loentilskud/").content.decode()
    assert "(ud fra 1 historie)" in re.sub(r"\s+", " ", one)


@pytest.mark.django_db
def test_a_research_link_must_be_http(site):
    from django.core.exceptions import ValidationError

    method = Method.objects.get(slug="smaajobs")
    method.research_link = "javascript:alert(1)"
    with pytest.raises(ValidationError) as refused:
        method.full_clean()
    assert "research_link" in refused.value.message_dict
    assert Method.objects.get(slug="smaajobs").research_link == ""


@pytest.mark.django_db
def test_the_facts_cost_the_same_queries_for_2_methods_or_20(site, story_dir):
    methods = list(Method.objects.order_by("slug").values_list("slug", flat=True))

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            slug = methods[n % len(methods)]
            story_dir.write(
                f"s{n}.md",
                costed(
                    f"s{n}", "Vejle", 1 + n % 5, 1000 * (n + 1), f"[{persons('deltagere', 7)}]"
                ).replace("methods: [smaajobs]", f"methods: [{slug}, {methods[0]}]"),
            )
        assert import_stories([str(story_dir.path)], publish=True).problems == []

    # Every story is also about the first method, so its page grows from 2 stories to 20.
    urls = ["/", "/metoder/", f"/metoder/{methods[0]}/", "/evidenskort/", "/evidensniveauer/"]
    add(0, 2)
    few = {url: count_queries(url) for url in urls}
    add(2, 18)
    many = {url: count_queries(url) for url in urls}
    assert many == few
    assert len([m for m in with_method_facts(Method.objects.all()) if m.facts.typical_cost]) == 20


@pytest.mark.django_db
def test_the_research_note_is_edited_in_the_methods_snippet(site, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    method = Method.objects.get(slug="smaajobs")
    html = client.get(f"/admin/snippets/stories/method/edit/{method.pk}/").content.decode()
    for field in ("research_note", "research_link", "research_link_title"):
        assert f'name="{field}"' in html
    page = client.get(f"/admin/pages/{method.page.pk}/edit/").content.decode()
    assert 'name="research_note"' not in page
