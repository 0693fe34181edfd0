"""The evidence map: methods × indicators, counted exactly as the search it links to,
with "Skjul tomme", a legend in numbers, totals, and a list on a phone."""

from urllib.parse import parse_qsl, urlsplit

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client, TestCase

from browse.models import EvidenceMapPage
from findings.evidence_map import SHADES, evidence_map, shade, shade_bands
from portal.site_tree import ensure_site_structure
from stories.models import Indicator, Method, Region, StoryPage, TargetGroup
from tests.conftest import count_queries

FILTERS = (
    {},
    {"region": "1083"},
    {"region": "1081"},
    {"target_group": "kontanthjaelp-aktivitetsparate"},
    {"region": "1085", "target_group": "langtidsledige"},
)


def page(body: str) -> BeautifulSoup:
    return BeautifulSoup(body, "html.parser")


def classes(element) -> set[str]:
    return set(element.get("class") or [])


class EvidenceMapTests(TestCase):
    """On the demo content, loaded once by the importer a user runs."""

    @classmethod
    def setUpTestData(cls):
        ensure_site_structure()
        call_command("setup_portal", "--demo-if-empty", stdout=open("/dev/null", "w"))

    def search_count(self, url: str) -> int:
        params = parse_qsl(urlsplit(url).query)
        query = {}
        for name, value in params:
            query.setdefault(name, []).append(value)
        return self.client.get("/api/search/", query).json()["count"]

    def evidence(self, filters: dict):
        region = Region.objects.filter(code=filters.get("region")).first()
        group = TargetGroup.objects.filter(slug=filters.get("target_group")).first()
        return evidence_map(region, group)

    def test_every_cell_counts_what_its_search_finds(self):
        for filters in FILTERS:
            with self.subTest(filters=filters):
                evidence = self.evidence(filters)
                filled = [cell for row in evidence.rows for cell in row.cells if cell.stories]
                self.assertTrue(filled, "the demo content reports outcomes here")
                for cell in filled:
                    self.assertEqual(self.search_count(cell.search_url), cell.stories)
                # An empty cell's search finds nothing, too.
                empty = next(c for row in evidence.rows for c in row.cells if not c.stories)
                self.assertEqual(self.search_count(empty.search_url), 0)

    def test_totals_count_each_story_once_as_the_search_does(self):
        """A column's total is its indicator's search; a row's is the method's search
        for any indicator, which counts a story with two indicators once, not twice."""
        doubled = False
        for filters in FILTERS[:2] + FILTERS[3:4]:
            with self.subTest(filters=filters):
                evidence = self.evidence(filters)
                base = list(filters.items())
                every_indicator = [("indicator", i.slug) for i in evidence.indicators]
                for column in evidence.columns:
                    self.assertEqual(self.search_count(column.search_url), column.stories)
                for row in evidence.rows:
                    query = [("method", row.method.slug), *every_indicator, *base]
                    url = "/search/?" + "&".join(f"{k}={v}" for k, v in query)
                    self.assertEqual(self.search_count(url), row.stories, row.method.name)
                    cells = sum(cell.stories for cell in row.cells)
                    self.assertLessEqual(row.stories, cells)
                    doubled |= row.stories < cells
                url = "/search/?" + "&".join(f"{k}={v}" for k, v in [*every_indicator, *base])
                self.assertEqual(self.search_count(url), evidence.stories)
                self.assertEqual(sum(count.stories for count in evidence.levels), evidence.stories)
        self.assertTrue(doubled, "the demo has a story that reports two indicators")

    def test_every_active_term_has_its_row_and_column_and_the_empty_ones_are_marked(self):
        evidence = evidence_map()
        self.assertEqual(len(evidence.rows), Method.objects.filter(active=True).count())
        self.assertEqual(len(evidence.columns), Indicator.objects.filter(active=True).count())
        self.assertTrue(evidence.empty_rows, "the demo has methods without outcomes")
        self.assertTrue(evidence.empty_columns, "and indicators that no story reports")
        html = page(self.client.get("/evidenskort/?hide_empty=0").content.decode())
        table = html.select_one("table.evidence-map")
        body_rows = table.select("tbody tr")
        self.assertEqual(len(body_rows), len(evidence.rows))
        self.assertEqual(len(table.select("tbody td.evidence-cell--empty")), evidence.empty_count)
        # The marked rows are exactly the empty ones.
        marked = [
            tr.th.get_text(" ", strip=True)
            for tr in body_rows
            if "evidence-map__empty-row" in classes(tr)
        ]
        self.assertEqual(
            [name.split(" Evidens")[0] for name in marked],
            [row.method.name for row in evidence.empty_rows],
        )
        # Every cell of an empty column is marked, head to foot, and no other cell is.
        names = [th.get_text(strip=True) for th in table.select("thead th")]
        for tr in table.select("thead tr, tbody tr, tfoot tr"):
            cells = tr.find_all(["th", "td"], recursive=False)
            self.assertEqual(len(cells), len(names))
            for name, cell in zip(names, cells, strict=True):
                empty = name in {c.indicator.name for c in evidence.empty_columns}
                self.assertEqual("evidence-map__empty-column" in classes(cell), empty, name)
        self.assertIn(f"{evidence.empty_count} af {evidence.cell_count} felter er tomme", str(html))

    def test_skjul_tomme_is_on_unless_the_address_says_0(self):
        evidence = evidence_map()
        for query, hidden in [
            ("", True),
            ("?hide_empty=1", True),
            ("?hide_empty=0", False),
            # The form's hidden 0, then the ticked checkbox's 1: the last one counts.
            ("?hide_empty=0&hide_empty=1", True),
            ("?region=1083&hide_empty=0", False),
        ]:
            with self.subTest(query=query):
                html = page(self.client.get("/evidenskort/" + query).content.decode())
                wrapper = html.select_one("[data-evidence-map]")
                self.assertEqual("evidence-page--hide-empty" in classes(wrapper), hidden)
                self.assertEqual(
                    html.select_one("#evidence-hide-empty").has_attr("checked"), hidden
                )
                self.assertFalse(html.select("p.error"))
                # The form sends 0 unless the box is ticked.
                sent = [(i["name"], i["value"]) for i in html.select("form.filter-bar input[name]")]
                self.assertEqual(sent, [("hide_empty", "0"), ("hide_empty", "1")])
        # What is hidden is named, so the gaps in knowledge are not lost.
        note = page(self.client.get("/evidenskort/").content.decode()).select_one(
            ".evidence-page__hidden"
        )
        text = note.get_text(" ", strip=True)
        for row in evidence.empty_rows:
            self.assertIn(row.method.name, text)
        for column in evidence.empty_columns:
            self.assertIn(column.indicator.name, text)
        self.assertIn(f"{len(evidence.empty_rows)} metoder", text)

    def test_bad_values_are_explained_and_change_nothing(self):
        hidden = page(self.client.get("/evidenskort/").content.decode())
        for query in (
            "?hide_empty=ja",
            "?hide_empty=%00%3Cb%3E",
            "?hide_empty=" + "9" * 5000,
            "?hide_empty=1&hide_empty=x",
        ):
            with self.subTest(query=query[:40]):
                response = self.client.get("/evidenskort/" + query)
                self.assertEqual(response.status_code, 200)
                body = response.content.decode()
                html = page(body)
                self.assertIn(
                    "evidence-page--hide-empty", classes(html.select_one(".evidence-page"))
                )
                self.assertIn("skjule tomme rækker og kolonner", html.select_one("p.error").text)
                self.assertNotIn("\x00", body)
                # The map's own cells use <b>; the echoed value must come out escaped.
                self.assertNotIn("<b>", str(html.select_one("p.error")))
                self.assertLess(len(html.select_one("p.error").text), 200)
                self.assertEqual(
                    str(html.select_one("table.evidence-map")),
                    str(hidden.select_one("table.evidence-map")),
                )

    def test_the_legend_says_in_numbers_what_each_shade_means(self):
        evidence = evidence_map()
        filled = [cell for row in evidence.rows for cell in row.cells if cell.stories]
        self.assertEqual(sum(band.cells for band in evidence.bands), len(filled))
        for cell in filled:
            band = next(b for b in evidence.bands if b.low <= cell.stories <= b.high)
            self.assertEqual(cell.shade, band.shade)
        html = page(self.client.get("/evidenskort/").content.decode())
        items = [li.get_text(" ", strip=True) for li in html.select(".evidence-key__shades li")]
        self.assertEqual(items[0], "ingen historier")
        expected = []
        for band in evidence.bands:
            stories = (
                (f"{band.low} historie" if band.high == 1 else f"{band.low} historier")
                if band.low == band.high
                else f"{band.low}–{band.high} historier"
            )
            felter = "felt" if band.cells == 1 else "felter"
            expected.append(f"{stories} ({band.cells} {felter})")
        self.assertEqual(items[1:], expected)
        # Each swatch is the shade its cells have.
        swatches = html.select(".evidence-key__shades li .legend__swatch")[1:]
        self.assertEqual(
            [
                f"evidence-cell--shade-{band.shade}" in classes(s)
                for s, band in zip(swatches, evidence.bands, strict=True)
            ],
            [True] * len(evidence.bands),
        )
        # The evidence levels of the map's stories, each badge linked to its explanation.
        levels = html.select(".evidence-key__levels a.evidence-badge")
        self.assertEqual(len(levels), len(evidence.levels))
        for link, count in zip(levels, evidence.levels, strict=True):
            self.assertEqual(link["href"], f"/evidensniveauer/#niveau-{count.level.level}")

    def test_shade_bands_cover_every_count_once(self):
        for counts in ([1], [1, 1, 2], [1, 2, 3, 4, 5], list(range(1, 13)), [1, 412, 7, 300]):
            with self.subTest(counts=counts):
                bands = shade_bands(counts)
                fullest = max(counts)
                self.assertEqual(bands[-1].shade, SHADES)
                self.assertEqual(bands[-1].high, fullest)
                self.assertEqual(bands[0].low, 1)
                for lower, upper in zip(bands[:-1], bands[1:], strict=True):
                    self.assertEqual(upper.low, lower.high + 1)
                for count in range(1, fullest + 1):
                    band = next(b for b in bands if b.low <= count <= b.high)
                    self.assertEqual(shade(count, fullest), band.shade)
                self.assertEqual(sum(b.cells for b in bands), len(counts))
        self.assertEqual(
            [(b.low, b.high) for b in shade_bands(list(range(1, 13)))],
            [(1, 3), (4, 6), (7, 9), (10, 12)],
        )
        self.assertEqual(shade_bands([]), [])

    def test_a_cell_says_its_stories_and_strongest_level_in_words(self):
        evidence = evidence_map()
        cell = max(
            (c for row in evidence.rows for c in row.cells if c.stories),
            key=lambda c: c.stories,
        )
        html = page(self.client.get("/evidenskort/").content.decode())
        link = html.select_one(f'td.evidence-cell a[href="{cell.search_url}"]')
        spoken = link.select_one(".visually-hidden").get_text(strip=True)
        self.assertEqual(
            spoken,
            f"{cell.stories} historier, {cell.municipalities} kommune"
            f"{'r' if cell.municipalities != 1 else ''}, "
            f"stærkeste evidensniveau {cell.strongest_evidence} af 5",
        )
        seen = link.select_one("[aria-hidden=true]").get_text(" ", strip=True)
        self.assertEqual(seen, f"{cell.stories} niv. {cell.strongest_evidence}")

    def test_the_list_on_a_phone_has_every_filled_cell_by_method(self):
        evidence = evidence_map(search_url="/search/")
        html = page(self.client.get("/evidenskort/").content.decode())
        items = html.select("ul.evidence-list > li")
        self.assertEqual(len(items), len(evidence.rows))
        for item, row in zip(items, evidence.rows, strict=True):
            self.assertIn(row.method.name, item.h2.get_text())
            self.assertEqual("evidence-map__empty-row" in classes(item), row.empty)
            links = [
                a["href"] for a in item.select(".evidence-list__indicators a[href^='/search/']")
            ]
            self.assertEqual(links, [cell.search_url for cell in row.reported])
            lines = [
                a.get_text(" ", strip=True) for a in item.select(".evidence-list__indicators a")
            ]
            for line, cell in zip(lines, row.reported, strict=True):
                self.assertTrue(line.startswith(cell.indicator.name + " :"), line)
                self.assertIn(f"evidens {cell.strongest_evidence}/5", line)
            # The method's strongest level is a badge linked to its explanation.
            badge = item.select_one(".evidence-list__summary a.evidence-badge")
            if row.strongest_evidence:
                self.assertEqual(
                    badge["href"], f"/evidensniveauer/#niveau-{row.strongest_evidence}"
                )
            else:
                self.assertIsNone(badge)

    def test_a_map_with_nothing_to_show_says_so(self):
        # No stories in Region Nordjylland about this group.
        query = "?region=1081&target_group=kontanthjaelp-aktivitetsparate"
        evidence = self.evidence(
            {"region": "1081", "target_group": "kontanthjaelp-aktivitetsparate"}
        )
        self.assertEqual(evidence.stories, 0)
        html = page(self.client.get("/evidenskort/" + query).content.decode())
        self.assertIn("0 historier har målte resultater", html.select_one(".stats").get_text(" "))
        self.assertIn("Nulstil", html.select_one("form.filter-bar").get_text())
        self.assertFalse(html.select(".evidence-key__shades li .legend__count"))

    def test_the_query_count_stays_the_same_with_more_methods_indicators_and_stories(self):
        urls = ["/evidenskort/", "/evidenskort/?region=1083&hide_empty=0"]
        evidence_map_before = evidence_map()
        before = {url: count_queries(url) for url in urls}
        for number in range(6):
            Method.objects.create(slug=f"ny-metode-{number}", name=f"Ny metode {number}")
            Indicator.objects.create(slug=f"ny-indikator-{number}", name=f"Ny indikator {number}")
        # A story with outcomes now also tells of the new methods: six more filled rows.
        story = StoryPage.objects.live().filter(outcomes__isnull=False).first()
        story.methods.add(*Method.objects.filter(slug__startswith="ny-metode"))
        story.save()
        self.assertEqual(len(evidence_map().filled_rows), len(evidence_map_before.filled_rows) + 6)
        after = {url: count_queries(url) for url in urls}
        self.assertEqual(after, before)

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
