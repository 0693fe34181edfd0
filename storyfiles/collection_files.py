"""Curated collections from YAML files (content/collections/*.yaml), all or nothing;
the format in docs/story-files.md.

title: Den gode histories dag
slug: den-gode-histories-dag          # optional, from the title
event_name: Den gode histories dag    # optional
event_place: Kolding                  # optional
curator: Beskæftigelsesregion Syddanmark  # optional
event_date: 2007-05-01                # optional ISO date
intro: ...                            # optional
items:
  - story: <story slug>
    note: curator note                # optional
  - method: <method slug>
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from curation.models import CollectionItem, CollectionPage, CollectionsIndexPage
from stories.models import Method, StoryPage
from stories.names import danish_slug

from .reader import FileReader, Problem, Vocabularies, collect_paths
from .yaml_lines import LineDict

COLLECTION_FIELDS = {
    "title",
    "slug",
    "event_name",
    "event_place",
    "event_date",
    "curator",
    "intro",
    "items",
}
ITEM_FIELDS = {"story", "method", "note"}


@dataclass
class CollectionData:
    path: str
    slug: str
    title: str
    fields: dict[str, Any]
    items: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, slug, note)


class CollectionFileReader(FileReader):
    """Checks one collection file."""

    def read_collection(self, known_stories: set[str]) -> CollectionData | None:
        text = self.read_text()
        if text is None:
            return None
        data = self.load_mapping(text, line_offset=0, what="filen")
        if data is None:
            return None
        self.unknown_keys(data, COLLECTION_FIELDS, "felt")
        title = self.text(data, "title", CollectionPage, "title")
        if not title:
            self.problem(data.lines.get("title", 1), "feltet 'title' mangler")
        slug, _line = self.slug(data, title)
        fields = {
            "event_name": self.text(data, "event_name", CollectionPage, "event_name") or "",
            "event_place": self.text(data, "event_place", CollectionPage, "event_place") or "",
            "curator": self.text(data, "curator", CollectionPage, "curator") or "",
            "event_date": self.date(data, "event_date"),
            "intro": self.text(data, "intro", CollectionPage, "intro") or "",
        }
        items = []
        for number, (item, line) in enumerate(self.items(data, "items"), start=1):
            if not isinstance(item, LineDict) or ("story" in item) == ("method" in item):
                self.problem(line, f"items[{number}]: angiv enten story eller method")
                continue
            self.unknown_keys(item, ITEM_FIELDS, "felt", prefix=f"items[{number}].")
            note = str(item.get("note") or "").strip()
            if "story" in item:
                if item["story"] not in known_stories:
                    self.problem(item.lines["story"], f"historien '{item['story']}' findes ikke")
                items.append(("story", str(item["story"]), note))
            else:
                self.term(item["method"], item.lines["method"], self.vocab.methods, "metode")
                items.append(("method", str(item["method"]), note))
        if self.problems:
            return None
        return CollectionData(path=self.name, slug=slug, title=title, fields=fields, items=items)


def read_collection_files(paths: list[str]) -> tuple[list[CollectionData], list[Problem]]:
    files, problems = collect_paths(paths, patterns=("*.yaml", "*.yml"))
    if not CollectionsIndexPage.objects.exists():
        problems.append(
            Problem(
                ", ".join(paths),
                1,
                "sidetræet har ingen samlingsoversigt: kør 'python manage.py setup_portal' "
                "(eller 'make run') først",
            )
        )
    vocabularies = Vocabularies()
    known_stories = set(StoryPage.objects.values_list("slug", flat=True))
    collections = []
    for path in files:
        reader = CollectionFileReader(path, vocabularies)
        collection = reader.read_collection(known_stories)
        problems.extend(reader.problems)
        if collection:
            collections.append(collection)
    return collections, problems


@transaction.atomic
def write_collections(collections: list[CollectionData], publish: bool) -> None:
    index = CollectionsIndexPage.objects.get()
    stories = {page.slug: page for page in StoryPage.objects.all()}
    methods = {method.slug: method for method in Method.objects.all()}
    for collection in collections:
        page = CollectionPage.objects.filter(slug=collection.slug).first()
        page = page.get_latest_revision_as_object() if page else CollectionPage(live=False)
        page.title = page.draft_title = collection.title
        page.slug = collection.slug or danish_slug(collection.title)
        for name, value in collection.fields.items():
            setattr(page, name, value)
        page.items = [
            CollectionItem(
                story=stories.get(slug) if kind == "story" else None,
                method=methods.get(slug) if kind == "method" else None,
                note=note,
                sort_order=position,
            )
            for position, (kind, slug, note) in enumerate(collection.items)
        ]
        if page.pk is None:
            index.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if publish:
            revision.publish()
