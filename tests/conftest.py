import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.models import HomePage
from portal.site_tree import ensure_site_structure
from storyfiles.story_files import import_stories

REPO = Path(__file__).resolve().parent.parent
CONTRACT_EXAMPLE = """\
---
title: Småjobs på ordinære vilkår
slug: vejle-smaajobs
municipality: Vejle            # a municipality's name or its 3-digit code ("630")
methods: [smaajobs, haandholdt-vejledning]
target_groups: [kontanthjaelp-aktivitetsparate]
tags: [virksomhedskonsulent, frugtlager]
date: 2018-02-01               # when the story was published or told
evidence_level: 2              # 1-5, see below
teaser: >
  I Vejle har 70 borgere på kontanthjælp fået småjobs på 5-15 timer om ugen.
partners: [Dag til Dag]        # optional: organisations, companies, providers
source:                        # optional
  title: "Jobcenter: Skab småjobs i virksomhederne"
  publisher: Vejlederforum
  date: 2018-02-01
  url: https://example.org/artikel   # optional
contact:                       # optional
  name: Birgit Thorup
  role: Arbejdsmarkedschef, Jobcenter Vejle
outcomes:
  - indicator: smaajob
    value: 70
    to: 2018-02-01
  - indicator: timer-pr-uge
    value: 5
    value_max: 15
    note: pr. borger i småjob
---
Et frugtlager manglede en, der kunne fjerne de tomme kasser ...
"""


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The page tree, built once a test session in the test database (each xdist worker
    has its own); every test's changes roll back, so the tree stays as built."""
    with django_db_blocker.unblock():
        ensure_site_structure()


@pytest.fixture(autouse=True)
def site_language_after_each_test():
    """A request in another language (Accept-Language: en) leaves that language active
    in the worker, as Django's LocaleMiddleware does not reset it; the next test would
    format dates in English. Each test leaves the site's default language behind."""
    yield
    translation.deactivate()


@pytest.fixture
def site(db):
    return HomePage.objects.get()


class StoryDir:
    """A folder to write story files into: write(name, front_matter, body)."""

    def __init__(self, path: Path):
        self.path = path

    def write(self, name: str, front_matter: str, body: str = "Brødtekst.") -> Path:
        file = self.path / name
        file.write_text(
            "---\n" + textwrap.dedent(front_matter).strip("\n") + "\n---\n" + body + "\n",
            encoding="utf-8",
        )
        return file

    def write_raw(self, name: str, content: str | bytes) -> Path:
        file = self.path / name
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
        return file


@pytest.fixture
def story_dir(tmp_path):
    return StoryDir(tmp_path)


@contextmanager
def kept_for_the_module(django_db_blocker):
    """Data written inside stays for the tests of one module and is rolled back after
    the last of them: each test runs in a savepoint inside this transaction, so what a
    test changes is undone for the next. For modules whose every test reads the same
    corpus (`make test` keeps a module on one worker: --dist loadfile)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def front_matter(
    slug: str,
    title: str = "",
    municipality: str = "Vejle",
    methods: str = "[smaajobs]",
    date: str = "2020-05-01",
    **fields: str,
) -> str:
    """A story's front matter: the required fields (each can be given) in the order
    title, slug, municipality, methods, date, then any others on lines of their own."""
    lines = {
        "title": title or f"Testhistorie {slug}",
        "slug": slug,
        "municipality": municipality,
        "methods": methods,
        "date": date,
        **fields,
    }
    return "\n".join(f"{key}: {value}" for key, value in lines.items())


def minimal(slug: str = "test-historie", **fields: str) -> str:
    """Front matter with just the required fields, plus any others."""
    return front_matter(slug, **fields)


def count_queries(url: str) -> int:
    """The SQL queries of one GET of url, after a first GET has warmed the per-process
    caches (site root paths) that a running server has."""
    Client().get(url)
    with CaptureQueriesContext(connection) as context:
        assert Client().get(url).status_code == 200
    return len(context)


def corpus_fixtures(files: dict[str, tuple[str, str]]):
    """The fixtures of a corpus of story files, {slug: (front matter, body)}: `corpus`,
    imported for each test that asks for it, and `shared_corpus`, imported once for a
    module whose every test reads it (the module opts in by defining its own `corpus`
    as `shared_corpus`; see kept_for_the_module)."""

    def import_corpus(story_dir: StoryDir) -> StoryDir:
        for slug, (matter, body) in files.items():
            story_dir.write(f"{slug}.md", matter, body=body)
        result = import_stories([str(story_dir.path)], publish=True)
        assert result.problems == [], result.problems
        return story_dir

    @pytest.fixture
    def corpus(site, story_dir):
        return import_corpus(story_dir)

    @pytest.fixture(scope="module")
    def shared_corpus(django_db_setup, django_db_blocker, tmp_path_factory):
        with kept_for_the_module(django_db_blocker):
            yield import_corpus(StoryDir(tmp_path_factory.mktemp("corpus")))

    return corpus, shared_corpus


def story_form(
    page=None,
    *,
    outcomes: list[dict] | None = None,
    inspirations: list[dict] | None = None,
    **fields,
) -> dict:
    """The story editor's POST data, as the admin's form sends it: a page's current
    fields (or a new story in Vejle), with `fields` and the inline rows replacing them."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from stories.models import Method, Municipality

    if page is not None:
        base = {
            "title": page.title,
            "slug": page.slug,
            "teaser": page.teaser,
            "municipality": page.municipality_id,
            "date": page.date.isoformat(),
            "evidence_level": page.evidence_level,
            "status": page.status,
            "municipalities": [page.municipality_id],
            "methods": [m.pk for m in page.methods.all()],
        }
    else:
        vejle = Municipality.objects.get(name="Vejle")
        base = {
            "title": "Småjobs i Vejle",
            "slug": "smaajobs-i-vejle",
            "teaser": "Småjobs i lokale virksomheder.",
            "municipality": vejle.pk,
            "date": "2024-03-01",
            "evidence_level": 2,
            "status": "running",
            "municipalities": [vejle.pk],
            "methods": [Method.objects.get(slug="smaajobs").pk],
        }
    base.update(fields)
    # Multiple-choice fields go as lists, outside the nested (dash-joined) names.
    lists = {
        key: base.pop(key) for key in ("municipalities", "methods", "target_groups") if key in base
    }
    data = nested_form_data(
        {
            **base,
            "body": streamfield([("markdown", "Borgerne fik småjobs.")]),
            "outcomes": inline_formset(outcomes or []),
            "inspirations": inline_formset(inspirations or []),
        }
    )
    data.update(lists)
    return data
