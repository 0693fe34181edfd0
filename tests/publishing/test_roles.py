"""Regions carry permissions: what each role may do, page by page, and the command that
makes editors."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from browse.models import RegionPage
from curation.models import CollectionsIndexPage
from publishing.roles import CURATORS, MODERATORS, STORY_WORKFLOW
from stories.models import Region, StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal

pytestmark = pytest.mark.django_db

SYDDANMARK, SJAELLAND = "1083", "1085"
PASSWORD = "en-lang-adgangskode-42"


@pytest.fixture
def pages(site, story_dir):
    story_dir.write("vejle.md", minimal("vejle"))
    story_dir.write("holbaek.md", minimal("holbaek", municipality="Holbæk"))
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    return {
        "own_section": RegionPage.objects.get(region__code=SYDDANMARK),
        "other_section": RegionPage.objects.get(region__code=SJAELLAND),
        "own_story": StoryPage.objects.get(slug="vejle"),
        "other_story": StoryPage.objects.get(slug="holbaek"),
        "collections": CollectionsIndexPage.objects.get(),
    }


def editor(role: str):
    options = {"consultant": {"region": SYDDANMARK}, "moderator": {"moderator": True}}
    options["curator"] = {"curator": True}
    call_command("create_consultant", role, password=PASSWORD, **options[role])
    return get_user_model().objects.get(username=role)


# (role, page, action, allowed)
MATRIX = [
    ("consultant", "own_section", "can_add_subpage", True),
    ("consultant", "other_section", "can_add_subpage", False),
    ("consultant", "own_story", "can_edit", True),
    ("consultant", "own_story", "can_publish", False),
    ("consultant", "own_story", "can_unpublish", False),
    ("consultant", "own_story", "can_delete", False),
    ("consultant", "own_story", "can_move", False),
    ("consultant", "other_story", "can_edit", False),
    ("consultant", "collections", "can_add_subpage", False),
    ("moderator", "own_story", "can_publish", True),
    ("moderator", "other_story", "can_unpublish", True),
    ("moderator", "other_story", "can_move", True),
    ("moderator", "other_section", "can_add_subpage", True),
    ("curator", "collections", "can_add_subpage", True),
    ("curator", "collections", "can_publish_subpage", True),
    ("curator", "own_section", "can_add_subpage", False),
    ("curator", "own_story", "can_edit", False),
]


@pytest.mark.parametrize(("role", "page", "action", "allowed"), MATRIX)
def test_permission_matrix(pages, role, page, action, allowed):
    user = editor(role)
    tester = pages[page].permissions_for_user(user)
    assert getattr(tester, action)() is allowed


def test_a_consultant_adds_stories_in_the_admin_only_in_their_region(pages):
    client = Client()
    client.force_login(editor("consultant"))
    own = client.get(f"/admin/pages/add/stories/storypage/{pages['own_section'].pk}/")
    assert own.status_code == 200
    other = client.get(f"/admin/pages/add/stories/storypage/{pages['other_section'].pk}/")
    assert other.status_code in (302, 403)
    edit_other = client.get(f"/admin/pages/{pages['other_story'].pk}/edit/")
    assert edit_other.status_code in (302, 403)


def test_every_installation_has_the_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {MODERATORS, CURATORS} <= names
    assert {f"Konsulenter i {region.name}" for region in Region.objects.all()} <= names


def test_create_consultant_updates_rather_than_duplicates(site):
    call_command("create_consultant", "kim", region=SYDDANMARK, password=PASSWORD)
    call_command("create_consultant", "kim", region=SJAELLAND, email="kim@example.org")
    kim = get_user_model().objects.get(username="kim")
    assert kim.email == "kim@example.org" and kim.check_password(PASSWORD)
    assert sorted(kim.groups.values_list("name", flat=True)) == [
        "Konsulenter i Region Sjælland",
        "Konsulenter i Region Syddanmark",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"region": "9999", "password": PASSWORD}, "Kendte koder: 1081 (Region Nordjylland)"),
        ({"region": SYDDANMARK, "password": "123"}, "Adgangskoden afvises"),
        ({"region": SYDDANMARK, "password": PASSWORD, "email": "ikke"}, "Ugyldig e-mail"),
        ({"region": SYDDANMARK}, "Angiv --password"),
    ],
)
def test_create_consultant_refuses_clearly_and_makes_nothing(site, options, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("create_consultant", "ny", **options)
    assert not get_user_model().objects.filter(username="ny").exists()


def test_create_consultant_needs_exactly_one_role(site):
    with pytest.raises(CommandError):
        call_command("create_consultant", "ny", "--moderator", "--curator", password=PASSWORD)
    assert not get_user_model().objects.filter(username="ny").exists()


def test_a_fresh_database_has_only_our_groups(site):
    names = set(Group.objects.values_list("name", flat=True))
    consultants = {f"Konsulenter i {region.name}" for region in Region.objects.all()}
    assert names == {MODERATORS, CURATORS} | consultants


def test_only_the_stories_go_through_a_workflow(pages):
    # Wagtail's "Moderators approval" on the root page went with its group: collections
    # are published by their curators, stories approved by our moderators.
    assert pages["collections"].get_workflow() is None
    assert pages["own_story"].get_workflow().name == STORY_WORKFLOW


def wagtail_default_workflow(moderators: Group) -> Workflow:
    """What Wagtail's migrations make: "Moderators approval" on the root page."""
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())
    return workflow


@pytest.mark.parametrize("moderators_have_users", [False, True])
def test_wagtails_groups_go_unless_someone_is_in_them(site, moderators_have_users):
    editors = Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    workflow = wagtail_default_workflow(moderators)
    get_user_model().objects.create(username="redaktoer").groups.add(editors)
    if moderators_have_users:
        get_user_model().objects.create(username="moderator").groups.add(moderators)

    removal = importlib.import_module("publishing.migrations.0002_remove_wagtail_default_groups")
    removal.remove_wagtail_default_groups(django_apps, None)

    # Editors has a user: kept, as it was.
    assert Group.objects.filter(name="Editors").exists()
    workflow.refresh_from_db()
    if moderators_have_users:
        assert Group.objects.filter(name="Moderators").exists()
        assert workflow.active and WorkflowPage.objects.filter(workflow=workflow).exists()
    else:
        assert not Group.objects.filter(name="Moderators").exists()
        assert not workflow.active
        assert not WorkflowPage.objects.filter(workflow=workflow).exists()
