"""The permission matrix through the admin's own endpoints, as a browser would reach them.

test_roles.py asks Wagtail's permission tester what each role may do; here the same roles
go through the admin's URLs: the bulk actions (publish, unpublish, delete, move), copy,
move, delete and unpublish of one page, the history, revision view and compare, the
previews, and the page chooser. A refused request is a 403 or Wagtail's redirect to the
dashboard with its permission message, and it changes nothing in the database.

The roles are those of publishing.roles: a consultant of Region Syddanmark, a moderator
and a curator. The pages: a published story and a draft in the consultant's region, the
same in another region (Sjælland), and a published collection and a draft one.

Decisions where the issue is silent (Wagtail's defaults, kept unless said otherwise):
- A consultant may delete, and so move, unpublished drafts in their own region (Wagtail's
  "edit" without "publish"); a published story they can neither delete, unpublish nor
  move. Deleting a draft is how they throw one away.
- A consultant may copy a story of their own region into their region; the copy is a
  draft, never published, even if the form is posted with "publish the copy".
- The history, revisions, compare and previews of a story are for those who may edit it:
  a consultant sees their own region's, not another region's (what is published there
  they read on the site).
- The page chooser (also the one of the story's "Inspireret af") shows every published
  page (a consultant links to another region's story; a curator picks stories for a
  collection), but of the unpublished ones only those the user may edit: another
  region's drafts, titles included, are not shown (publishing.wagtail_hooks).
- Wagtail's move confirm page checks nothing until the move is posted; it now refuses
  at once a move the user may not make (publishing.wagtail_hooks).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.admin.models import FormState
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backend
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from browse.models import RegionPage
from curation.models import CollectionPage, CollectionsIndexPage
from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import StoryDir, kept_for_the_module, minimal, story_form

SYDDANMARK, SJAELLAND = "1083", "1085"
PASSWORD = "en-lang-adgangskode-42"
ROLES = {
    "consultant": {"region": SYDDANMARK},
    "moderator": {"moderator": True},
    "curator": {"curator": True},
}


def _collection(index: CollectionsIndexPage, slug: str, title: str, live: bool) -> Page:
    page = CollectionPage(title=title, slug=slug, live=False)
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The users and pages, made once for the module (each test rolls back its changes).
    Only primary keys leave the fixture: every test reads fresh objects."""
    with kept_for_the_module(django_db_blocker):
        stories = StoryDir(tmp_path_factory.mktemp("published"))
        stories.write("vejle.md", minimal("vejle", title="Småjobs i Vejle"))
        stories.write("holbaek.md", minimal("holbaek", title="Holbæk", municipality="Holbæk"))
        assert import_stories([str(stories.path)], publish=True).problems == []
        drafts = StoryDir(tmp_path_factory.mktemp("drafts"))
        drafts.write(
            "kolding.md", minimal("kolding", title="Kladde i Kolding", municipality="Kolding")
        )
        drafts.write(
            "roskilde.md", minimal("roskilde", title="Hemmelig kladde", municipality="Roskilde")
        )
        assert import_stories([str(drafts.path)], publish=False).problems == []
        users = {}
        for role, options in ROLES.items():
            call_command("create_consultant", role, password=PASSWORD, **options)
            users[role] = get_user_model().objects.get(username=role).pk
        # The consultant wrote their region's draft.
        StoryPage.objects.filter(slug="kolding").update(owner_id=users["consultant"])
        index = CollectionsIndexPage.objects.get()
        pages = {
            "own_section": RegionPage.objects.get(region__code=SYDDANMARK).pk,
            "other_section": RegionPage.objects.get(region__code=SJAELLAND).pk,
            "own_story": StoryPage.objects.get(slug="vejle").pk,
            "own_draft": StoryPage.objects.get(slug="kolding").pk,
            "other_story": StoryPage.objects.get(slug="holbaek").pk,
            "other_draft": StoryPage.objects.get(slug="roskilde").pk,
            "collections": index.pk,
            "collection": _collection(index, "messe", "Messe", live=True).pk,
            "collection_draft": _collection(index, "kladdesamling", "Kladdesamling", False).pk,
        }
        yield {"users": users, "pages": pages}


@pytest.fixture
def ids(world, db):
    return world["pages"]


def login(world, role: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(pk=world["users"][role]))
    return client


def permission_message() -> str:
    with translation.override("da"):
        return translation.gettext("Sorry, you do not have permission to access this area.")


def refused(response) -> bool:
    """Wagtail's two ways of saying no: 403, or back to the dashboard with its message."""
    if response.status_code == 403:
        return True
    if response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"):
        return permission_message() in [str(m).strip() for m in get_messages(response.wsgi_request)]
    return False


def database_state() -> tuple:
    """What a refused request must leave as it was: the page tree with each page's state,
    the revisions, the log and the previews' stored form data."""
    return (
        list(
            Page.objects.order_by("path").values_list(
                "pk", "path", "live", "title", "draft_title", "has_unpublished_changes", "locked"
            )
        ),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        FormState.objects.count(),
    )


def page(pk: int) -> Page | None:
    return Page.objects.filter(pk=pk).first()


# Each action takes the client and the pages' ids, performs what a user does in the
# admin and returns whether it was allowed; a refusal must also be seen as one (refused()).
Action = Callable[[Client, dict, str, str | None], bool]


def bulk_url(action: str, pk: int) -> str:
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={pk}"


def bulk(action: str, done: Callable[[int, dict], bool]) -> Action:
    """A bulk action: its confirm page lists the page as actionable or as one without
    permission, and the POST does it or does nothing."""

    def run(client: Client, ids: dict, target: str, destination: str | None) -> bool:
        url = bulk_url(action, ids[target])
        confirm = client.get(url)
        assert confirm.status_code == 200
        listed = [item["item"].pk for item in confirm.context["items"]]
        assert (ids[target] in listed) != (
            ids[target] in [i["item"].pk for i in confirm.context["items_with_no_access"]]
        )
        data = {"chooser": ids[destination]} if destination else {}
        response = client.post(url, data)
        assert response.status_code in (200, 302)
        allowed = done(ids[target], ids)
        if ids[target] in listed and not allowed:
            # A move the page may make, but not to this destination: the confirm page
            # again, with the page among those without access to it.
            assert response.status_code == 200
            refusals = response.context["pages_without_destination_access"]
            assert ids[target] in [item["item"].pk for item in refusals]
        return allowed

    return run


def is_live(pk: int, _ids) -> bool:
    return page(pk).live


def is_not_live(pk: int, _ids) -> bool:
    return not page(pk).live


def is_gone(pk: int, _ids) -> bool:
    return page(pk) is None


def single(url_name: str, done: Callable[[int, dict], bool]) -> Action:
    """One page's own view (delete, unpublish): the confirm page and its POST."""

    def run(client: Client, ids: dict, target: str, _destination) -> bool:
        url = reverse(url_name, args=[ids[target]])
        confirm = client.get(url)
        response = client.post(url)
        if refused(confirm):
            assert refused(response)
            return False
        assert confirm.status_code == 200 and response.status_code == 302
        assert done(ids[target], ids)
        return True

    return run


def moved_to(pk: int, destination: int) -> bool:
    return page(pk).get_parent().pk == destination


def bulk_move(client: Client, ids: dict, target: str, destination: str) -> bool:
    return bulk("move", lambda pk, ids: moved_to(pk, ids[destination]))(
        client, ids, target, destination
    )


def move(client: Client, ids: dict, target: str, destination: str) -> bool:
    """The move view (choose a new parent), then its confirm page and POST."""
    chooser = client.get(reverse("wagtailadmin_pages:move", args=[ids[target]]))
    url = reverse("wagtailadmin_pages:move_confirm", args=[ids[target], ids[destination]])
    confirm = client.get(url)
    response = client.post(url)
    if refused(response):
        # The confirm page says no too, rather than show the move as possible.
        assert refused(confirm)
        assert not moved_to(ids[target], ids[destination])
        return False
    assert chooser.status_code == confirm.status_code == 200
    assert response.status_code == 302
    assert moved_to(ids[target], ids[destination])
    return True


def copy(client: Client, ids: dict, target: str, destination: str) -> bool:
    """The copy form, posted with "publish the copy" ticked: a copy appears under the
    destination, published only if the user may publish there."""
    url = reverse("wagtailadmin_pages:copy", args=[ids[target]])
    form = client.get(url)
    before = Page.objects.get(pk=ids[destination]).get_children().count()
    response = client.post(
        url,
        {
            "new_title": "Kopi",
            "new_slug": "kopi",
            "new_parent_page": ids[destination],
            "publish_copies": "on",
        },
    )
    parent = Page.objects.get(pk=ids[destination])
    copies = parent.get_children().filter(slug="kopi")
    if refused(form):
        assert refused(response) and not copies.exists()
        return False
    assert form.status_code == 200
    if not copies.exists():
        # The form shows why (no permission on the destination) and nothing is made.
        assert response.status_code == 200 and response.context["form"].errors
        assert parent.get_children().count() == before
        return False
    the_copy = copies.get()
    assert the_copy.live == parent.permissions_for_user(response.wsgi_request.user).can_publish()
    return True


def readable(url_name: str, *, revision: bool = False, compare: bool = False) -> Action:
    """A page's read-only view: shown (200) or refused."""

    def run(client: Client, ids: dict, target: str, _destination) -> bool:
        pk = ids[target]
        revisions = list(
            Revision.page_revisions.filter(object_id=str(pk))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if compare:
            url = reverse(url_name, args=[pk, "earliest", revisions[-1]])
        elif revision:
            url = reverse(url_name, args=[pk, revisions[-1]])
        else:
            url = reverse(url_name, args=[pk])
        response = client.get(url)
        if refused(response):
            return False
        assert response.status_code == 200, (url, response.status_code)
        return True

    return run


def revisions(client: Client, ids: dict, target: str, _destination) -> bool:
    """The revisions listing is the history page (the old address leads there)."""
    response = client.get(reverse("wagtailadmin_pages:revisions_index", args=[ids[target]]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:history", args=[ids[target]])
    return HISTORY(client, ids, target, None)


def form_data(pk: int, title: str) -> dict:
    """The edit form of a story or a collection, filled in as a user would."""
    page = Page.objects.get(pk=pk).specific
    if isinstance(page, StoryPage):
        return story_form(page, title=title)
    return nested_form_data(
        {"title": title, "slug": page.slug, "intro": "", "items": inline_formset([])}
    )


def preview(client: Client, ids: dict, target: str, _destination) -> bool:
    """The edit form's preview: the form's data posted, then the preview rendered with it."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[ids[target]])
    posted = client.post(url, form_data(ids[target], "Forhåndsvist titel"))
    shown = client.get(url)
    if refused(posted):
        assert refused(shown)
        return False
    assert posted.json() == {"is_valid": True, "is_available": True}
    assert shown.status_code == 200 and "Forhåndsvist titel" in shown.content.decode()
    return True


BULK_PUBLISH = bulk("publish", is_live)
BULK_UNPUBLISH = bulk("unpublish", is_not_live)
BULK_DELETE = bulk("delete", is_gone)
DELETE = single("wagtailadmin_pages:delete", is_gone)
UNPUBLISH = single("wagtailadmin_pages:unpublish", is_not_live)
HISTORY = readable("wagtailadmin_pages:history")
REVISION = readable("wagtailadmin_pages:revisions_view", revision=True)
COMPARE = readable("wagtailadmin_pages:revisions_compare", compare=True)
VIEW_DRAFT = readable("wagtailadmin_pages:view_draft")
WORKFLOW_HISTORY = readable("wagtailadmin_pages:workflow_history")


@dataclass(frozen=True)
class Case:
    role: str
    action: str
    target: str
    allowed: bool
    destination: str | None = None

    def __str__(self):
        where = f"->{self.destination}" if self.destination else ""
        return f"{self.role}-{self.action}-{self.target}{where}-{'ok' if self.allowed else 'no'}"


ACTIONS: dict[str, Action] = {
    "bulk_publish": BULK_PUBLISH,
    "bulk_unpublish": BULK_UNPUBLISH,
    "bulk_delete": BULK_DELETE,
    "bulk_move": bulk_move,
    "delete": DELETE,
    "unpublish": UNPUBLISH,
    "move": move,
    "copy": copy,
    "history": HISTORY,
    "revisions": revisions,
    "revision": REVISION,
    "compare": COMPARE,
    "preview": preview,
    "view_draft": VIEW_DRAFT,
    "workflow_history": WORKFLOW_HISTORY,
}

C, M, K = "consultant", "moderator", "curator"
MATRIX = [
    # A consultant in their own region: edits, previews and reads the history; deletes or
    # moves only drafts; publishes, unpublishes and moves a published story never.
    Case(C, "bulk_publish", "own_draft", False),
    Case(C, "bulk_unpublish", "own_story", False),
    Case(C, "bulk_delete", "own_story", False),
    Case(C, "bulk_delete", "own_draft", True),
    Case(C, "bulk_move", "own_story", False, "other_section"),
    Case(C, "bulk_move", "own_draft", False, "other_section"),
    Case(C, "delete", "own_story", False),
    Case(C, "delete", "own_draft", True),
    Case(C, "unpublish", "own_story", False),
    Case(C, "move", "own_story", False, "other_section"),
    Case(C, "move", "own_draft", False, "other_section"),
    Case(C, "copy", "own_story", True, "own_section"),
    Case(C, "copy", "own_story", False, "other_section"),
    Case(C, "history", "own_story", True),
    Case(C, "revisions", "own_story", True),
    Case(C, "revision", "own_story", True),
    Case(C, "compare", "own_story", True),
    Case(C, "preview", "own_draft", True),
    Case(C, "view_draft", "own_draft", True),
    Case(C, "workflow_history", "own_story", True),
    # ... and in another region: nothing at all.
    Case(C, "bulk_publish", "other_draft", False),
    Case(C, "bulk_unpublish", "other_story", False),
    Case(C, "bulk_delete", "other_draft", False),
    Case(C, "bulk_move", "other_draft", False, "own_section"),
    Case(C, "delete", "other_draft", False),
    Case(C, "move", "other_draft", False, "own_section"),
    Case(C, "copy", "other_story", False, "own_section"),
    Case(C, "history", "other_story", False),
    Case(C, "revisions", "other_story", False),
    Case(C, "revision", "other_story", False),
    Case(C, "compare", "other_story", False),
    Case(C, "preview", "other_draft", False),
    Case(C, "view_draft", "other_draft", False),
    Case(C, "workflow_history", "other_story", False),
    # ... and on collections: nothing.
    Case(C, "bulk_unpublish", "collection", False),
    Case(C, "history", "collection", False),
    # A moderator: everything on every story.
    Case(M, "bulk_publish", "other_draft", True),
    Case(M, "bulk_unpublish", "other_story", True),
    Case(M, "bulk_delete", "other_story", True),
    Case(M, "bulk_move", "own_story", True, "other_section"),
    Case(M, "delete", "own_story", True),
    Case(M, "unpublish", "own_story", True),
    Case(M, "move", "own_story", True, "other_section"),
    Case(M, "copy", "own_story", True, "other_section"),
    Case(M, "history", "other_story", True),
    Case(M, "revision", "other_story", True),
    Case(M, "compare", "other_story", True),
    Case(M, "preview", "other_draft", True),
    Case(M, "view_draft", "other_draft", True),
    # A curator: everything on collections, nothing on stories.
    Case(K, "bulk_publish", "collection_draft", True),
    Case(K, "bulk_unpublish", "collection", True),
    Case(K, "bulk_delete", "collection", True),
    Case(K, "delete", "collection", True),
    Case(K, "unpublish", "collection", True),
    Case(K, "copy", "collection", True, "collections"),
    Case(K, "history", "collection", True),
    Case(K, "compare", "collection", True),
    Case(K, "preview", "collection_draft", True),
    Case(K, "bulk_publish", "own_draft", False),
    Case(K, "bulk_unpublish", "own_story", False),
    Case(K, "bulk_delete", "own_story", False),
    Case(K, "bulk_move", "own_story", False, "other_section"),
    Case(K, "delete", "own_story", False),
    Case(K, "unpublish", "own_story", False),
    Case(K, "move", "own_story", False, "other_section"),
    Case(K, "copy", "own_story", False, "own_section"),
    Case(K, "history", "own_story", False),
    Case(K, "revision", "own_story", False),
    Case(K, "compare", "own_story", False),
    Case(K, "preview", "own_draft", False),
    Case(K, "view_draft", "own_draft", False),
]


@pytest.mark.parametrize("case", MATRIX, ids=str)
def test_the_admin_endpoints_follow_the_matrix(world, ids, case):
    client = login(world, case.role)
    before = database_state()
    allowed = ACTIONS[case.action](client, ids, case.target, case.destination)
    assert allowed is case.allowed
    if not allowed:
        assert database_state() == before


# The page chooser: (role, section browsed, titles shown, titles not shown). Every
# published story is there to link to; drafts only for those who may edit them.
CHOOSER = [
    (C, "other_section", ["Holbæk"], ["Hemmelig kladde"]),
    (C, "own_section", ["Småjobs i Vejle", "Kladde i Kolding"], []),
    (K, "own_section", ["Småjobs i Vejle"], ["Kladde i Kolding"]),
    (K, "collections", ["Messe", "Kladdesamling"], []),
    (M, "other_section", ["Holbæk", "Hemmelig kladde"], []),
]


@pytest.mark.parametrize(("role", "section", "shown", "hidden"), CHOOSER)
def test_the_page_chooser_shows_published_pages_and_the_users_own_drafts(
    world, ids, role, section, shown, hidden
):
    client = login(world, role)
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[ids[section]]))
    assert response.status_code == 200
    html = response.json()["html"]
    assert [title for title in shown if title in html] == shown
    assert [title for title in hidden if title in html] == []


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (C, ["Holbæk", "Kladde i Kolding"], ["Hemmelig kladde"]),
        (K, ["Holbæk"], ["Hemmelig kladde", "Kladde i Kolding"]),
        (M, ["Holbæk", "Hemmelig kladde", "Kladde i Kolding"], []),
    ],
)
def test_the_page_chooser_search_shows_published_pages_and_the_users_own_drafts(
    world, ids, role, shown, hidden
):
    backend = get_search_backend()
    for story in StoryPage.objects.all():
        backend.add(story)
    client = login(world, role)
    for query in ("Holbæk", "kladde"):
        response = client.get(
            reverse("wagtailadmin_choose_page_search"),
            {"q": query, "page_type": "stories.storypage"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        expected = [t for t in shown if query.lower() in t.lower()]
        assert [t for t in expected if t in html] == expected
        assert [t for t in hidden if t in html] == []
