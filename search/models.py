"""The portal's own search index: one row per published, public story.

It holds the story's text for the full-text engines, its facet values in a narrow table
for counting in the database, and the finished result document, so a page of results
is one query however many stories exist.
"""

from django.db import models

from stories.models import StoryPage


class StoryIndexEntry(models.Model):
    story = models.OneToOneField(
        StoryPage, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    title = models.TextField()
    teaser = models.TextField(blank=True)
    aliases = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The order of "newest first": StoryDocument.sort_date, never the date shown.
    date = models.DateField(db_index=True)
    evidence_level = models.PositiveSmallIntegerField()
    best_rate = models.FloatField(null=True, db_index=True)
    document = models.JSONField()

    class Meta:
        indexes = [models.Index(fields=["-date", "story"], name="search_entry_newest")]

    def __str__(self) -> str:
        return self.title


class StoryFacet(models.Model):
    """One (facet, value) a story has, e.g. ("method", "smaajobs") or ("year", "2018")."""

    entry = models.ForeignKey(StoryIndexEntry, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "value", "entry"], name="search_facet_unique")
        ]
        indexes = [models.Index(fields=["entry", "name"], name="search_facet_entry")]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class PendingIndexChange(models.Model):
    """A story whose copy in Elasticsearch may be out of date: the outbox.

    Written in the page's own transaction (so a publish that rolls back leaves none) and
    removed once the cluster has the story's current state. It holds no action: whoever
    carries it reads the database at that moment and indexes the story if it is live and
    public, or deletes it from the cluster otherwise, so retries are always right.
    """

    story_id = models.IntegerField(db_index=True)  # no foreign key: deleted stories too
    queued_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"story {self.story_id}"
