"""The admin speaks Danish to the people who publish: the pages a consultant uses (login,
password reset, dashboard, the region's page explorer with its filters, a story's add and
edit forms, the choosers the editor opens, image upload, history and comparison, the
account page) and the moderator's workflow dialogs show none of Wagtail's English
interface strings, nor Wagtail's Danish words the project has replaced. Wagtail's own
Danish catalogue is incomplete; locale/da fills it in.

What counts as English is defined once, in tests/wagtail_english.py, which the browser
test of the JavaScript-drawn sidebar and editor uses too."""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from PIL import Image as PILImage
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from browse.models import RegionPage
from publishing.forms import LoginForm
from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal, story_form
from tests.wagtail_english import (
    REJECTED_TERMS,
    english_texts,
    rejected_terms,
    wagtail_catalogues,
)

pytestmark = pytest.mark.django_db

PASSWORD = "en-lang-adgangskode-42"
DANISH = {"HTTP_ACCEPT_LANGUAGE": "da"}


class ReadableText(HTMLParser):
    """The texts a user reads: text nodes outside <script>, <style> and <template>, and
    the placeholder, aria-label and title of any element, and the value of buttons."""

    SKIP = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        attrs = dict(attrs)
        for name in ("placeholder", "aria-label", "title"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        is_button = tag == "button" or (
            tag == "input" and attrs.get("type") in ("submit", "button", "reset")
        )
        if is_button and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.texts.append(data)


def readable_texts(html: str) -> list[str]:
    parser = ReadableText()
    parser.feed(html)
    return parser.texts


def english_on(html: str) -> list[str]:
    return english_texts(readable_texts(html))


def get_danish(client: Client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200, url
    return response.content.decode()


def shown_html(client: Client, url: str) -> str:
    """What the admin shows for url in Danish: a page, or for a modal (a chooser, a
    workflow dialog) the HTML its JavaScript puts into the dialog."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200, url
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def assert_danish(html: str) -> None:
    """No Wagtail English, and none of Wagtail's words the project replaced."""
    assert english_on(html) == []
    assert rejected_terms(readable_texts(html)) == []


def sidebar_labels(html: str) -> list[str]:
    """The labels of the sidebar's menu items. The sidebar is drawn by JavaScript from
    JSON in the page; the browser test reads it as drawn."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    assert props, "no sidebar on the page"
    labels = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("label", "footer_text") and isinstance(value, str):
                    labels.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(props.group(1)))
    return labels


def editor(username: str, **role) -> Client:
    call_command(
        "create_consultant", username, password=PASSWORD, email=f"{username}@example.org", **role
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def consultant(site):
    return editor("kim", region="1083")


@pytest.fixture
def moderator(site):
    return editor("mona", moderator=True)


@pytest.fixture
def section(site):
    return RegionPage.objects.get(region__code="1083")


@pytest.fixture
def story(site, story_dir):
    """A published story in the consultant's region with a later draft by the consultant,
    so that its history and the comparison of versions have something to show."""
    import_stories([str(story_dir.write("a.md", minimal()))], publish=True)
    page = StoryPage.objects.get()
    page.title = "Småjobs i Vejle, opdateret"
    page.save_revision(user=get_user_model().objects.get(username="kim"))
    return page


@pytest.fixture
def submitted(story):
    """The story submitted for moderation by the consultant, and its moderator's task."""
    story.get_workflow().start(story, get_user_model().objects.get(username="kim"))
    return story, story.current_workflow_task_state


def test_the_parser_finds_english():
    html = (
        '<p>Forgotten password?</p><script>"Dashboard Collapse all"</script>'
        '<button value="Save draft" title="Collapse all">Choose kommune</button>'
        '<input placeholder="Søg">'
    )
    assert english_on(html) == [
        "Choose kommune",
        "Collapse all",
        "Forgotten password?",
        "Save draft",
    ]


def test_english_split_by_markup_is_found_piece_by_piece():
    """'Sorry, no snippets match "<em>%(search_query)s</em>"' shows as two text nodes,
    "%(total)s Images <span>created in %(site_name)s</span>" as "8 Images" and the rest."""
    html = (
        '<p>Sorry, no snippets match "<em>Kold</em>"</p>'
        '<a>8 Images <span class="w-sr-only">created in Gode historier</span></a>'
        "<p>Der er ingen resultater for <em>Kold</em></p><a>8 billeder</a>"
    )
    assert english_on(html) == [
        "8 Images",
        'Sorry, no snippets match "',
        "created in Gode historier",
    ]


def test_rejected_terms_are_found_in_any_form():
    texts = ["Gem skitse", "Skitsen er gemt", "Glemt dit kodeord?", "Gem kladde"]
    assert rejected_terms(texts) == ["Gem skitse", "Glemt dit kodeord?", "Skitsen er gemt"]


# Before login: the login form and the password reset, for anyone.
SIGNED_OUT_PAGES = [
    "/admin/login/",
    "/admin/password_reset/",
    "/admin/password_reset/done/",
    "/admin/password_reset/confirm/MQ/ugyldig-noegle/",  # a link that no longer works
    "/admin/password_reset/complete/",
]


@pytest.mark.parametrize("url", SIGNED_OUT_PAGES)
def test_the_signed_out_pages_are_danish(site, url):
    assert_danish(shown_html(Client(), url))


def test_the_login_form_labels_the_password_in_the_admins_language(site):
    label = re.compile(r'<label[^>]*for="id_password"[^>]*>\s*([^<]*?)\s*<')
    assert label.findall(get_danish(Client(), "/admin/login/")) == ["Adgangskode"]
    # The admin is Danish before login; an editor who chose English gets the English label.
    with translation.override("en"):
        assert str(LoginForm().fields["password"].label) == "Password"


def test_a_consultant_logs_in_with_the_projects_login_form(consultant):
    client = Client()
    wrong = client.post(
        "/admin/login/", {"username": "kim", "password": "forkert"}, HTTP_ACCEPT_LANGUAGE="da"
    )
    assert wrong.status_code == 200
    assert "passer ikke sammen" in wrong.content.decode()
    assert_danish(wrong.content.decode())
    assert "_auth_user_id" not in client.session
    right = client.post("/admin/login/", {"username": "kim", "password": PASSWORD})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(username="kim").pk)


# The consultant's pages; {section} is their region's section, {story} a story in it.
CONSULTANT_PAGES = [
    "/admin/",
    "/admin/pages/{section}/",
    "/admin/pages/{section}/?q=historie",
    # The explorer's filters, each set, so the active filters show as well.
    "/admin/pages/{section}/?content_type={story_type}&has_child_pages=false&owner={kim}"
    "&edited_by={kim}&latest_revision_created_at_after=2020-01-01",
    "/admin/pages/add/stories/storypage/{section}/",
    "/admin/pages/{story}/edit/",
    "/admin/pages/{story}/history/",
    "/admin/pages/{story}/revisions/compare/live...latest/",
    "/admin/pages/{story}/revisions/compare/earliest...latest/",
    # The page chooser as "Inspireret af" opens it: stories only, several at once.
    "/admin/choose-page/?page_type=stories.storypage&multiple=1",
    "/admin/choose-page/{section}/?page_type=stories.storypage&multiple=1",
    "/admin/choose-page/search/?page_type=stories.storypage&multiple=1&q=test",
    "/admin/choose-page/search/?page_type=stories.storypage&multiple=1&q=ingen-historie",
    # The snippet choosers of the editor: the municipality, an outcome's target group.
    "/admin/snippets/choose/stories/municipality/",
    "/admin/snippets/choose/stories/municipality/results/?q=Vejle",
    "/admin/snippets/choose/stories/targetgroup/",
    "/admin/snippets/choose/stories/targetgroup/results/?q=ingen-malgruppe",
    # The image chooser of the body's image block, with nothing found.
    "/admin/images/chooser/",
    "/admin/images/chooser/results/?q=ingen-billeder",
    "/admin/account/",
]


@pytest.fixture
def ids(consultant, section, story):
    return {
        "section": section.pk,
        "story": story.pk,
        "story_type": ContentType.objects.get_for_model(StoryPage).pk,
        "kim": get_user_model().objects.get(username="kim").pk,
    }


@pytest.mark.parametrize("url", CONSULTANT_PAGES)
def test_the_consultants_page_is_danish(consultant, ids, url):
    assert_danish(shown_html(consultant, url.format(**ids)))


# A story in moderation: {page} is the story, {task_state} its moderator's task.
MODERATION_PAGES = [
    ("consultant", "/admin/pages/{page}/edit/"),
    ("consultant", "/admin/pages/{page}/workflow_history/"),
    ("consultant", "/admin/"),
    ("moderator", "/admin/"),
    ("moderator", "/admin/pages/{page}/edit/"),
    ("moderator", "/admin/pages/workflow/action/{page}/approve/{task_state}/"),
    ("moderator", "/admin/pages/workflow/action/{page}/reject/{task_state}/"),
    ("moderator", "/admin/pages/workflow/confirm_cancellation/{page}/"),
    ("moderator", "/admin/pages/{page}/history/"),
]


@pytest.mark.parametrize("role,url", MODERATION_PAGES)
def test_the_moderation_pages_are_danish(consultant, moderator, submitted, role, url):
    client = {"consultant": consultant, "moderator": moderator}[role]
    page, task_state = submitted
    assert_danish(shown_html(client, url.format(page=page.pk, task_state=task_state.pk)))


@pytest.mark.parametrize(
    "role", [{"region": "1083"}, {"moderator": True}, {"curator": True}, "superuser"]
)
def test_every_menu_item_is_danish(site, role):
    if role == "superuser":
        get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
        client = Client()
        client.force_login(get_user_model().objects.get(username="root"))
    else:
        client = editor("bruger", **role)
    labels = sidebar_labels(get_danish(client, "/admin/"))
    assert "Sider" in labels
    assert english_texts(labels) == []


def test_the_superusers_menu_has_images_and_documents_in_danish(site):
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    client.force_login(get_user_model().objects.get(username="root"))
    labels = sidebar_labels(get_danish(client, "/admin/"))
    assert {"Billeder", "Dokumenter"} <= set(labels)


def test_wagtails_words_the_project_replaced_are_never_said():
    """Every Wagtail entry whose Danish says "skitse" or "kodeord" is overridden in
    locale/da, so the admin says "kladde" and "adgangskode" wherever Wagtail says it."""
    said = {}
    with translation.override("da"):
        for msgid, msgstrs in wagtail_catalogues("da").items():
            if rejected_terms(msgstrs) and len(msgstrs) == 1:
                said[msgid] = translation.gettext(msgid)
    assert said, "Wagtail's Danish no longer uses the words: REJECTED_TERMS can go"
    assert rejected_terms(said.values()) == []
    for word in REJECTED_TERMS.values():
        assert any(word in text.lower() for text in said.values()), word


def test_the_page_chooser_names_the_root_in_danish(consultant):
    html = shown_html(consultant, "/admin/choose-page/?page_type=stories.storypage&multiple=1")
    texts = {" ".join(text.split()) for text in readable_texts(html)}
    assert "Alle sider" in texts
    assert "Root" not in texts
    assert Page.get_first_root_node().title == "Alle sider"


def followed(client: Client, url: str, data: dict) -> str:
    """POST as the admin's form does, then the page it leads to, with its messages."""
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="da", follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_story_from_draft_to_published_is_told_in_danish(consultant, moderator, section):
    """The messages, statuses, history and e-mails of a story's way: a draft saved,
    submitted, sent back with a comment, submitted again and approved."""
    add = f"/admin/pages/add/stories/storypage/{section.pk}/"
    shown = {"draft saved": followed(consultant, add, story_form())}
    page = StoryPage.objects.get(slug="smaajobs-i-vejle")
    edit = f"/admin/pages/{page.pk}/edit/"
    shown["submitted"] = followed(consultant, edit, {**story_form(page), "action-submit": "1"})
    task_state = StoryPage.objects.get(pk=page.pk).current_workflow_task_state
    shown["sent back"] = followed(
        moderator,
        f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
        {"comment": "Angiv gerne perioden."},
    )
    shown["consultant sees the comment"] = get_danish(consultant, edit)
    shown["submitted again"] = followed(
        consultant, edit, {**story_form(page), "action-submit": "1"}
    )
    task_state = StoryPage.objects.get(pk=page.pk).current_workflow_task_state
    shown["approved"] = followed(
        moderator,
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    for url in (
        edit,
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/workflow_history/",
        "/admin/",
    ):
        shown[url] = get_danish(consultant, url)
    assert StoryPage.objects.get(pk=page.pk).live
    found = {
        name: (english_on(html), rejected_terms(readable_texts(html)))
        for name, html in shown.items()
    }
    assert found == dict.fromkeys(shown, ([], []))
    assert mail.outbox
    for message in mail.outbox:
        texts = [message.subject] + [
            re.sub(r"https?://\S+", "", line) for line in message.body.splitlines()
        ]
        assert (english_texts(texts), rejected_terms(texts)) == ([], []), message.body


def test_the_image_pages_are_danish(consultant, settings, tmp_path):
    """Adding images (one, several, or in the chooser), a refused file, the same file
    twice, the list, and editing and deleting one's own image."""
    settings.MEDIA_ROOT = tmp_path
    svg = SimpleUploadedFile("tegning.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    refused = consultant.post("/admin/images/add/", {"title": "x", "file": svg}, **DANISH)
    png = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(png, "PNG")
    upload = SimpleUploadedFile("kantinen.png", png.getvalue())
    added = consultant.post("/admin/images/multiple/add/", {"files[]": upload}, **DANISH).json()
    image_id = added["image_id"]
    upload.seek(0)
    again = consultant.post("/admin/images/multiple/add/", {"files[]": upload}, **DANISH).json()
    pages = {
        "add": get_danish(consultant, "/admin/images/add/"),
        "refused": refused.content.decode(),
        "add several": get_danish(consultant, "/admin/images/multiple/add/"),
        "after upload": added["form"],
        "the same again": again["confirm_duplicate_upload"],
        "chooser": json.loads(get_danish(consultant, "/admin/images/chooser/"))["html"],
        "list": get_danish(consultant, "/admin/images/"),
        "edit": get_danish(consultant, f"/admin/images/{image_id}/"),
        "delete": get_danish(consultant, f"/admin/images/{image_id}/delete/"),
    }
    # The messages each uploaded file gets on "Tilføj billeder" wait in a <template>.
    pages["upload messages"] = re.search(
        r'<template id="upload-list-item">(.*?)</template>', pages["add several"], re.S
    ).group(1)
    assert {name: english_on(html) for name, html in pages.items()} == dict.fromkeys(pages, [])


def test_the_curators_page_chooser_finds_a_story_in_danish(site, story_dir):
    import_stories([str(story_dir.write("a.md", minimal()))], publish=True)
    story = StoryPage.objects.get()
    get_search_backend().add(story)  # the test settings index nothing
    curator = editor("ole", curator=True)
    assert_danish(shown_html(curator, "/admin/choose-page/?page_type=stories.storypage"))
    url = f"/admin/choose-page/search/?page_type=stories.storypage&q={story.title}"
    results = shown_html(curator, url)
    assert story.title in results  # with the number of matches
    assert_danish(results)


def test_a_story_with_errors_is_danish_saved_by_hand_and_by_autosave(consultant, section):
    url = f"/admin/pages/add/stories/storypage/{section.pk}/"
    untitled = story_form(title="", slug="uden-titel")
    by_hand = consultant.post(url, untitled, **DANISH)
    assert by_hand.status_code == 200
    assert_danish(by_hand.content.decode())
    autosave = consultant.post(url, untitled, **DANISH, HTTP_ACCEPT="application/json")
    message = autosave.json()["error_message"]
    assert_danish(f"<p>{message}</p>")
