"""The demo content claims no more than its seeds (issue 10): every story names its seed as
content/precisions.yaml records it, no date is more precise than that seed gives, and the
spread the seeds tell of is on the method pages."""

import yaml
from django.core.management import call_command
from django.test import TestCase

from portal.site_tree import ensure_site_structure
from stories.models import StoryPage
from stories.precision import UNDATED, DatePrecision, PartialDate
from tests.conftest import REPO

PRECISIONS = yaml.safe_load((REPO / "content" / "precisions.yaml").read_text(encoding="utf-8"))
# From least to most precise; a date may be as precise as its seed or less, never more.
FINENESS = [None, DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY]


def fineness(known: PartialDate | None) -> int:
    return FINENESS.index(known.precision if known else None)


class DemoContentPrecisionTests(TestCase):
    """On the demo content, loaded once by the command `make run` uses."""

    @classmethod
    def setUpTestData(cls):
        ensure_site_structure()
        call_command("setup_portal", "--demo-if-empty", stdout=open("/dev/null", "w"))

    def test_every_story_file_has_an_entry_and_every_entry_a_story(self):
        files = {path.stem for path in (REPO / "content" / "stories").glob("*.md")}
        self.assertEqual(set(PRECISIONS["stories"]), files)
        self.assertEqual(set(StoryPage.objects.values_list("slug", flat=True)), files)
        self.assertLessEqual(set(PRECISIONS["stories"].values()), set(PRECISIONS["seeds"]))

    def test_every_story_names_its_seed(self):
        for story in StoryPage.objects.all():
            seed = PRECISIONS["seeds"][PRECISIONS["stories"][story.slug]]
            with self.subTest(story=story.slug):
                self.assertTrue(story.source_title and story.source_publisher)
                self.assertEqual(
                    (story.source_title, story.source_publisher, story.source_author),
                    (seed["title"], seed["publisher"], seed["author"]),
                )

    def test_no_date_more_precise_than_its_seed(self):
        for story in StoryPage.objects.all():
            seed = PRECISIONS["seeds"][PRECISIONS["stories"][story.slug]]
            known = None if seed["date"] == UNDATED else PartialDate.parse(seed["date"])
            for field, value in (
                ("date", story.known_date),
                ("source.date", story.known_source_date),
            ):
                with self.subTest(story=story.slug, field=field):
                    self.assertLessEqual(fineness(value), fineness(known))
                    if value is not None:
                        # Within what the seed gives: 2007 may not become 2008.
                        self.assertGreaterEqual(value.first_day, known.first_day)
                        self.assertLessEqual(value.last_day, known.last_day)

    def test_the_spread_the_seeds_tell_of_is_on_the_method_pages(self):
        # Assens took Esbjerg's target groups home; Svendborg plans a company centre.
        for method, source, adopter in (
            ("tvaerfagligt-team", "Esbjerg", "Assens"),
            ("virksomhedspartnerskab", "Middelfart", "Svendborg"),
        ):
            with self.subTest(method=method):
                body = self.client.get(f"/metoder/{method}/").content.decode()
                spread = body[body.index('class="spread"') :]
                spread = spread[: spread.index("</ol>")]
                self.assertLess(spread.index(f">{source}<"), spread.index(f">{adopter}<"))
        svendborg = StoryPage.objects.get(slug="svendborg-privat-virksomhedscenter")
        self.assertEqual(svendborg.status, "planned")
