"""Benchmark of the search service on N synthetic stories (`make bench-search`).

Meant for a scratch database only: it refuses to run where stories already exist. It
creates N real story pages, indexes them with the real indexing code and times, on the
engine the database gives (SQLite FTS5 or PostgreSQL):

- a text query for a word in every story (the worst case for ranking),
- a faceted query (text, a method and a region),
- the facet counts over all stories,

and counts the SQL queries of one /api/search/ request. Prints one JSON line.
"""

import json
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.synthetic_stories import COMMON_WORD, create_stories, only_synthetic_stories
from search.engines import database_engine
from search.indexing import analyse_search_tables
from search.query import SearchQuery
from stories.models import Method, StoryPage


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Times the search service on N synthetic stories in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=1000)
        parser.add_argument("--runs", type=int, default=40)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="time the stories a previous run left in this scratch database",
        )

    def handle(self, *args, **options):
        existing = StoryPage.objects.count()
        if options["reuse"] and existing:
            if only_synthetic_stories():
                options["stories"] = existing
            else:
                raise CommandError("--reuse needs a scratch database of benchmark stories only.")
            built = 0.0
        elif existing:
            raise CommandError("bench_search needs a scratch database without stories.")
        else:
            rng = random.Random(options["seed"])
            started = time.perf_counter()
            create_stories(options["stories"], rng)
            built = time.perf_counter() - started
        analyse_search_tables()

        engine = database_engine()
        method = Method.objects.get(slug="smaajobs").slug
        queries = {
            "text": SearchQuery(q=COMMON_WORD),
            "faceted": SearchQuery(q="praktik", filters={"method": [method], "region": ["1083"]}),
        }
        timings: dict[str, list[float]] = {name: [] for name in [*queries, "facet_counts"]}
        for _ in range(options["runs"]):
            for name, query in queries.items():
                timings[name].append(self.timed(lambda q=query: engine.search(q)))
            timings["facet_counts"].append(self.timed(lambda: engine._facets(SearchQuery(), [])))
        client = Client()
        with CaptureQueriesContext(connection) as context:
            response = client.get(
                "/api/search/", {"q": COMMON_WORD, "method": method}, HTTP_HOST="localhost"
            )
        assert response.status_code == 200
        report = {
            "engine": connection.vendor,
            "stories": options["stories"],
            "build_seconds": round(built, 1),
            "matches_common_word": engine.search(queries["text"]).count,
            "sql_queries_per_request": len(context),
        }
        for name, samples in timings.items():
            report[f"{name}_p50_ms"] = round(statistics.median(samples) * 1000, 1)
            report[f"{name}_p95_ms"] = round(percentile(samples, 0.95) * 1000, 1)
        self.stdout.write(json.dumps(report))

    @staticmethod
    def timed(function) -> float:
        start = time.perf_counter()
        function()
        return time.perf_counter() - start
