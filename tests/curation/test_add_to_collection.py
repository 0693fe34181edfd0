""" "Tilføj til samling": a curator adds a story from its page to one of their collections
or starts a new one; everyone else sees nothing and can change nothing. And reordering a
collection's items in the admin reorders its page, handout and export."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from curation.models import CollectionItem, CollectionPage, CollectionsIndexPage
from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal

pytestmark = pytest.mark.django_db

PASSWORD = "en-lang-adgangskode-42"
# An author: may add collections and so edit their own, but not publish them.
AUTHORS = "Samlingsforfattere"


@pytest.fixture
def stories(site, story_dir):
    story_dir.write("vejle.md", minimal("vejle"))
    story_dir.write("holbaek.md", minimal("holbaek", municipality="Holbæk"))
    story_dir.write("odense.md", minimal("odense", municipality="Odense"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    story_dir.write("kladde.md", minimal("kladde"))
    assert import_stories([str(story_dir.path / "kladde.md")], publish=False).problems == []
    return {story.slug: story for story in StoryPage.objects.all()}


def make_collection(
    title: str, stories=(), date=None, publish: bool = True, owner=None
) -> CollectionPage:
    page = CollectionPage(title=title, event_date=date, owner=owner)
    page.items = [CollectionItem(story=story, sort_order=n) for n, story in enumerate(stories)]
    CollectionsIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.live = False
        page.save()
    return CollectionPage.objects.get(pk=page.pk)


@pytest.fixture
def collections(stories):
    return {
        "ny": make_collection("Ny", [stories["vejle"]], "2024-09-12"),
        "gammel": make_collection("Gammel", [stories["holbaek"]], "2007-05-01"),
        "udateret": make_collection("Udateret kladde", publish=False),
    }


def user(role: str):
    if role == "superuser":
        return get_user_model().objects.create_superuser(role, password=PASSWORD)
    if role == "author":
        author = get_user_model().objects.create_user(role, password=PASSWORD)
        group = Group.objects.create(name=AUTHORS)
        GroupPagePermission.objects.create(
            group=group,
            page=CollectionsIndexPage.objects.get(),
            permission=Permission.objects.get(codename="add_page"),
        )
        author.groups.add(group)
        return author
    options = {
        "consultant": {"region": "1083"},
        "moderator": {"moderator": True},
        "curator": {"curator": True},
    }
    call_command("create_consultant", role, password=PASSWORD, **options[role])
    return get_user_model().objects.get(username=role)


def signed_in(role: str, **client_options) -> Client:
    client = Client(**client_options)
    client.force_login(user(role))
    return client


def add_url(story: StoryPage) -> str:
    return f"/samlinger/tilfoej/{story.pk}/"


def database_state() -> dict:
    """Everything adding could touch: pages, items, revisions, the admin's log."""
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "title", "draft_title", "live", "has_unpublished_changes", "latest_revision"
            )
        ),
        "items": list(
            CollectionItem.objects.order_by("pk").values_list(
                "pk", "collection", "story", "method", "sort_order", "note"
            )
        ),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", flat=True)),
        "log": PageLogEntry.objects.count(),
    }


def draft_story_slugs(collection: CollectionPage) -> list[str]:
    draft = CollectionPage.objects.get(pk=collection.pk).get_latest_revision_as_object()
    return [item.story.slug for item in draft.items.all()]


def live_story_slugs(collection: CollectionPage) -> list[str]:
    page = CollectionPage.objects.get(pk=collection.pk)
    return [item.story.slug for item in page.items.order_by("sort_order")]


def shown_messages(html: str) -> list[str]:
    region = re.search(
        r'<div class="wrap" role="status">\s*<ul class="messages">(.*?)</ul>', html, re.S
    )
    assert region, "no messages region"
    return [
        re.sub(r"<[^>]+>", "", m).strip()
        for m in re.findall(r"<li[^>]*>(.*?)</li>", region[1], re.S)
    ]


# The control on the story page


@pytest.mark.parametrize("role", ["curator", "moderator", "superuser"])
def test_the_story_page_offers_adding_to_who_may_curate(stories, role):
    story = stories["vejle"]
    html = signed_in(role).get(story.url).content.decode()
    assert f'<a class="action-link" href="{add_url(story)}">Tilføj til samling</a>' in html


def test_an_author_of_collections_is_offered_it_too(stories):
    html = signed_in("author").get(stories["vejle"].url).content.decode()
    assert "Tilføj til samling" in html


def test_a_consultant_is_not_offered_it(stories):
    html = signed_in("consultant").get(stories["vejle"].url).content.decode()
    assert "Tilføj til samling" not in html and "/samlinger/tilfoej/" not in html


def test_an_anonymous_visitors_story_page_is_untouched(collections, stories):
    url = stories["vejle"].url
    Client().get(url)  # warms the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    html = response.content.decode()
    assert "Tilføj til samling" not in html and "/samlinger/tilfoej/" not in html
    assert 'role="status"' not in html
    # Nothing about permissions, collections, users or sessions was looked up.
    looked_up = " ".join(query["sql"] for query in queries)
    for table in ("grouppagepermission", "curation_", "auth_", "django_session"):
        assert table not in looked_up
    # No CSRF token, no session, no messages, no cookie at all.
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


# The picker


def test_the_picker_lists_editable_collections_newest_event_first_marking_those_with_it(
    collections, stories
):
    # A draft change puts the story into "Gammel" without publishing it: the picker knows.
    draft = collections["gammel"].get_latest_revision_as_object()
    draft.items.add(CollectionItem(story=stories["odense"], sort_order=5))
    draft.save_revision()
    response = signed_in("curator").get(add_url(stories["odense"]))
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'<span class="collection-choices__title">(.*?)</span>', html)
    assert titles == ["Ny", "Gammel", "Udateret kladde"]
    gammel = collections["gammel"].pk
    assert f'value="{gammel}" disabled aria-describedby="holds-{gammel}"' in html
    assert html.count("Har allerede historien") == 1
    assert (
        "offentliggjort, med ændringer i kladde" in html and "kladde, ikke offentliggjort" in html
    )
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-cache" in response["Cache-Control"]


def test_the_picker_costs_the_same_queries_for_more_collections(collections, stories):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(add_url(stories["odense"])).status_code == 200
        return len(captured)

    def with_pending_change(collection: CollectionPage) -> None:
        draft = collection.get_latest_revision_as_object()
        draft.items.add(CollectionItem(story=stories["holbaek"], sort_order=9))
        draft.save_revision()

    client = signed_in("curator")
    with_pending_change(collections["ny"])
    queries()  # warms the per-process caches
    before = queries()
    for n in range(4):
        with_pending_change(make_collection(f"Flere {n}", [stories["vejle"]]))
    assert queries() == before


def test_when_every_collection_holds_the_story_there_is_nothing_to_submit(stories):
    make_collection("Eneste", [stories["vejle"]])
    html = signed_in("curator").get(add_url(stories["vejle"])).content.decode()
    assert "Alle dine samlinger har allerede historien." in html
    assert "Tilføj til den valgte samling" not in html


def test_an_author_sees_only_the_collections_they_own(collections, stories):
    client = signed_in("author")
    author = get_user_model().objects.get(username="author")
    make_collection("Egen", owner=author, publish=False)
    html = client.get(add_url(stories["vejle"])).content.decode()
    titles = re.findall(r'<span class="collection-choices__title">(.*?)</span>', html)
    assert titles == ["Egen"]
    assert "Opret samlingen med historien" in html


def test_with_no_collection_yet_only_a_new_one_is_offered(stories):
    html = signed_in("curator").get(add_url(stories["vejle"])).content.decode()
    assert "Du har ingen samlinger endnu." in html
    assert 'name="collection"' not in html
    assert "Start en ny samling" in html


# Adding


def post_add(client: Client, story: StoryPage, collection, **options):
    return client.post(add_url(story), {"action": "add", "collection": collection}, **options)


def test_adding_to_a_live_collection_publishes_a_revision_by_the_curator(collections, stories):
    client = signed_in("curator")
    collection = collections["ny"]
    response = post_add(client, stories["odense"], collection.pk)
    assert response.status_code == 302 and response["Location"] == stories["odense"].url
    collection.refresh_from_db()
    assert collection.live and not collection.has_unpublished_changes
    assert live_story_slugs(collection) == ["vejle", "odense"]
    assert collection.latest_revision.user.username == "curator"
    assert PageLogEntry.objects.filter(page=collection, action="wagtail.publish").exists()
    page = Client().get(collection.url).content.decode()
    assert page.index("Testhistorie vejle") < page.index("Testhistorie odense")

    landed = client.get(response["Location"])
    assert shown_messages(landed.content.decode()) == [
        "«Testhistorie odense» er føjet til samlingen «Ny» som punkt 2. "
        "Samlingen er offentliggjort igen med historien. Redigér samlingen"
    ]


def test_the_message_links_to_the_collections_editor(collections, stories):
    client = signed_in("curator")
    post_add(client, stories["odense"], collections["ny"].pk)
    html = client.get(stories["odense"].url).content.decode()
    assert f'<a href="/admin/pages/{collections["ny"].pk}/edit/">Redigér samlingen</a>' in html


def test_a_collection_with_unpublished_changes_gets_the_story_in_its_draft(collections, stories):
    collection = collections["ny"]
    draft = collection.get_latest_revision_as_object()
    draft.title = "Ny, omdøbt"
    draft.save_revision()
    client = signed_in("curator")
    response = post_add(client, stories["odense"], collection.pk)
    assert response.status_code == 302
    assert live_story_slugs(collection) == ["vejle"]
    assert draft_story_slugs(collection) == ["vejle", "odense"]
    collection.refresh_from_db()
    assert collection.title == "Ny" and collection.has_unpublished_changes
    assert collection.get_latest_revision_as_object().title == "Ny, omdøbt"
    (message,) = shown_messages(client.get(stories["odense"].url).content.decode())
    assert "har andre ændringer, der ikke er offentliggjort, så ændringen er gemt som kladde" in (
        message
    )


def test_a_draft_collection_stays_a_draft_and_its_rows_follow(collections, stories):
    collection = collections["udateret"]
    client = signed_in("curator")
    assert post_add(client, stories["vejle"], collection.pk).status_code == 302
    collection.refresh_from_db()
    assert not collection.live
    # Like Wagtail's editor, a page never published keeps its rows in step with its draft.
    assert live_story_slugs(collection) == ["vejle"] == draft_story_slugs(collection)
    (message,) = shown_messages(client.get(stories["vejle"].url).content.decode())
    assert "ikke offentliggjort endnu, så ændringen er gemt som kladde" in message


def test_who_may_not_publish_leaves_a_draft_and_is_told_why(collections, stories):
    client = signed_in("author")
    author = get_user_model().objects.get(username="author")
    own = make_collection("Egen", [stories["vejle"]], owner=author)
    assert post_add(client, stories["holbaek"], own.pk).status_code == 302
    assert live_story_slugs(own) == ["vejle"]
    assert draft_story_slugs(own) == ["vejle", "holbaek"]
    (message,) = shown_messages(client.get(stories["holbaek"].url).content.decode())
    assert "Du må ikke offentliggøre samlingen, så ændringen er gemt som kladde." in message


def test_a_story_already_in_the_collection_changes_nothing(collections, stories):
    client = signed_in("curator")
    before = database_state()
    response = post_add(client, stories["vejle"], collections["ny"].pk)
    assert response.status_code == 302
    assert database_state() == before
    (message,) = shown_messages(client.get(stories["vejle"].url).content.decode())
    assert message.startswith("«Testhistorie vejle» er allerede i samlingen «Ny». Intet er ændret.")


def test_a_new_collection_is_a_draft_with_the_story_opened_in_the_editor(collections, stories):
    client = signed_in("curator")
    response = client.post(
        add_url(stories["odense"]), {"action": "start", "title": "  Temadag i Odense  "}
    )
    collection = CollectionPage.objects.get(title="Temadag i Odense")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{collection.pk}/edit/"
    assert collection.get_parent().specific_class is CollectionsIndexPage
    assert not collection.live and collection.slug == "temadag-i-odense"
    assert collection.owner.username == "curator"
    assert live_story_slugs(collection) == ["odense"] == draft_story_slugs(collection)
    assert collection.latest_revision.user.username == "curator"
    assert PageLogEntry.objects.filter(page=collection, action="wagtail.create").exists()
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert (
        "Samlingen «Temadag i Odense» er oprettet som kladde med «Testhistorie odense» som "
        "første punkt." in editor.content.decode()
    )


def test_a_second_collection_of_the_same_title_gets_its_own_address(collections, stories):
    client = signed_in("curator")
    for _ in range(2):
        client.post(add_url(stories["vejle"]), {"action": "start", "title": "Ny"})
    assert sorted(CollectionPage.objects.filter(title="Ny").values_list("slug", flat=True)) == [
        "ny",
        "ny-2",
        "ny-3",
    ]


# Bad input: a clear message, and nothing changes


@pytest.mark.parametrize(
    ("story", "message"),
    [
        ("kladde", "Historien findes ikke"),
        ("missing", "Historien findes ikke"),
        ("index", "Historien findes ikke"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_story_that_is_not_live_is_refused(collections, stories, story, message, method):
    ids = {"kladde": stories["kladde"].pk, "missing": 999999}
    ids["index"] = CollectionsIndexPage.objects.get().pk
    client = signed_in("curator")
    before = database_state()
    url = f"/samlinger/tilfoej/{ids[story]}/"
    data = {"action": "add", "collection": collections["ny"].pk}
    response = getattr(client, method)(url, data if method == "post" else None)
    assert response.status_code == 404
    assert message in response.content.decode()
    assert database_state() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "add"}, "Vælg en af samlingerne."),
        ({"action": "add", "collection": ""}, "Vælg en af samlingerne."),
        ({"action": "add", "collection": "abc"}, "du må ikke redigere den"),
        ({"action": "add", "collection": "999999"}, "du må ikke redigere den"),
        ({"action": "add", "collection": "story"}, "du må ikke redigere den"),
        ({"action": "start"}, "Giv den nye samling en titel."),
        ({"action": "start", "title": "   "}, "Giv den nye samling en titel."),
        ({"action": "start", "title": "x" * 256}, "højst være 255 tegn lang (den er 256)"),
        ({"action": "start", "title": "!!! ???"}, "mindst ét bogstav eller tal"),
        ({"action": "slet", "collection": "ny"}, "Vælg en samling, eller giv en ny samling"),
        ({}, "Vælg en samling, eller giv en ny samling en titel."),
    ],
)
def test_bad_input_is_refused_with_a_message(collections, stories, data, message):
    names = {"story": stories["odense"].pk, "ny": collections["ny"].pk}
    data = {key: names.get(value, value) for key, value in data.items()}
    client = signed_in("curator")
    before = database_state()
    response = client.post(add_url(stories["odense"]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert database_state() == before


def test_a_collection_the_user_may_not_edit_is_refused(collections, stories):
    client = signed_in("author")
    before = database_state()
    response = post_add(client, stories["odense"], collections["ny"].pk)
    assert response.status_code == 400
    assert "Den valgte samling findes ikke, eller du må ikke redigere den." in (
        response.content.decode()
    )
    assert database_state() == before


def test_a_collection_locked_by_someone_else_is_refused(collections, stories):
    collection = collections["ny"]
    moderator = user("moderator")
    collection.locked, collection.locked_by = True, moderator
    collection.save()
    client = signed_in("curator")
    before = database_state()
    response = post_add(client, stories["odense"], collection.pk)
    assert response.status_code == 400
    assert "Samlingen «Ny» er låst af en anden. Intet er ændret." in response.content.decode()
    assert database_state() == before


def test_who_may_edit_but_not_add_collections_cannot_start_one(collections, stories):
    editor = get_user_model().objects.create_user("redaktoer", password=PASSWORD)
    group = Group.objects.create(name="Kun redigering")
    GroupPagePermission.objects.create(
        group=group,
        page=CollectionsIndexPage.objects.get(),
        permission=Permission.objects.get(codename="change_page"),
    )
    editor.groups.add(group)
    client = Client()
    client.force_login(editor)
    assert (
        "Opret samlingen med historien"
        not in client.get(add_url(stories["odense"])).content.decode()
    )
    before = database_state()
    response = client.post(add_url(stories["odense"]), {"action": "start", "title": "Ny igen"})
    assert response.status_code == 403
    assert "Du kan ikke oprette samlinger" in response.content.decode()
    assert database_state() == before


def test_get_with_the_posts_fields_changes_nothing(collections, stories):
    client = signed_in("curator")
    before = database_state()
    url = add_url(stories["odense"])
    for data in (
        {"action": "add", "collection": collections["ny"].pk},
        {"action": "start", "title": "X"},
    ):
        assert client.get(url, data).status_code == 200
    assert database_state() == before


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(collections, stories, method):
    client = signed_in("curator")
    before = database_state()
    assert getattr(client, method)(add_url(stories["odense"])).status_code == 405
    assert database_state() == before


def test_a_post_without_its_csrf_token_is_forbidden(collections, stories):
    client = signed_in("curator", enforce_csrf_checks=True)
    before = database_state()
    assert post_add(client, stories["odense"], collections["ny"].pk).status_code == 403
    response = client.post(add_url(stories["odense"]), {"action": "start", "title": "Ny igen"})
    assert response.status_code == 403
    assert database_state() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_is_sent_to_the_admin_login(collections, stories, method):
    before = database_state()
    url = add_url(stories["odense"])
    data = {"action": "add", "collection": collections["ny"].pk}
    response = getattr(Client(), method)(url, data if method == "post" else None)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={url}"
    assert database_state() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_consultant_is_forbidden(collections, stories, method):
    client = signed_in("consultant")
    before = database_state()
    data = {"action": "add", "collection": collections["ny"].pk}
    response = getattr(client, method)(
        add_url(stories["odense"]), data if method == "post" else None
    )
    assert response.status_code == 403
    assert "Du kan ikke tilføje historier til samlinger" in response.content.decode()
    assert database_state() == before
    start = client.post(add_url(stories["odense"]), {"action": "start", "title": "Egen"})
    assert start.status_code == 403
    assert database_state() == before


# Reordering in the admin (InlinePanel's move up/down and drag post the same ORDER fields)


def edit_form(collection: CollectionPage, items: list[CollectionItem], order: list[int]) -> dict:
    """The admin edit form of the collection as a browser posts it, the items in `order`
    (each item's new position) and published."""
    rows = [
        {
            "id": item.pk,
            "story": item.story_id or "",
            "method": item.method_id or "",
            "note": item.note,
            "ORDER": str(order[n]),
        }
        for n, item in enumerate(items)
    ]
    data = nested_form_data(
        {
            "title": collection.title,
            "slug": collection.slug,
            "intro": collection.intro,
            "event_name": collection.event_name,
            "event_date": "",
            "event_place": collection.event_place,
            "curator": collection.curator,
            "items": inline_formset(rows, initial=len(rows)),
        }
    )
    data["action-publish"] = "action-publish"
    return data


def test_reordering_items_in_the_editor_reorders_page_handout_and_export(stories):
    collection = make_collection(
        "Rækkefølge", [stories["vejle"], stories["holbaek"], stories["odense"]]
    )
    items = list(collection.items.order_by("sort_order"))
    client = signed_in("curator")
    # Odense up to first, Vejle down to last.
    response = client.post(
        f"/admin/pages/{collection.pk}/edit/", edit_form(collection, items, [2, 1, 0])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    expected = ["Testhistorie odense", "Testhistorie holbaek", "Testhistorie vejle"]

    def in_order(html: str) -> bool:
        positions = [html.index(title) for title in expected]
        return positions == sorted(positions)

    visitor = Client()
    assert in_order(visitor.get(collection.url).content.decode())
    assert in_order(visitor.get(collection.url + "udskrift/").content.decode())
    rows = csv.DictReader(io.StringIO(visitor.get(collection.url + "export.csv").content.decode()))
    assert [(row["position"], row["title"]) for row in rows] == [
        ("1", expected[0]),
        ("2", expected[1]),
        ("3", expected[2]),
    ]


def test_the_picker_speaks_english_to_an_english_reader(collections, stories):
    client = signed_in("curator")
    # English is the /en/ version of the story, and its link leads to the English picker.
    html = client.get("/en" + stories["vejle"].url).content.decode()
    assert ">Add to collection</a>" in html
    assert f'href="/en{add_url(stories["vejle"])}"' in html
    html = client.get("/en" + add_url(stories["vejle"])).content.decode()
    assert "Choose one of your collections" in html and "Already has the story" in html
