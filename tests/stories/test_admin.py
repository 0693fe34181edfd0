"""The admin shares the importer's validation and lets editors keep the vocabulary."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from browse.models import RegionPage
from stories.models import Indicator, Method, Outcome, StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal, story_form

pytestmark = pytest.mark.django_db


def test_outcome_clean_uses_the_same_rules_as_the_importer():
    indicator = Indicator.objects.get(slug="ordinaert-job")
    with pytest.raises(ValidationError) as error:
        Outcome(indicator=indicator, value=Decimal(15), value_max=Decimal(5)).clean()
    assert "value_max" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Outcome(indicator=indicator, value=Decimal(34), of=19).clean()
    assert "of" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Outcome(
            indicator=indicator,
            value=Decimal(3),
            period_from=date(2020, 2, 1),
            period_to=date(2020, 1, 1),
        ).clean()
    assert "period_from" in error.value.message_dict
    Outcome(indicator=indicator, value=Decimal(34), of=190).clean()


def test_a_base_only_for_counted_indicators():
    hours = Indicator.objects.get(slug="timer-pr-uge")
    with pytest.raises(ValidationError):
        Outcome(indicator=hours, value=Decimal(5), of=40).clean()


def test_vocabulary_slug_cannot_change_once_saved():
    method = Method.objects.get(slug="smaajobs")
    method.name = "Småjobs og lønnede timer"
    method.full_clean()  # renaming is fine
    method.slug = "smaa-jobs"
    with pytest.raises(ValidationError):
        method.full_clean()


def test_retired_vocabulary_still_resolves_in_story_files(site, story_dir):
    Method.objects.filter(slug="smaajobs").update(active=False)
    file = story_dir.write("a.md", minimal())
    assert import_stories([str(file)], publish=True).problems == []


def test_story_source_url_must_be_http_in_the_admin_too(site, story_dir):
    import_stories([str(story_dir.write("a.md", minimal()))], publish=True)
    page = StoryPage.objects.get()
    page.source_url = "javascript:alert(1)"
    with pytest.raises(ValidationError):
        page.full_clean()


@pytest.fixture
def admin_client(site):
    user = get_user_model().objects.create_superuser("redaktoer", "r@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


def test_admin_pages_load(admin_client, story_dir):
    import_stories([str(story_dir.write("a.md", minimal()))], publish=True)
    page = StoryPage.objects.get()
    for url in [
        "/admin/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.get_parent().pk}/",
        "/admin/snippets/stories/method/",
        "/admin/snippets/stories/indicator/",
        "/admin/snippets/stories/municipality/",
    ]:
        assert admin_client.get(url).status_code == 200, url


def _story_form(page, outcome: dict) -> dict:
    return story_form(page, outcomes=[outcome])


def test_the_page_editor_refuses_a_bad_outcome_and_changes_nothing(admin_client, story_dir):
    import_stories([str(story_dir.write("a.md", minimal()))], publish=True)
    page = StoryPage.objects.get()
    indicator = Indicator.objects.get(slug="ordinaert-job")
    bad = {"indicator": indicator.pk, "value": "15", "value_max": "5", "of": ""}
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", _story_form(page, bad))
    assert response.status_code == 200
    assert "value_max (5) er mindre end value (15)" in response.content.decode()
    assert not Outcome.objects.exists()
    revisions = page.revisions.count()

    good = {"indicator": indicator.pk, "value": "34", "of": "190", "value_max": ""}
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", _story_form(page, good))
    assert response.status_code == 302
    assert page.revisions.count() == revisions + 1
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert [o.figure for o in draft.outcomes.all()] == ["34 af 190 (18 %)"]


def test_the_editor_ticks_places_and_terms_and_has_a_results_tab(admin_client):
    section = RegionPage.objects.get(region__code="1083")
    html = admin_client.get(f"/admin/pages/add/stories/storypage/{section.pk}/").content.decode()
    assert 'type="checkbox" name="methods"' in html
    assert 'type="checkbox" name="target_groups"' in html
    assert 'type="checkbox" name="municipalities"' in html
    # The municipalities are grouped under their regions: Vejle under Syddanmark.
    widget = html[html.index('id="id_municipalities"') :]
    syddanmark = widget[widget.index("<label>Region Syddanmark</label>") :]
    syddanmark = syddanmark[: syddanmark.find("<label>Region", 10)]
    assert "Vejle</label>" in syddanmark and "Holbæk</label>" not in syddanmark
    assert "Resultater" in html and 'id="tab-label-resultater"' in html


def test_the_editor_shows_figures_as_written_and_asks_no_outside_service(admin_client, story_dir):
    file = story_dir.write(
        "a.md",
        minimal(
            outcomes="[{indicator: smaajob, value: 70}, {indicator: timer-pr-uge, value: 7.5}]"
        ),
    )
    import_stories([str(file)], publish=True)
    page = StoryPage.objects.get()
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'value="70"' in html and 'value="7.5"' in html
    assert "70.00" not in html and "7.50" not in html
    for path in ("/admin/", f"/admin/pages/{page.pk}/edit/"):
        assert "gravatar" not in admin_client.get(path).content.decode().lower(), path


def test_the_editor_finds_municipalities_by_typing_and_shows_each_figures_unit(
    admin_client, story_dir
):
    file = story_dir.write("a.md", minimal(outcomes="[{indicator: timer-pr-uge, value: 7.5}]"))
    import_stories([str(file)], publish=True)
    page = StoryPage.objects.get()
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    # A search box labelled in Danish controls the checkbox list; its script is local.
    find = re.search(r"<input[^>]*data-municipality-find[^>]*>", html).group(0)
    assert 'aria-controls="id_municipalities"' in find
    assert '<label class="municipality-picker__find" for="id_municipalities-find">' in html
    assert "Find en kommune" in html and "/static/js/municipality-filter.js" in html
    # Each indicator names its unit, and the figure inputs have a place for it.
    assert re.search(r'<option value="\d+" selected data-unit="timer pr. uge">', html)
    assert "Lønnede timer pr. uge (timer pr. uge)</option>" in html
    assert 'aria-describedby="id_outcomes-0-value-unit"' in html
    assert 'id="id_outcomes-0-value-unit" class="figure-input__unit"' in html
    assert "/static/js/outcome-units.js" in html
    # "Inspireret af" is Wagtail's page chooser, limited to stories.
    assert "Inspireret af" in html and "stories.storypage" in html.lower()


def test_the_editor_keeps_a_date_to_what_is_known_and_a_figure_as_a_bound(admin_client, story_dir):
    import_stories([str(story_dir.write("a.md", minimal()))], publish=True)
    page = StoryPage.objects.get()
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    # Each precision stands next to its date, the qualifier next to the figure.
    for name in ("date_precision", "source_date_precision"):
        assert re.search(rf'<select name="{name}"', html), name
    outcome = {
        "indicator": Indicator.objects.get(slug="ordinaert-job").pk,
        "qualifier": "at_least",
        "value": "34",
        "of": "190",
        "value_max": "",
        "period_from": "2019-03-14",
        "period_from_precision": "month",
        "period_to": "2019-06-30",
        "period_to_precision": "year",
    }
    data = story_form(
        page,
        outcomes=[outcome],
        date="2016-05-17",
        date_precision="year",
        source_title="Rapport",
        source_author="Ib Ravn",
        source_date="2016-05-17",
        source_date_precision="month",
        status="planned",
    )
    data["action-publish"] = "1"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert (page.date, page.date_precision) == (date(2016, 1, 1), "year")
    assert (page.source_date, page.source_date_precision) == (date(2016, 5, 1), "month")
    saved = page.outcomes.get()
    assert (saved.period_from, saved.period_to) == (date(2019, 3, 1), date(2019, 1, 1))
    assert saved.figure == "mindst 34 af 190 (mindst 18 %)"
    shown = Client().get(page.url).content.decode()
    assert '<time datetime="2016">2016</time>' in shown
    assert "Ib Ravn, maj 2016" in shown and "marts 2019 – 2019" in shown
    assert "Planlagt" in shown and "mindst 34 af 190 (mindst 18 %)" in shown
    assert "17. maj 2016" not in shown and "maj 2016</time>" not in shown
    edited = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert re.search(r'<option value="at_least" selected>mindst</option>', edited)


def test_the_editor_may_leave_a_story_undated(admin_client, story_dir):
    import_stories([str(story_dir.write("a.md", minimal()))], publish=True)
    page = StoryPage.objects.get()
    data = story_form(page, date="")
    data["action-publish"] = "1"
    assert admin_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    assert page.date is None
    shown = Client().get(page.url).content.decode()
    assert "<dd>udateret</dd>" in shown and "<time" not in shown.split("story-facts")[1][:2000]
