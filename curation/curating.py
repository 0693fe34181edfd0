"""What a curator does from a story page: add the story to one of their collections, or
start a new collection with it. Who may do what is Wagtail's page permissions (the roles
are granted in publishing.roles); this module asks them and never grants anything."""

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

from stories.models import StoryPage

from .models import NEWEST_EVENT_FIRST, CollectionItem, CollectionPage, CollectionsIndexPage

User = AbstractBaseUser | AnonymousUser


def collections_index() -> CollectionsIndexPage | None:
    """Where new collections go (there is at most one)."""
    return CollectionsIndexPage.objects.first()


def editable_collections(user: User) -> QuerySet[CollectionPage]:
    """The collections this user may edit, drafts included, newest event first. Wagtail's
    own rule: "change" on an ancestor, or "add" there and owning the collection."""
    editable = PagePermissionPolicy(CollectionPage).instances_user_has_permission_for(
        user, "change"
    )
    return editable.order_by(*NEWEST_EVENT_FIRST)


def may_start_collection(user: User, index: CollectionsIndexPage | None) -> bool:
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def may_curate(user: User) -> bool:
    """Whether the user may add a story to some collection or start one."""
    if not user.is_authenticated:
        return False
    return may_start_collection(user, collections_index()) or editable_collections(user).exists()


def draft_of(collection: CollectionPage) -> CollectionPage:
    """The collection as its editors see it now: the latest revision."""
    return collection.get_latest_revision_as_object()


def stories_in(collection: CollectionPage) -> set[int]:
    """The ids of the stories in the collection as its editors see it now: its draft where
    it has one. Read from the revision as stored, so that a list of collections costs a
    fixed number of queries rather than a page rebuilt from each revision."""
    revision = collection.latest_revision if collection.has_unpublished_changes else None
    if revision is None:
        return {item.story_id for item in collection.items.all() if item.story_id}
    return {item["story"] for item in revision.content.get("items", []) if item.get("story")}


@dataclass(frozen=True)
class CollectionChoice:
    """A collection on the curator's list, and whether its draft already has the story."""

    collection: CollectionPage
    holds_story: bool


def collection_choices(user: User, story: StoryPage) -> list[CollectionChoice]:
    collections = (
        editable_collections(user).select_related("latest_revision").prefetch_related("items")
    )
    return [
        CollectionChoice(collection, story.pk in stories_in(collection))
        for collection in collections
    ]


class Addition(StrEnum):
    """How adding a story to a collection ended."""

    # Nothing changed:
    ALREADY_THERE = "already_there"
    LOCKED = "locked"
    PUBLISHED = "published"
    # Saved as a draft, and why it was not published:
    DRAFT_COLLECTION_NOT_LIVE = "draft_collection_not_live"
    DRAFT_BESIDE_UNPUBLISHED_CHANGES = "draft_beside_unpublished_changes"
    DRAFT_NO_RIGHT_TO_PUBLISH = "draft_no_right_to_publish"


@transaction.atomic
def add_story(collection: CollectionPage, story: StoryPage, user: User) -> tuple[Addition, int]:
    """Adds the story as the collection's last item, in a new revision by the user, and
    returns how it ended and the item's position (1-based). Published only where that
    publishes nothing but this item: a live collection without other pending changes,
    and a user who may publish it."""
    # Serialises two adds to one collection (PostgreSQL; SQLite locks the whole database).
    # No join here: PostgreSQL cannot lock the nullable side of an outer join.
    collection = CollectionPage.objects.select_for_update().get(pk=collection.pk)
    permissions = collection.permissions_for_user(user)
    if not permissions.can_edit():
        raise PermissionDenied
    if permissions.page_locked():
        return Addition.LOCKED, 0
    # Read before saving: for a collection without pending changes the draft is the
    # collection itself, and saving a revision marks it changed.
    was_live, had_pending_changes = collection.live, collection.has_unpublished_changes
    if story.pk in stories_in(collection):
        return Addition.ALREADY_THERE, 0
    draft = draft_of(collection)
    items = list(draft.items.all())
    last = max((item.sort_order or 0 for item in items), default=-1)
    items.append(CollectionItem(story=story, sort_order=last + 1))
    draft.items = items
    if not was_live:
        # As Wagtail's editor does for a page never published: its rows follow the draft.
        draft.save()
    revision = draft.save_revision(user=user, log_action=True)
    if not was_live:
        result = Addition.DRAFT_COLLECTION_NOT_LIVE
    elif had_pending_changes:
        result = Addition.DRAFT_BESIDE_UNPUBLISHED_CHANGES
    elif not permissions.can_publish():
        result = Addition.DRAFT_NO_RIGHT_TO_PUBLISH
    else:
        revision.publish(user=user)
        result = Addition.PUBLISHED
    return result, len(items)


@transaction.atomic
def start_collection(
    index: CollectionsIndexPage, title: str, story: StoryPage, user: User
) -> CollectionPage:
    """A new draft collection under the index, owned by the user, with the story as its
    first item; logged as created, as Wagtail's editor does."""
    collection = CollectionPage(title=title, live=False, owner=user)
    collection.items = [CollectionItem(story=story, sort_order=0)]
    index.add_child(instance=collection)
    revision = collection.save_revision(user=user)
    log(instance=collection, action="wagtail.create", user=user, revision=revision)
    return collection
