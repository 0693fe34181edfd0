"""Search when the cluster fails: the circuit breaker, the outbox, and results checked
against the database (issue 11, defects 1 and 2). Real sockets: a listener that never
answers, and a stand-in that answers (tests/search/clusters.py)."""

import logging

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from search import engines
from search.breaker import CircuitBreaker
from search.indexing import rebuild_index
from search.models import PendingIndexChange
from search.outbox import push_index_changes, push_pending
from search.query import SearchQuery
from stories.models import StoryPage

from .clusters import HangingCluster, StandInCluster

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PUSH_TASK = "search.outbox.push_index_changes"


def run_due_pushes() -> None:
    """What the database worker does with the queued pushes that are due: each is taken
    off the queue and run. (The real `db_worker` closes the database connection when it
    is done, which a test inside a transaction cannot survive on PostgreSQL.)"""
    # django-tasks-db stores "no time given" as the latest date there is.
    due = DBTaskResult.objects.filter(task_path=PUSH_TASK, status="READY").filter(
        Q(run_after__lte=timezone.now()) | Q(run_after=get_date_max())
    )
    for queued in list(due):
        queued.delete()
        push_index_changes.call()


@pytest.fixture
def cluster_at():
    """Point the portal at a cluster, with fresh engine and breaker."""

    overrides = []

    def point(url: str, **settings):
        engines._elasticsearch_engine.cache_clear()
        engines._breaker.cache_clear()
        override = override_settings(ELASTICSEARCH_URL=url, **settings)
        override.enable()
        overrides.append(override)

    yield point
    for override in reversed(overrides):
        override.disable()
    engines._elasticsearch_engine.cache_clear()
    engines._breaker.cache_clear()


@pytest.fixture
def hanging():
    cluster = HangingCluster()
    yield cluster
    cluster.close()


@pytest.fixture
def standin():
    cluster = StandInCluster()
    yield cluster
    cluster.close()


def test_the_breaker_holds_off_then_lets_one_try_through():
    now = [100.0]
    breaker = CircuitBreaker("Cluster", retry_after=30, clock=lambda: now[0])
    assert breaker.allows()
    breaker.record_failure(TimeoutError("read timed out"))
    assert not breaker.allows()
    now[0] += 29
    assert not breaker.allows()
    now[0] += 2
    assert breaker.allows()  # the pause is over: one caller tries
    assert not breaker.allows()  # and the others wait for its answer
    breaker.record_success()
    assert breaker.allows() and breaker.allows()


@pytest.mark.django_db
def test_a_hanging_cluster_costs_one_timeout_and_one_log_line(corpus, hanging, cluster_at, caplog):
    cluster_at(hanging.url, ELASTICSEARCH_READ_TIMEOUT=0.3)
    with caplog.at_level(logging.INFO):
        results = [engines.search(SearchQuery(q="tangsamler")) for _ in range(10)]
    assert {result.engine for result in results} == {"database"}
    assert all([r["slug"] for r in result.results] == ["thisted-tang"] for result in results)
    # Asked once; the nine searches after the failure did not wait for it.
    assert len(hanging.connections) == 1
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert warnings[0].exc_info is None
    assert "not asked again for 30 s" in warnings[0].getMessage()


@pytest.mark.django_db
def test_publishing_does_not_wait_for_a_hanging_cluster(
    corpus, hanging, cluster_at, django_capture_on_commit_callbacks
):
    cluster_at(hanging.url, ELASTICSEARCH_READ_TIMEOUT=0.3, TASKS=DATABASE_TASKS)
    page = StoryPage.objects.get(slug="vejle-sj")
    page.title = "Nyt navn"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert hanging.connections == []  # the request never spoke to the cluster
    assert list(PendingIndexChange.objects.values_list("story_id", flat=True)) == [page.pk]
    assert DBTaskResult.objects.filter(task_path=PUSH_TASK).exists()
    # The database answers with the new title at once.
    assert engines.search(SearchQuery(q="Nyt navn")).results[0]["slug"] == "vejle-sj"


@pytest.mark.django_db
def test_the_outbox_catches_up_when_the_cluster_answers_again(
    corpus, hanging, standin, cluster_at, django_capture_on_commit_callbacks
):
    """A story unpublished while the cluster hangs leaves the cluster once it answers:
    the push queued in the database fails, queues its own retry for after the pause, and
    the retry carries the change."""
    cluster_at(standin.url, TASKS=DATABASE_TASKS)
    rebuild_index()
    kept = StoryPage.objects.get(slug="vejle-sj")
    gone = StoryPage.objects.get(slug="thisted-tang")
    assert {str(kept.pk), str(gone.pk)} <= set(standin.documents)

    cluster_at(hanging.url, TASKS=DATABASE_TASKS, ELASTICSEARCH_READ_TIMEOUT=0.3)
    # The test runs inside a transaction that never commits: run the commit hooks (the
    # task is queued there) as a commit would.
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert DBTaskResult.objects.filter(task_path=PUSH_TASK, status="READY").count() == 1
    run_due_pushes()
    change = PendingIndexChange.objects.get(story_id=gone.pk)
    assert change.attempts == 1 and "Timeout" in change.last_error
    # The worker queued its own retry for after the breaker's pause.
    retry = DBTaskResult.objects.filter(
        task_path=PUSH_TASK, status="READY", run_after__gt=timezone.now()
    )
    assert retry.count() == 1

    # The cluster is back (the retry's time has come): the worker carries the change.
    cluster_at(standin.url, TASKS=DATABASE_TASKS)
    retry.update(run_after=timezone.now())
    run_due_pushes()
    assert not PendingIndexChange.objects.exists()
    assert str(gone.pk) not in standin.documents
    assert str(kept.pk) in standin.documents


@pytest.mark.django_db
def test_a_stale_copy_in_the_cluster_is_never_shown(corpus, hanging, standin, cluster_at):
    cluster_at(standin.url)
    rebuild_index()
    gone = StoryPage.objects.get(slug="thisted-tang")
    cluster_at(hanging.url, ELASTICSEARCH_READ_TIMEOUT=0.3)
    gone.unpublish()  # the push fails: the cluster keeps its copy
    assert str(gone.pk) in standin.documents

    cluster_at(standin.url)
    result = engines.search(SearchQuery())
    assert result.engine == "elasticsearch"
    slugs = [r["slug"] for r in result.results]
    assert "thisted-tang" not in slugs
    assert "vejle-sj" in slugs
    assert result.count == len(standin.documents) - 1


@pytest.mark.django_db
def test_update_index_reconciles_and_empties_the_outbox(corpus, hanging, standin, cluster_at):
    cluster_at(hanging.url, ELASTICSEARCH_READ_TIMEOUT=0.3)
    StoryPage.objects.get(slug="thisted-tang").unpublish()
    assert PendingIndexChange.objects.exists()
    cluster_at(standin.url)
    call_command("update_index", verbosity=0)
    assert not PendingIndexChange.objects.exists()
    assert len(standin.documents) == StoryPage.objects.live().count()
    assert push_pending().pushed == 0
