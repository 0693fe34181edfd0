"""The evidence map: methods × indicators, counted exactly as the search it links to."""

from urllib.parse import parse_qsl, urlsplit

from django.core.management import call_command
from django.test import Client, TestCase

from browse.models import EvidenceMapPage
from findings.evidence_map import evidence_map
from portal.site_tree import ensure_site_structure
from stories.models import Method, Region, TargetGroup


class EvidenceMapTests(TestCase):
    """On the demo content, loaded once by the importer a user runs."""

    @classmethod
    def setUpTestData(cls):
        ensure_site_structure()
        call_command("setup_portal", "--demo-if-empty", stdout=open("/dev/null", "w"))

    def search_count(self, url: str) -> int:
        params = dict(parse_qsl(urlsplit(url).query))
        return self.client.get("/api/search/", params).json()["count"]

    def test_every_cell_counts_what_its_search_finds(self):
        for filters in (
            {},
            {"region": "1083"},
            {"region": "1081"},
            {"target_group": "kontanthjaelp-aktivitetsparate"},
            {"region": "1085", "target_group": "langtidsledige"},
        ):
            with self.subTest(filters=filters):
                region = Region.objects.filter(code=filters.get("region")).first()
                group = TargetGroup.objects.filter(slug=filters.get("target_group")).first()
                evidence = evidence_map(region, group)
                filled = [cell for row in evidence.rows for cell in row.cells if cell.stories]
                self.assertTrue(filled, "the demo content reports outcomes here")
                for cell in filled:
                    self.assertEqual(self.search_count(cell.search_url), cell.stories)
                # An empty cell's search finds nothing, too.
                empty = next(c for row in evidence.rows for c in row.cells if not c.stories)
                self.assertEqual(self.search_count(empty.search_url), 0)

    def test_empty_cells_are_visible_and_every_active_term_has_its_row_and_column(self):
        evidence = evidence_map()
        self.assertEqual(len(evidence.rows), Method.objects.filter(active=True).count())
        self.assertGreater(evidence.empty_count, 0)
        body = self.client.get("/evidenskort/").content.decode()
        self.assertEqual(
            body.count('class="evidence-cell evidence-cell--empty"'), evidence.empty_count
        )
        self.assertIn(f"{evidence.empty_count} af {evidence.cell_count} felter er tomme", body)

    def test_shading_follows_the_count(self):
        cells = [cell for row in evidence_map().rows for cell in row.cells]
        self.assertEqual(max(cells, key=lambda cell: cell.stories).shade, 4)
        self.assertTrue(all(0 < cell.shade <= 4 for cell in cells if cell.stories))
        self.assertTrue(all(cell.shade == 0 for cell in cells if not cell.stories))

    def test_a_retired_method_keeps_its_row_only_while_stories_report_it(self):
        used = next(row.method for row in evidence_map().rows if row.stories)
        unused = next(row.method for row in evidence_map().rows if not row.stories)
        Method.objects.filter(pk__in=[used.pk, unused.pk]).update(active=False)
        methods = {row.method.pk for row in evidence_map().rows}
        self.assertIn(used.pk, methods)
        self.assertNotIn(unused.pk, methods)

    def test_filters_narrow_the_map_and_bad_values_are_explained(self):
        whole = self.client.get("/evidenskort/").content.decode()
        north = self.client.get("/evidenskort/?region=1081").content.decode()
        self.assertGreater(north.count("evidence-cell--empty"), whole.count("evidence-cell--empty"))
        self.assertIn('<option value="1081" selected lang="da">', north)
        response = self.client.get("/evidenskort/?region=9999&target_group=%00%3Cb%3E")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("Ukendt region “9999”", body)
        self.assertIn("Ukendt målgruppe “&lt;b&gt;”", body)
        self.assertNotIn("\x00", body)

    def test_the_page_is_in_the_tree_once_and_in_the_menu(self):
        self.assertEqual(EvidenceMapPage.objects.live().count(), 1)
        self.assertIn('href="/evidenskort/"', Client().get("/").content.decode())
