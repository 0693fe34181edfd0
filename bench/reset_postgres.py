"""Drops and recreates the scratch PostgreSQL database named in BENCH_DATABASE_URL."""

import os
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg

url = os.environ["BENCH_DATABASE_URL"]
parts = urlsplit(url)
name = parts.path.lstrip("/")
if not name.startswith("portal_bench"):
    sys.exit(f"refusing to drop '{name}': the scratch database's name must start with portal_bench")
admin = urlunsplit(parts._replace(path="/" + os.environ.get("BENCH_ADMIN_DB", "test")))
try:
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
except psycopg.OperationalError as error:
    sys.exit(f"PostgreSQL not reachable for the benchmark: {error}".strip())
