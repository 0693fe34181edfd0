"""The reader's language: Danish for everyone, whatever the browser asks for; English
only at the /en/ addresses the footer's link leads to; Danish content inside English
chrome marked lang="da"; no cookie and no form for any of it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.users.models import UserProfile

from curation.models import CollectionItem, CollectionPage, CollectionsIndexPage
from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"accept-language": "en-US,en;q=0.9"}


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def language_link(response, language: str) -> str:
    """The footer's link to this page in another language."""
    match = re.search(
        rf'<a href="([^"]*)" hreflang="{language}" lang="{language}">',
        response.content.decode(),
    )
    assert match, f"no link to the {language} page"
    return match.group(1).replace("&amp;", "&")


@pytest.fixture
def story(site, story_dir) -> StoryPage:
    story_dir.write(
        "vejle.md",
        minimal(
            "vejle-smaajobs",
            title="Vejle skaber småjobs",
            teaser="Småjobs i lokale virksomheder.",
            outcomes="[{indicator: ordinaert-job, value: 34, of: 190, to: 2019-08-15}]",
        ),
        body="Et frugtlager manglede en, der kunne fjerne de tomme kasser.",
    )
    assert import_stories([str(story_dir.path)], publish=True).problems == []
    return StoryPage.objects.get(slug="vejle-smaajobs")


def test_an_english_browser_gets_the_danish_page(story):
    for headers in (ENGLISH_BROWSER, {"cookie": "django_language=en"}):
        response = Client(headers=headers).get("/")
        assert html_lang(response) == "da"
        assert response["Content-Language"] == "da"
        html = response.content.decode()
        assert "Nyeste historier" in html and "Latest stories" not in html


def test_the_switch_gives_english_and_english_stays_across_pages(story):
    client = Client(headers={"accept-language": "da"})
    danish = client.get(story.url)
    english_url = language_link(danish, "en")
    assert english_url == "/en" + story.url

    english = client.get(english_url)
    assert english.status_code == 200
    assert html_lang(english) == "en" and english["Content-Language"] == "en"
    html = english.content.decode()
    assert "Measured results" in html
    # Every link onwards stays English: menu, breadcrumbs, methods, the home page.
    assert 'href="/en/historier/"' in html and 'href="/en/metoder/smaajobs/"' in html
    assert 'class="brand" href="/en/"' in html
    danish_links = re.findall(r'href="(/(?!en/|admin/|static/|feeds/|api/)[^"]*)"', html)
    assert danish_links == [story.url]  # the switch back, and nothing else
    methods = client.get("/en/metoder/smaajobs/")
    assert html_lang(methods) == "en" and "Measured results across municipalities" in (
        methods.content.decode()
    )
    # …and back to the same page in Danish.
    assert language_link(english, "da") == story.url


def test_the_switch_keeps_the_search(story):
    danish = Client().get("/search/", {"q": "småjobs", "method": "smaajobs"})
    english_url = language_link(danish, "en")
    assert english_url.startswith("/en/search/?")
    english = Client().get(english_url)
    assert html_lang(english) == "en"
    html = english.content.decode()
    assert "1 story" in html
    # The result links to the story in English.
    assert f'href="/en{story.url}"' in html


def test_danish_content_in_english_chrome_is_marked_danish(story):
    html = Client().get("/en" + story.url).content.decode()
    assert '<h1 lang="da">Vejle skaber småjobs</h1>' in html
    assert '<p class="lead" lang="da">Småjobs i lokale virksomheder.</p>' in html
    assert re.search(r'<div class="story-body prose" lang="da">\s*<p>Et frugtlager', html)
    assert re.search(r'<dd lang="da"><a href="/en/metoder/smaajobs/">Småjobs</a></dd>', html)
    # The figure is Danish, the label a phone shows above it is the reader's language.
    assert (
        '<td class="outcomes__figure" data-label="Result"><span lang="da">34 af 190 (18 %)</span>'
        in html
    )

    home = Client().get("/en/").content.decode()
    assert '<h3 class="card__title" lang="da"><a href="/en' + story.url in home
    assert (
        '<h3 class="method-tile__name" lang="da"><a href="/en/metoder/smaajobs/">Småjobs</a></h3>'
        in home
    )


def test_a_collections_texts_are_marked_danish_in_english_chrome(story):
    page = CollectionPage(
        title="Den gode histories dag",
        slug="dag",
        intro="Praktikere fortæller.",
        event_place="Kolding",
        curator="Beskæftigelsesregion Syddanmark",
    )
    page.items = [CollectionItem(story=story, note="Fortalt om formiddagen.", sort_order=0)]
    CollectionsIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    html = Client().get("/en/samlinger/dag/").content.decode()
    assert '<h1 lang="da">Den gode histories dag</h1>' in html
    assert '<p class="lead" lang="da">Praktikere fortæller.</p>' in html
    assert 'Put together by <span lang="da">Beskæftigelsesregion Syddanmark</span>' in html
    assert '<span lang="da">Fortalt om formiddagen.</span>' in html
    # The exports still work from the English page's links.
    assert Client().get("/en/samlinger/dag/export.csv").status_code == 200


def test_the_switch_sets_no_cookie_and_needs_no_form(story):
    for url in ("/", "/en/", story.url, "/en" + story.url, "/search/?q=sm%C3%A5jobs"):
        response = Client().get(url)
        assert response.status_code == 200, url
        # No CSRF token on the page, so no csrftoken cookie: nothing set at all.
        assert not response.cookies, (url, response.cookies)
        assert "csrfmiddlewaretoken" not in response.content.decode()
        # …and no `Vary: Cookie` from CSRF. (Wagtail's user bar still reads the session to
        # find editors, and the session says `Vary: Cookie`; that is not the switch's.)
        assert not response.wsgi_request.META.get("CSRF_COOKIE_NEEDS_UPDATE"), url
        # The language is in the address: nothing in the request headers changes it.
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
        assert "accept-language" not in vary, url
    # No endpoint takes a language by POST (or sets it in a cookie) any more.
    assert Client().post("/i18n/setlang/", {"language": "en"}).status_code == 404


def test_an_english_address_that_does_not_exist_is_an_english_404(site):
    response = Client().get("/en/denne-side-findes-ikke/")
    assert response.status_code == 404
    assert html_lang(response) == "en"
    assert language_link(response, "da") == "/denne-side-findes-ikke/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktoer", "r@example.org", "pw")


def test_the_admin_follows_the_editors_own_language_setting(site, editor):
    client = Client(headers=ENGLISH_BROWSER)
    client.force_login(editor)
    # No setting of their own: the portal's Danish, whatever the browser asks for.
    response = client.get("/admin/")
    assert response.status_code == 200
    assert html_lang(response) == "da"
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    response = client.get("/admin/")
    assert html_lang(response) == "en"
