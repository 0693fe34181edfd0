"""Every page type renders, the tree enforces where pages go, and story pages show
their facts the Danish way."""

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.test.utils import WagtailPageTestCase

from browse.models import (
    MethodPage,
    MethodsIndexPage,
    MunicipalitiesIndexPage,
    RegionPage,
    StoriesIndexPage,
)
from curation.models import CollectionPage, CollectionsIndexPage
from portal.models import HomePage
from portal.site_tree import ensure_site_structure
from stories.models import Method, Outcome, StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import REPO, count_queries, minimal


class DemoContentTests(WagtailPageTestCase):
    """The demo content, loaded by the same importer a user runs."""

    @classmethod
    def setUpTestData(cls):
        ensure_site_structure()
        call_command("setup_portal", "--demo-if-empty", stdout=open("/dev/null", "w"))

    def test_demo_content_is_broad_enough(self):
        stories = StoryPage.objects.live()
        self.assertGreaterEqual(stories.count(), 15)
        self.assertGreaterEqual(stories.values("municipalities").distinct().count(), 12)
        self.assertGreaterEqual(Method.objects.filter(stories__live=True).distinct().count(), 8)
        # Every figure the seed articles give where an indicator fits; none invented.
        self.assertGreaterEqual(Outcome.objects.count(), 15)

    def test_kolding_collection_with_the_stories_told_there(self):
        collection = CollectionPage.objects.get(slug="den-gode-histories-dag")
        self.assertEqual(collection.event_place, "Kolding")
        story_items = [item for item in collection.items.all() if item.story_id]
        self.assertGreaterEqual(len(story_items), 4)
        for item in story_items:
            self.assertIn("den-gode-histories-dag", [t.slug for t in item.story.tags.all()])
        response = self.client.get(collection.url)
        self.assertContains(response, "Kolding")
        self.assertContains(response, story_items[0].story.title)

    def test_every_page_type_renders(self):
        for model in (
            HomePage,
            StoriesIndexPage,
            RegionPage,
            StoryPage,
            MethodsIndexPage,
            MethodPage,
            MunicipalitiesIndexPage,
            CollectionsIndexPage,
            CollectionPage,
        ):
            for page in model.objects.live()[:3]:
                with self.subTest(page=page.url):
                    self.assertPageIsRenderable(page)

    def test_municipality_routes(self):
        self.assertEqual(self.client.get("/kommuner/vejle/").status_code, 200)
        self.assertContains(self.client.get("/kommuner/vejle/"), "Vejle Kommune")
        self.assertEqual(self.client.get("/kommuner/atlantis/").status_code, 404)

    def test_holbaek_story_shows_outcomes_with_denominators_and_period(self):
        page = StoryPage.objects.get(slug="holbaek-resultatbaseret-leverandoer")
        response = self.client.get(page.url)
        self.assertContains(response, "34 af 190 (18 %)")
        self.assertContains(response, "15. august 2019")
        self.assertContains(response, "Region Sjælland")

    def test_vejle_story_shows_the_range(self):
        response = self.client.get(StoryPage.objects.get(slug="vejle-smaajobs").url)
        self.assertContains(response, "5–15 timer pr. uge")
        self.assertContains(response, "Birgit Thorup")

    def test_method_page_lists_its_stories_and_outcomes(self):
        response = self.client.get("/metoder/smaajobs/")
        self.assertContains(response, "Vejle")
        self.assertContains(response, "70 personer")

    def test_home_invites_browsing(self):
        response = self.client.get("/")
        self.assertContains(response, "Nyeste historier")
        self.assertContains(response, "Region Syddanmark")
        self.assertContains(response, 'href="/metoder/smaajobs/"')
        self.assertContains(response, 'lang="da"')

    def test_interface_is_available_in_english(self):
        response = self.client.get("/en/")
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "Latest stories")


class TreeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_site_structure()

    def test_where_pages_can_be_created(self):
        self.assertCanCreateAt(RegionPage, StoryPage)
        self.assertCanNotCreateAt(HomePage, StoryPage)
        self.assertCanNotCreateAt(StoriesIndexPage, StoryPage)
        self.assertCanCreateAt(MethodsIndexPage, MethodPage)
        self.assertCanCreateAt(CollectionsIndexPage, CollectionPage)
        self.assertCanNotCreateAt(StoryPage, StoryPage)

    def test_structure_is_idempotent_with_a_section_per_region(self):
        ensure_site_structure()
        self.assertEqual(RegionPage.objects.count(), 5)
        self.assertEqual(MethodPage.objects.count(), Method.objects.count())
        self.assertEqual(HomePage.objects.count(), 1)

    def test_a_method_added_in_the_admin_gets_its_page(self):
        method = Method.objects.create(slug="ny-metode", name="Ny metode")
        self.assertTrue(MethodPage.objects.filter(method=method, live=True).exists())


@pytest.mark.django_db
def test_inspired_by_shows_both_ways(site, story_dir):
    story_dir.write("a.md", minimal("kilde-historie"))
    story_dir.write("b.md", minimal("efterfoelger", inspired_by="[kilde-historie]"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    client = Client()
    follower = client.get(StoryPage.objects.get(slug="efterfoelger").url).content.decode()
    source = client.get(StoryPage.objects.get(slug="kilde-historie").url).content.decode()
    assert "Inspireret af" in follower and "Testhistorie kilde-historie" in follower
    assert "Taget op af" in source and "Testhistorie efterfoelger" in source


@pytest.mark.django_db
def test_kroner_per_person_on_the_page(site, story_dir):
    story_dir.write(
        "a.md",
        minimal("kr")
        + "\ncost: {amount: 90000, from: 2020-01-01, to: 2020-12-31, note: lønudgift}"
        + "\noutcomes:\n  - {indicator: ordinaert-job, value: 3, from: 2020-01-01, to: 2020-12-31}",
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    body = Client().get(StoryPage.objects.get().url).content.decode()
    assert "90.000 kr." in body
    assert "30.000 kr." in body


@pytest.mark.django_db
def test_drafts_are_not_public(site, story_dir):
    story_dir.write("a.md", minimal("kladde"))
    import_stories([str(story_dir.path)], publish=False)
    client = Client()
    assert client.get("/historier/syddanmark/kladde/").status_code == 404
    assert "Testhistorie kladde" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_listing_pages_make_a_bounded_number_of_queries(site, story_dir):
    def add(count: int, start: int):
        for number in range(start, start + count):
            story_dir.write(
                f"s{number}.md",
                minimal(
                    f"s{number}",
                    target_groups="[unge-under-30]",
                    tags="[a, b]",
                    outcomes="[{indicator: deltagere, value: 3, of: 9}]",
                ),
            )
        assert import_stories([str(story_dir.path)], publish=True).problems == []

    urls = [
        "/",
        "/historier/",
        "/historier/syddanmark/",
        "/metoder/",
        "/metoder/smaajobs/",
        "/kommuner/",
        "/kommuner/vejle/",
        "/metoder/smaajobs/?sort=period&dir=asc",
        "/evidenskort/",
        "/evidenskort/?region=1083&target_group=unge-under-30",
        "/search/?q=Testhistorie",
    ]
    add(3, 0)
    few = {url: count_queries(url) for url in urls}
    add(9, 3)
    many = {url: count_queries(url) for url in urls}
    assert many == few


def test_shipped_municipalities_match_the_shared_data():
    shared = REPO.parent / "shared" / "data" / "municipalities.csv"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert (REPO / "stories" / "data" / "municipalities.csv").read_text() == shared.read_text()
