"""The open data over the demo content, as the README shows it."""

import csv
import io
import xml.etree.ElementTree as ET

from django.core.management import call_command
from django.test import TestCase

from portal.site_tree import ensure_site_structure
from stories.models import Outcome


class DemoOpenDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_site_structure()
        call_command("setup_portal", "--demo-if-empty", stdout=open("/dev/null", "w"))

    def test_every_demo_outcome_is_a_row(self):
        data = self.client.get("/api/outcomes/").json()
        self.assertEqual(data["count"], Outcome.objects.count())
        holbaek = [
            row
            for row in data["results"]
            if row["story_slug"] == "holbaek-resultatbaseret-leverandoer"
            and row["indicator"] == "job-eller-uddannelse"
        ]
        self.assertEqual(len(holbaek), 1)
        self.assertEqual((holbaek[0]["value"], holbaek[0]["of"]), (34, 190))
        self.assertEqual(holbaek[0]["rate"], 0.1789)
        self.assertEqual(holbaek[0]["municipality_name"], "Holbæk")

    def test_smaajobs_as_csv(self):
        json_rows = self.client.get("/api/outcomes/?method=smaajobs").json()["results"]
        response = self.client.get("/api/outcomes/?format=csv&method=smaajobs")
        table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
        self.assertGreaterEqual(len(table), 2)
        self.assertEqual([r["story_slug"] for r in table], [r["story_slug"] for r in json_rows])
        self.assertIn("vejle-smaajobs", {r["story_slug"] for r in table})

    def test_feed_and_sitemap(self):
        channel = ET.fromstring(self.client.get("/feeds/historier/").content).find("channel")
        self.assertEqual(len(channel.findall("item")), 26)
        self.assertContains(self.client.get("/sitemap.xml"), "/kommuner/vejle/</loc>")
        self.assertContains(self.client.get("/sitemap.xml"), "/metoder/smaajobs/</loc>")
