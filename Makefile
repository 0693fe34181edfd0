# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python

# The first interpreter on PATH that is Python >= 3.12 (Wagtail 8 / Django 6.1 need it).
PYTHON_FOR_VENV := $(shell for p in python3.14 python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	command -v $$p; break; fi; done)

.PHONY: run test test-e2e install lint format lock admin demo bench bench-search bench-pages backup restore clean

$(VENV)/.installed: requirements.lock
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
		echo "Fejl: denne portal kræver Python 3.12 eller nyere, og ingen blev fundet på PATH."; \
		echo "Error: Python >= 3.12 is required (Wagtail 8 / Django 6.1); install it, e.g. 'pyenv install 3.12'."; \
		exit 1; fi
	@echo "Using $(PYTHON_FOR_VENV) ($$($(PYTHON_FOR_VENV) --version))"
	@[ -x $(PY) ] || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_portal --demo-if-empty
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Runs on SQLite by default, on PostgreSQL when DATABASE_URL is set.
test: install lint
	$(PY) manage.py check --settings=portal.settings.test
	$(PY) manage.py makemigrations --check --dry-run --settings=portal.settings.test
	$(PY) -m pytest -n auto --dist loadfile -q --durations=15

# Browser tests (tests/e2e): Playwright driving the system's Chromium, axe-core from npm.
# Screenshots of every page type go to e2e-artifacts/screenshots/.
CHROMIUM := /usr/bin/chromium
E2E := tests/e2e

test-e2e: install $(E2E)/node_modules/.installed
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium || exit 1; \
		else \
			echo "Fejl: browsertestene kræver Chromium i $(CHROMIUM)."; \
			echo "Error: the browser tests need Chromium at $(CHROMIUM); install it, e.g. 'sudo apt-get install chromium' on Debian/Ubuntu."; \
			exit 1; \
		fi; fi
	E2E_CHROMIUM=$(CHROMIUM) $(PY) -m pytest $(E2E) -c $(E2E)/pytest.ini

$(E2E)/node_modules/.installed: $(E2E)/package.json $(E2E)/package-lock.json
	@command -v npm >/dev/null || { \
		echo "Error: the browser tests need npm (Node.js) to install axe-core; install Node.js 18 or newer."; \
		exit 1; }
	npm ci --prefix $(E2E) --no-audit --no-fund --loglevel=error
	@touch $@

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m djhtml --check templates

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
	$(PY) -m djhtml templates

# Regenerates the lock from pyproject.toml in a scratch venv.
lock:
	rm -rf /tmp/portal-lock && $(PYTHON_FOR_VENV) -m venv /tmp/portal-lock
	/tmp/portal-lock/bin/pip install --quiet --upgrade pip
	/tmp/portal-lock/bin/pip install --quiet ".[dev]"
	/tmp/portal-lock/bin/pip freeze --exclude godehistorier > requirements.lock

admin: install
	$(PY) manage.py createsuperuser

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_portal
	$(PY) manage.py import_stories content/stories --publish
	$(PY) manage.py import_collections content/collections --publish

# Search benchmark in scratch databases: BENCH_SIZES="100000" make bench-search for more.
BENCH_SIZES ?= 1000 10000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_SQLITE := $(CURDIR)/bench/scratch.sqlite3

bench-search: install
	@for n in $(BENCH_SIZES); do \
		rm -f $(BENCH_SQLITE); \
		DEBUG=0 DATABASE_URL=sqlite:///$(BENCH_SQLITE) $(PY) manage.py migrate -v0 && \
		DEBUG=0 DATABASE_URL=sqlite:///$(BENCH_SQLITE) $(PY) manage.py bench_search --stories $$n || exit 1; \
		if BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/reset_postgres.py; then \
			DEBUG=0 DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate -v0 && \
			DEBUG=0 DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_search --stories $$n || exit 1; \
		fi; \
	done

# The portal under gunicorn, driven by wrk (bench/portal_bench.py): pages cached and
# uncached at 1,000 and 10,000 stories, 50 clients for 2 minutes, Elasticsearch hanging.
# BENCH_SIZES="100000" make bench for more. Results in bench/results.json.
bench: install
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's wrk for the benchmark"; \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk || exit 1; \
		else \
			echo "Error: the benchmark needs wrk (https://github.com/wg/wrk); e.g. 'sudo apt-get install wrk'."; \
			exit 1; \
		fi; fi
	$(PY) bench/portal_bench.py --sizes "$(BENCH_SIZES)"

# Page benchmark on SQLite: one scratch database per size, topped up and reused between
# runs (delete bench/pages-*.sqlite3 to rebuild); results go to bench/pages.json.
BENCH_PAGE_SIZES ?= 100 1000 10000

bench-pages: install
	@for n in $(BENCH_PAGE_SIZES); do \
		db=sqlite:///$(CURDIR)/bench/pages-$$n.sqlite3; \
		DEBUG=0 DATABASE_URL=$$db $(PY) manage.py migrate -v0 && \
		DEBUG=0 DATABASE_URL=$$db $(PY) manage.py bench_pages --stories $$n || exit 1; \
	done

# Backups: the database (pg_dump, or SQLite's backup API) and media, one folder each time.
BACKUP_DIR ?= backups

backup: install
	$(PY) manage.py backup_portal --to $(BACKUP_DIR)

# make restore BACKUP=backups/portal-20261201T101500Z (REPLACE=1 over a database with content)
restore: install
	@if [ -z "$(BACKUP)" ]; then \
		echo "Brug: make restore BACKUP=$(BACKUP_DIR)/portal-<tidspunkt> [REPLACE=1]"; exit 2; fi
	$(PY) manage.py restore_portal $(BACKUP) $(if $(REPLACE),--replace)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache e2e-artifacts $(E2E)/node_modules
