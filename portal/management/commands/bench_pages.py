"""Benchmark of the pages a reader browses on N synthetic stories (`make bench-pages`).

Meant for a scratch database of synthetic stories only (portal.synthetic_stories). It
tops the database up to N stories (none are built when it has N already, so a second
run reuses them), then requests, through the whole Django stack:

- the home page,
- the page of the method with the most stories,
- the page of the region with the most stories,
- the page of the municipality with the most stories,
- the last page of /historier/,

and for each notes the HTML's size, the SQL queries of one request and the median time
of several requests (the machine may be shared: medians, not means). Prints one JSON
line and merges it into bench/pages.json, keyed by engine and story count.
"""

import json
import random
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client

from browse.models import (
    STORIES_PER_PAGE,
    MethodPage,
    MunicipalitiesIndexPage,
    RegionPage,
    StoriesIndexPage,
)
from portal.synthetic_stories import create_stories, only_synthetic_stories
from search.indexing import analyse_search_tables
from stories.models import Municipality, StoryPage

RESULTS = Path(settings.BASE_DIR) / "bench" / "pages.json"


class QueryLog:
    """Counts and times the SQL queries run while it wraps the connection."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


class Command(BaseCommand):
    help = "Measures the browsing pages on N synthetic stories in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=1000)
        parser.add_argument("--runs", type=int, default=7)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--output", default=str(RESULTS))

    def handle(self, *args, **options):
        wanted = options["stories"]
        existing = StoryPage.objects.count()
        if not only_synthetic_stories():
            raise CommandError("bench_pages needs a scratch database of benchmark stories only.")
        if existing > wanted:
            raise CommandError(
                f"The database has {existing} stories, more than {wanted}; use a new one."
            )
        built = 0.0
        if existing < wanted:
            # A seed per starting point: topping up gives the same stories each time.
            rng = random.Random(options["seed"] * 1_000_003 + existing)
            started = time.perf_counter()
            create_stories(wanted - existing, rng, first_number=existing)
            built = time.perf_counter() - started
        analyse_search_tables()

        client = Client()
        pages = {name: url for name, url in self.addresses()}
        report = {
            "engine": connection.vendor,
            "stories": wanted,
            "build_seconds": round(built, 1),
            "runs": options["runs"],
            "pages": {},
        }
        for name, url in pages.items():
            report["pages"][name] = self.measure(client, url, options["runs"])
        self.stdout.write(json.dumps(report))
        self.save(report, Path(options["output"]))

    def addresses(self):
        live = Q(stories__live=True)
        method_page = (
            MethodPage.objects.live()
            .annotate(story_count=Count("method__stories", filter=Q(method__stories__live=True)))
            .order_by("-story_count", "pk")
            .first()
        )
        region_page = (
            RegionPage.objects.live()
            .annotate(
                story_count=Count(
                    "region__municipalities__lead_stories",
                    filter=Q(region__municipalities__lead_stories__live=True),
                )
            )
            .order_by("-story_count", "pk")
            .first()
        )
        municipality = (
            Municipality.objects.annotate(story_count=Count("stories", filter=live))
            .order_by("-story_count", "pk")
            .first()
        )
        index = MunicipalitiesIndexPage.objects.live().first()
        stories_index = StoriesIndexPage.objects.live().first()
        live_count = StoryPage.objects.live().public().count()
        last_page = max(1, -(-live_count // STORIES_PER_PAGE))
        yield "home", "/"
        yield "method", method_page.url
        yield "region", region_page.url
        yield "municipality", index.municipality_url(municipality)
        yield "stories_last_page", f"{stories_index.url}?page={last_page}"

    @staticmethod
    def measure(client: Client, url: str, runs: int) -> dict:
        client.get(url, HTTP_HOST="localhost")  # warm: templates, translations
        queries = QueryLog()
        # A wrapper, not CaptureQueriesContext: the request's start resets that log.
        with connection.execute_wrapper(queries):
            response = client.get(url, HTTP_HOST="localhost")
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url, HTTP_HOST="localhost")
            samples.append(time.perf_counter() - started)
        return {
            "url": url,
            "html_kb": round(len(response.content) / 1024, 1),
            "sql_queries": queries.count,
            "sql_ms": round(queries.seconds * 1000, 1),
            "median_ms": round(statistics.median(samples) * 1000, 1),
        }

    @staticmethod
    def save(report: dict, path: Path) -> None:
        results = json.loads(path.read_text()) if path.exists() else []
        results = [
            r
            for r in results
            if (r["engine"], r["stories"]) != (report["engine"], report["stories"])
        ]
        results.append(report)
        results.sort(key=lambda r: (r["engine"], r["stories"]))
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
