"""The outbox between the database and Elasticsearch.

Every index change (publish, unpublish, move, delete, privacy, vocabulary renames) queues
the stories concerned here, in the page's transaction; a task carries them to the cluster
after the commit. When the cluster fails, the rows stay, the circuit breaker holds the
cluster off, and the task tries again after the pause (with the database worker), until
the cluster has them. `manage.py update_index` still rebuilds everything.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Max
from django.tasks import task
from django.utils import timezone

from .documents import build_document, public_stories
from .engines import elasticsearch_breaker, elasticsearch_engine
from .models import PendingIndexChange

BATCH = 500


@dataclass
class PushReport:
    pushed: int = 0  # stories the cluster now has in their current state
    waiting: int = 0  # stories still queued
    failed: bool = False  # this run asked the cluster and it failed


def queue_index_changes(story_ids: list[int]) -> None:
    """Queue these stories for the cluster; the push starts after the commit."""
    if elasticsearch_engine() is None or not story_ids:
        return
    PendingIndexChange.objects.bulk_create(
        [PendingIndexChange(story_id=pk) for pk in dict.fromkeys(story_ids)]
    )
    transaction.on_commit(push_index_changes.enqueue)


def push_pending() -> PushReport:
    """Carry the queued stories to the cluster, in batches."""
    es = elasticsearch_engine()
    if es is None:
        # No cluster configured (any more): nothing will ever read these.
        PendingIndexChange.objects.all().delete()
        return PushReport()
    breaker = elasticsearch_breaker()
    report = PushReport()
    while True:
        # Rows queued after this point have larger ids and stay for the next run, even
        # when they name a story of this batch: they may describe a newer state.
        last = PendingIndexChange.objects.aggregate(last=Max("pk"))["last"]
        if last is None:
            return report
        story_ids = list(
            PendingIndexChange.objects.filter(pk__lte=last)
            .order_by("story_id")
            .values_list("story_id", flat=True)
            .distinct()[:BATCH]
        )
        if not breaker.allows():
            report.waiting = _waiting()
            return report
        visible = {page.pk: page for page in public_stories().filter(pk__in=story_ids)}
        try:
            es.index_many(build_document(page) for page in visible.values())
            es.delete([pk for pk in story_ids if pk not in visible])
        except Exception as error:  # any failure of the cluster: keep the rows, try later
            breaker.record_failure(error)
            PendingIndexChange.objects.filter(story_id__in=story_ids).update(
                attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:500]
            )
            report.failed = True
            report.waiting = _waiting()
            return report
        breaker.record_success()
        PendingIndexChange.objects.filter(pk__lte=last, story_id__in=story_ids).delete()
        report.pushed += len(story_ids)


def _waiting() -> int:
    return PendingIndexChange.objects.values("story_id").distinct().count()


@task()
def push_index_changes() -> dict[str, int]:
    """The task: push what is queued; after a failure, come back when the breaker's pause
    is over (with a backend that can wait, i.e. the database worker)."""
    report = push_pending()
    backend = push_index_changes.get_backend()
    if report.failed and backend.supports_defer:
        retry_at = timezone.now() + timedelta(seconds=elasticsearch_breaker().retry_after)
        push_index_changes.using(run_after=retry_at).enqueue()
    return {"pushed": report.pushed, "waiting": report.waiting}
