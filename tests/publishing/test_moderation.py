"""Moderation end to end in the admin: a consultant writes a story and submits it; a
moderator approves it (it is published and found by search) or asks for changes with a
comment the consultant sees. Notifications go through Django's e-mail backend."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from wagtail.models import WorkflowState

from browse.models import RegionPage
from search.models import StoryIndexEntry
from stories.models import Indicator, StoryPage
from tests.conftest import story_form

pytestmark = pytest.mark.django_db

PASSWORD = "en-lang-adgangskode-42"


def login(username: str, **role) -> Client:
    call_command("create_consultant", username, password=PASSWORD, **role)
    user = get_user_model().objects.get(username=username)
    user.email = f"{username}@example.org"
    user.save()
    client = Client()
    client.force_login(user)
    return client


def submit_form(title: str, slug: str) -> dict:
    outcome = {"indicator": Indicator.objects.get(slug="smaajob").pk, "value": "12"}
    data = story_form(title=title, slug=slug, outcomes=[outcome])
    data["action-submit"] = "Indsend"
    return data


@pytest.fixture
def submitted(site):
    consultant = login("kim", region="1083")
    moderator = login("mette", moderator=True)
    section = RegionPage.objects.get(region__code="1083")
    response = consultant.post(
        f"/admin/pages/add/stories/storypage/{section.pk}/",
        submit_form("Småjobs i Vejle", "smaajobs-i-vejle"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StoryPage.objects.get(slug="smaajobs-i-vejle")
    return consultant, moderator, page


def task_state(page):
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    return state.current_task_state


def test_a_consultants_story_waits_for_a_moderator(submitted):
    _consultant, _moderator, page = submitted
    assert not page.live
    assert task_state(page).task.name == "Godkendelse af en moderator"
    assert not StoryIndexEntry.objects.filter(story=page).exists()
    # The moderators are told by e-mail.
    assert any("mette@example.org" in message.to for message in mail.outbox)


def test_a_moderator_approves_and_the_story_is_published_and_found(submitted):
    _consultant, moderator, page = submitted
    state = task_state(page)
    response = moderator.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert StoryIndexEntry.objects.filter(story=page).exists()
    assert Client().get("/api/search/?q=småjobs").json()["count"] >= 1


def test_a_moderator_asks_for_changes_and_the_consultant_sees_the_comment(submitted):
    consultant, moderator, page = submitted
    state = task_state(page)
    response = moderator.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{state.pk}/",
        {"comment": "Angiv gerne perioden for de 12 småjobs."},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    edit = consultant.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Angiv gerne perioden for de 12 småjobs." in edit


def test_a_consultant_cannot_approve_their_own_story(submitted):
    consultant, _moderator, page = submitted
    state = task_state(page)
    consultant.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {})
    page.refresh_from_db()
    assert not page.live


def dashboard(client: Client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_consultants_dashboard_starts_a_story_in_their_region_only(site):
    consultant = login("kim", region="1083")
    html = dashboard(consultant)
    section = RegionPage.objects.get(region__code="1083")
    assert "Ny historie i Region Syddanmark" in html
    assert f"/admin/pages/add/stories/storypage/{section.pk}/" in html
    assert "Ny historie i Region Sjælland" not in html


def test_the_dashboard_follows_a_story_through_moderation(submitted):
    consultant, moderator, page = submitted
    assert "Venter på moderering" in dashboard(consultant)
    assert "Småjobs i Vejle" in dashboard(moderator)
    state = task_state(page)
    moderator.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{state.pk}/",
        {"comment": "Angiv gerne perioden."},
    )
    html = dashboard(consultant)
    assert "Sendt tilbage til dig" in html and "Angiv gerne perioden." in html
    assert "Småjobs i Vejle" not in dashboard(moderator)


def test_the_moderators_queue_is_oldest_first(site):
    consultant = login("kim", region="1083")
    moderator = login("mette", moderator=True)
    section = RegionPage.objects.get(region__code="1083")
    for title, slug in (("Først indsendt", "foerst"), ("Sidst indsendt", "sidst")):
        response = consultant.post(
            f"/admin/pages/add/stories/storypage/{section.pk}/", submit_form(title, slug)
        )
        assert response.status_code == 302
    html = dashboard(moderator)
    assert html.index("Først indsendt") < html.index("Sidst indsendt")
