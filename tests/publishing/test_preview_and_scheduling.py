"""Preview, scheduled publishing and revision compare as the editors meet them in the
admin: a consultant previews a story before it is saved and after; a story submitted to
go live later is approved, waits, and `publish_scheduled` publishes it when its time has
come; a moderator compares two revisions and sees what changed."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from browse.models import RegionPage
from search.models import StoryIndexEntry
from stories.models import StoryPage
from tests.conftest import story_form
from tests.publishing.test_moderation import login, submit_form, task_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(site) -> Client:
    return login("kim", region="1083")


@pytest.fixture
def section(site) -> RegionPage:
    return RegionPage.objects.get(region__code="1083")


def add_url(section: RegionPage) -> str:
    return reverse("wagtailadmin_pages:add", args=["stories", "storypage", section.pk])


def draft(consultant: Client, section: RegionPage) -> StoryPage:
    """A story the consultant writes and saves as a draft (not submitted)."""
    response = consultant.post(add_url(section), story_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    return StoryPage.objects.get(slug="smaajobs-i-vejle")


def edit(client: Client, page: StoryPage, **fields) -> None:
    """The edit form saved as a draft with the fields changed; the rest as the form
    sends it back, with the id of the body's block."""
    latest = page.get_latest_revision_as_object()
    data = story_form(latest, **fields)
    data["body-0-id"] = latest.body[0].id
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_consultant_previews_a_story_before_saving_it(consultant, section):
    url = reverse("wagtailadmin_pages:preview_on_add", args=["stories", "storypage", section.pk])
    assert consultant.post(url, story_form()).json() == {"is_valid": True, "is_available": True}
    shown = consultant.get(url)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "Småjobs i Vejle" in html and "Borgerne fik småjobs." in html
    # A preview saves nothing.
    assert not StoryPage.objects.filter(slug="smaajobs-i-vejle").exists()


def test_a_consultant_previews_a_saved_draft_and_its_unsaved_changes(consultant, section):
    page = draft(consultant, section)
    saved = consultant.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert saved.status_code == 200 and "Borgerne fik småjobs." in saved.content.decode()

    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = story_form(page, teaser="En ny teaser, endnu ikke gemt.")
    assert consultant.post(url, data).json()["is_valid"] is True
    shown = consultant.get(url)
    assert shown.status_code == 200
    assert "En ny teaser, endnu ikke gemt." in shown.content.decode()
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().teaser == "Småjobs i lokale virksomheder."


def test_a_story_scheduled_by_its_consultant_goes_live_when_its_time_has_come(consultant, section):
    moderator = login("mette", moderator=True)
    go_live = timezone.localtime() + timedelta(days=7)
    data = submit_form("Småjobs i Vejle", "smaajobs-i-vejle")
    data["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")
    response = consultant.post(add_url(section), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StoryPage.objects.get(slug="smaajobs-i-vejle")

    state = task_state(page)
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    assert moderator.post(approve, {"comment": ""}).status_code == 302
    page.refresh_from_db()
    # Approved, but it waits for its time: scheduled, not live, not on the site.
    assert not page.live
    scheduled = Revision.page_revisions.get(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    )
    assert scheduled.approved_go_live_at.replace(second=0, microsecond=0) == go_live.replace(
        second=0, microsecond=0
    )
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert Client().get(page.url).status_code == 404
    assert not StoryIndexEntry.objects.filter(story=page).exists()

    # The week has passed: the revision's go-live time moved into the past stands in for
    # the clock moving on (publishing checks both the approval and the revision's own).
    past = timezone.now() - timedelta(minutes=1)
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.approved_go_live_at = past
    scheduled.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert Client().get(page.url).status_code == 200
    assert StoryIndexEntry.objects.filter(story=page).exists()


def test_a_moderator_compares_two_revisions_and_sees_the_changed_field(consultant, section):
    moderator = login("mette", moderator=True)
    page = draft(consultant, section)
    edit(consultant, page, teaser="Borgerne fik småjobs på 5-15 timer om ugen.")
    first, second = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    response = moderator.get(url)
    assert response.status_code == 200
    changed = [c for c in response.context["comparison"] if c.has_changed()]
    assert [c.field_label() for c in changed] == ["Teaser"]
    html = response.content.decode()
    # The old teaser struck out, the new one added.
    assert '<span class="deletion">Småjobs i lokale virksomheder.</span>' in html
    assert '<span class="addition">Borgerne fik småjobs på 5-15 timer om ugen.</span>' in html
