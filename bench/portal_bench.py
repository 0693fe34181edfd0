"""`make bench`: the portal under gunicorn on 127.0.0.1, driven by wrk.

For each size (1,000 and 10,000 synthetic stories by default; BENCH_SIZES=100000 on
request) in a scratch SQLite database of its own (bench/portal-N.sqlite3, built once by
`manage.py bench_search`, which writes real pages and index rows):

- per page (home, story, method, region, evidence map, search, /api/search/,
  /api/outcomes/): SQL queries and HTML bytes of one request (Django's test client), then
  throughput, p50/p95/p99 and worker CPU ms per request under wrk, uncached
  (PAGE_CACHE_SECONDS=0) and cached (the anonymous page cache in Redis);
- reliability at the largest size: 50 clients for 2 minutes on browse and search pages
  (errors must be 0), and search and pages with Elasticsearch hanging (a listener that
  accepts and never answers; p95 must stay under 1 s).

Writes bench/results.json and prints the README's table. Run it on a quiet machine: the
figures are only as steady as the machine.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = REPO / "bench" / "wrk_report.lua"
TICKS = os.sysconf("SC_CLK_TCK")
REDIS_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15")

PAGES_SCRIPT = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from browse.models import RegionPage
from stories.models import StoryPage
story = StoryPage.objects.live().order_by("pk").first()
region = RegionPage.objects.live().order_by("pk").first()
pages = {
    "home": "/",
    "story": story.url,
    "method": "/metoder/smaajobs/",
    "region": region.url,
    "evidence map": "/evidenskort/",
    "search": "/search/?q=borgere",
    "api search": "/api/search/?q=borgere",
    "api outcomes": "/api/outcomes/?method=smaajobs",
}
out = {}
for name, url in pages.items():
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    out[name] = {"url": url, "status": response.status_code, "sql_queries": len(queries),
                 "bytes": len(response.content)}
print(json.dumps(out))
"""


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
}


def manage(database: Path, *arguments: str, capture: bool = False, **extra: str) -> str:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "0", **extra}
    environment.pop("ELASTICSEARCH_URL", None)
    result = subprocess.run(
        [PY, "manage.py", *arguments],
        cwd=REPO,
        env=environment,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout if capture else ""


def scratch_database(stories: int, rebuild: bool) -> Path:
    database = REPO / "bench" / f"portal-{stories}.sqlite3"
    if database.exists() and not rebuild:
        print(f"== {stories} stories: reusing {database.name}", flush=True)
        manage(database, "migrate", "-v0")  # the code may have moved on since it was built
        return database
    database.unlink(missing_ok=True)
    print(f"== {stories} stories: building {database.name} (minutes at 10,000)", flush=True)
    manage(database, "migrate", "-v0")
    manage(database, "bench_search", "--stories", str(stories), "--runs", "3")
    return database


class Server:
    """gunicorn with production settings on a free port, two sync workers."""

    def __init__(self, database: Path, **environment: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            **PRODUCTION,
            "PORTAL_BASE_URL": self.url,
            "DATABASE_URL": f"sqlite:///{database}",
            "TASKS_BACKEND": "immediate",
            **environment,
        }
        env.setdefault("ELASTICSEARCH_URL", "")
        self.process = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=REPO,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                get(self.url + "/")
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise SystemExit("gunicorn did not answer within 60 s")

    def worker_cpu_seconds(self) -> float:
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # a worker: its parent is the master
                total += int(fields[11]) + int(fields[12])
        return total / TICKS

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.status


def wrk(url: str, connections: int, seconds: int, paths: list[str] = ()) -> dict:
    command = [
        WRK,
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-H",
        "X-Forwarded-Proto: https",
        "-s",
        str(LUA),
        url,
    ]
    if paths:
        command += ["--", *paths]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    report = json.loads(output.strip().splitlines()[-1])
    report["requests_per_second"] = round(report["requests"] / report["seconds"], 1)
    return report


def load(server: Server, url: str, connections: int, seconds: int) -> dict:
    get(server.url + url)  # warm: the first request of a worker builds its caches
    before = server.worker_cpu_seconds()
    report = wrk(server.url + url, connections, seconds)
    cpu = server.worker_cpu_seconds() - before
    report["worker_cpu_ms_per_request"] = round(cpu * 1000 / max(report["requests"], 1), 2)
    return report


class HangingCluster:
    """Accepts connections and never answers: an Elasticsearch that hangs."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(512)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.held.append(self.socket.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.socket.close()
        for conn in self.held:
            conn.close()


def bench_size(stories: int, args) -> dict:
    database = scratch_database(stories, args.rebuild)
    pages = json.loads(manage(database, "shell", "-c", PAGES_SCRIPT, capture=True).splitlines()[-1])
    result = {"stories": stories, "pages": pages}
    for mode, environment in (
        ("uncached", {"PAGE_CACHE_SECONDS": "0", "SEARCH_CACHE_SECONDS": "0"}),
        ("cached", {"CACHE_URL": REDIS_URL}),
    ):
        server = Server(database, **environment)
        try:
            for name, page in pages.items():
                print(f"   {mode:8} {name}", flush=True)
                page[mode] = load(server, page["url"], args.connections, args.seconds)
        finally:
            server.stop()
    return result


def reliability(stories: int, args) -> dict:
    database = scratch_database(stories, False)
    pages = json.loads(manage(database, "shell", "-c", PAGES_SCRIPT, capture=True).splitlines()[-1])
    browse_and_search = [
        pages[name]["url"] for name in ("home", "story", "method", "region", "search", "api search")
    ] + ["/search/?q=praktik&method=smaajobs", "/search/?region=1083&sort=newest"]
    out = {}
    print("   50 clients, browse and search, uncached", flush=True)
    server = Server(database, PAGE_CACHE_SECONDS="0", SEARCH_CACHE_SECONDS="0")
    try:
        out["fifty_clients"] = wrk(server.url, 50, args.soak_seconds, browse_and_search)
        out["fifty_clients"]["seconds_planned"] = args.soak_seconds
    finally:
        server.stop()
    hanging = HangingCluster()
    print("   Elasticsearch hanging: 10 clients on search and pages", flush=True)
    server = Server(
        database,
        ELASTICSEARCH_URL=hanging.url,
        PAGE_CACHE_SECONDS="0",
        SEARCH_CACHE_SECONDS="0",
    )
    try:
        out["hanging_cluster"] = {
            name: wrk(server.url + pages[name]["url"], 10, args.seconds)
            for name in ("search", "api search", "home")
        }
        out["hanging_cluster"]["connections_to_the_cluster"] = len(hanging.held)
    finally:
        server.stop()
        hanging.close()
    return out


def table(results: dict) -> str:
    lines = [
        "| stories | page | SQL | KB | uncached req/s | p50 / p95 / p99 ms | worker CPU ms "
        "| cached req/s | cached p95 ms |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        for name, page in size["pages"].items():
            u, c = page["uncached"], page["cached"]
            lines.append(
                f"| {size['stories']:,} | {name} | {page['sql_queries']} | "
                f"{page['bytes'] / 1024:.0f} | {u['requests_per_second']:.0f} | "
                f"{u['p50_ms']:.0f} / {u['p95_ms']:.0f} / {u['p99_ms']:.0f} | "
                f"{u['worker_cpu_ms_per_request']:.1f} | {c['requests_per_second']:.0f} | "
                f"{c['p95_ms']:.1f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000 10000"))
    parser.add_argument("--seconds", type=int, default=10, help="wrk run per page")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--soak-seconds", type=int, default=120, help="the 50-client run")
    parser.add_argument("--rebuild", action="store_true", help="build the scratch databases anew")
    args = parser.parse_args()
    if not Path(WRK).exists():
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install wrk).")
    sizes = [int(size) for size in args.sizes.split()]
    # Production settings serve hashed static names: the manifest must exist.
    manage(REPO / "bench" / "static.sqlite3", "collectstatic", "--noinput", "-v0", **PRODUCTION)
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "settings": {"wrk_seconds": args.seconds, "connections": args.connections},
        "sizes": [bench_size(stories, args) for stories in sizes],
    }
    results["reliability"] = reliability(max(sizes), args)
    (REPO / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(json.dumps(results["reliability"], indent=2))


if __name__ == "__main__":
    main()
