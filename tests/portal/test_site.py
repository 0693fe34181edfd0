"""Site-wide things: the settings an editor changes in the admin, the portal's name,
a database from before the migration history was rewritten, and what setup_portal
makes ready for the editors."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from wagtail.models import Page

from portal.database import OLD_TABLES, made_before_the_rewrite
from portal.models import SiteSettings
from portal.site_tree import ensure_site_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("redaktoer", "r@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def test_the_footer_is_edited_in_the_admin(site, admin_client):
    url = f"/admin/settings/portal/sitesettings/{SiteSettings.load().pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {"footer_text": "Redaktionen hører gerne fra dig.", "editorial_email": "red@example.org"},
    )
    assert response.status_code == 302
    html = Client().get("/").content.decode()
    assert "Redaktionen hører gerne fra dig." in html
    assert 'href="mailto:red@example.org"' in html


def test_a_bad_editorial_address_is_refused_and_changes_nothing(site, admin_client):
    url = f"/admin/settings/portal/sitesettings/{SiteSettings.load().pk}/"
    response = admin_client.post(url, {"footer_text": "x", "editorial_email": "ikke en adresse"})
    assert response.status_code == 200
    assert SiteSettings.load().editorial_email == ""
    assert SiteSettings.load().footer_text == ""


def test_an_empty_footer_gives_the_portals_own_words_in_each_language(site):
    html = Client().get("/").content.decode()
    assert "samler praksis, der virker" in html
    assert "Gode historier fra jobcentrene" in html
    english = Client().get("/en/").content.decode()
    assert "Good stories from the jobcentres" in english
    assert "collects practice that works" in english


def test_a_new_database_is_not_taken_for_an_old_one():
    assert not made_before_the_rewrite()


def test_migrate_refuses_a_database_from_before_the_rewrite_and_changes_nothing():
    table = sorted(OLD_TABLES)[0]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {table} (id integer)")
    assert made_before_the_rewrite()
    with pytest.raises(CommandError, match="make run"):
        call_command("migrate", verbosity=0)


# Wagtail's own index as the portal runs it; the test settings turn its updates off.
@override_settings(
    WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database"}}
)
def test_the_editors_choosers_find_the_vocabulary_after_setup_portal(site):
    call_command("setup_portal")
    call_command("create_consultant", "kim", region="1083", password="en-lang-adgangskode-42")
    client = Client()
    client.force_login(get_user_model().objects.get(username="kim"))
    for chooser, query, expected in [
        ("municipality", "Kolding", "Kolding"),
        ("indicator", "ordinært", "I ordinært job"),
    ]:
        url = f"/admin/snippets/choose/stories/{chooser}/results/?q={query}"
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
        assert response.status_code == 200
        # A choice to click, not the query repeated in "no match".
        choices = re.findall(r"data-chooser-modal-choice[^>]*>\s*([^<]*?)\s*<", response.text)
        assert expected in choices, chooser


def test_the_page_trees_root_gets_a_danish_title(site):
    """Wagtail's migration names the root page "Root"; the admin shows it in breadcrumbs
    and the page chooser, so setup_portal gives it a Danish title, on old installations
    too."""
    root = Page.get_first_root_node()
    Page.objects.filter(pk=root.pk).update(title="Root", draft_title="Root")
    ensure_site_structure()
    root.refresh_from_db()
    assert (root.title, root.draft_title) == ("Alle sider", "Alle sider")
