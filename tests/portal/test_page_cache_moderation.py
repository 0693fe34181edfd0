"""The page cache and moderation: a story approved by a moderator is public at once for an
anonymous reader who was shown "not found" for its address while it waited."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from browse.models import RegionPage
from portal.models import SiteSettings
from stories.models import StoryPage
from tests.publishing.test_moderation import login, submit_form, task_state

pytestmark = pytest.mark.django_db


def test_an_approved_story_is_public_at_once_for_anonymous_readers(site):
    SiteSettings.load()
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=300, SEARCH_CACHE_SECONDS=60):
        consultant = login("kim", region="1083")
        moderator = login("mette", moderator=True)
        section = RegionPage.objects.get(region__code="1083")
        response = consultant.post(
            f"/admin/pages/add/stories/storypage/{section.pk}/",
            submit_form("Småjobs i Vejle", "smaajobs-i-vejle"),
        )
        assert response.status_code == 302
        page = StoryPage.objects.get(slug="smaajobs-i-vejle")
        url = f"{section.url}smaajobs-i-vejle/"
        visitor = Client()
        assert visitor.get(url).status_code == 404
        assert visitor.get("/").status_code == 200
        response = moderator.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state(page).pk}/",
            {"comment": ""},
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.live
        assert visitor.get(url).status_code == 200
        assert "Småjobs i Vejle" in visitor.get("/").content.decode()
    cache.clear()
