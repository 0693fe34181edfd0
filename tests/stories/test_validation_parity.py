"""Validation parity: every rule a story file obeys holds in the story editor too, each
refusal is shown next to the field it concerns, and neither path writes anything.

Rules that live in `stories.validation` give the same words on both paths; the others
(required fields, choices, number sizes) are Django's own checks in the admin and the
importer's own in files, so there the test asks only that both refuse at that field.
"""

import html
import re

import pytest
from django.test import Client

from stories.models import Indicator, StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal, story_form

pytestmark = pytest.mark.django_db

PERSONS, HOURS = "ordinaert-job", "timer-pr-uge"
# The admin says what the file says (without the file's "outcomes[1]: " or "cost." prefix).
SAME = "same words"


def outcome_yaml(**fields: str) -> str:
    return "[{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}]"


# (rule, story-file fields, what the file's message says,
#  admin form changes, admin field, what the admin's message says – None: Django's own)
RULES = [
    ("title required", {"title": '""'}, "feltet 'title' mangler", {"title": ""}, "title", None),
    (
        "title length",
        {"title": "x" * 256},
        "title",
        {"title": "x" * 256},
        "title",
        None,
    ),
    (
        "methods required",
        {"methods": "[]"},
        "feltet 'methods' mangler",
        {"methods": []},
        "methods",
        None,
    ),
    (
        "unknown method",
        {"methods": "[findes-ikke]"},
        "ukendt metode",
        {"methods": [999999]},
        "methods",
        None,
    ),
    (
        "unknown municipality",
        {"municipality": "Atlantis"},
        "ukendt kommune",
        {"municipality": 999999},
        "municipality",
        None,
    ),
    ("date", {"date": "2020-13-01"}, "ugyldig dato", {"date": "2020-13-01"}, "date", None),
    (
        "date precision",
        {"date": "2020-13"},
        "ugyldig dato",
        {"date_precision": "week"},
        "date_precision",
        None,
    ),
    (
        "teaser length",
        {"teaser": "x" * 501},
        "højst 500",
        {"teaser": "x" * 501},
        "teaser",
        None,
    ),
    (
        "evidence level",
        {"evidence_level": "7"},
        "evidence_level skal være et helt tal fra 1 til 5",
        {"evidence_level": 7},
        "evidence_level",
        None,
    ),
    ("status", {"status": "paused"}, "ukendt status", {"status": "paused"}, "status", None),
    (
        "source url scheme",
        {"source": "{url: 'ftp://example.org/rapport.pdf'}"},
        "URL skal begynde med http:// eller https://",
        {"source_url": "ftp://example.org/rapport.pdf"},
        "source_url",
        SAME,
    ),
    (
        "contact e-mail",
        {"contact": "{email: ikke-en-adresse}"},
        "contact.email",
        {"contact_email": "ikke-en-adresse"},
        "contact_email",
        None,
    ),
    (
        "cost needs an amount",
        {"cost": "{from: 2020-01-01, to: 2020-12-31}"},
        "cost.amount mangler",
        {"cost_from": "2020-01-01", "cost_to": "2020-12-31"},
        "cost_amount",
        SAME,
    ),
    (
        "cost not negative",
        {"cost": "{amount: -5}"},
        "cost.amount skal være >= 0",
        {"cost_amount": "-5"},
        "cost_amount",
        SAME,
    ),
    (
        "cost period forwards",
        {"cost": "{amount: 5, from: 2020-12-31, to: 2020-01-01}"},
        "cost.from (2020-12-31) ligger efter to (2020-01-01)",
        {"cost_amount": "5", "cost_from": "2020-12-31", "cost_to": "2020-01-01"},
        "cost_from",
        SAME,
    ),
    (
        "inspired by itself",
        {"inspired_by": "[test-historie]"},
        "en historie kan ikke være inspireret af sig selv",
        {"inspirations": "self"},
        "inspirations-0-source",
        SAME,
    ),
    (
        "inspired by an unknown story",
        {"inspired_by": "[findes-ikke]"},
        "findes hverken i portalen",
        {"inspirations": 999999},
        "inspirations-0-source",
        None,
    ),
]

OUTCOME_RULES = [
    ("indicator required", {"value": "5"}, "indicator mangler", {"value": "5"}, "indicator", None),
    ("value required", {"indicator": PERSONS}, "value mangler", {}, "value", None),
    (
        "value not negative",
        {"value": "-1"},
        "value skal være et tal >= 0",
        {"value": "-1"},
        "value",
        SAME,
    ),
    (
        "value size",
        {"value": "1" + "0" * 20},
        "for stort",
        {"value": "1" + "0" * 20},
        "value",
        None,
    ),
    (
        "range upwards",
        {"value": "15", "value_max": "5"},
        "value_max (5) er mindre end value (15)",
        {"value": "15", "value_max": "5"},
        "value_max",
        SAME,
    ),
    (
        "base above value",
        {"value": "34", "of": "19"},
        "of (19) er mindre end value (34)",
        {"value": "34", "of": "19"},
        "of",
        SAME,
    ),
    (
        "base positive",
        {"value": "0", "of": "0"},
        "of skal være et helt tal større end 0",
        {"value": "0", "of": "0"},
        "of",
        SAME,
    ),
    (
        "base only for counts",
        {"indicator": HOURS, "value": "5", "of": "10"},
        "of (en basis) giver kun mening for personer og antal",
        {"indicator": HOURS, "value": "5", "of": "10"},
        "of",
        SAME,
    ),
    (
        "period forwards",
        {"value": "3", "from": "2020-02-01", "to": "2020-01-01"},
        "from (2020-02-01) ligger efter to (2020-01-01)",
        {"value": "3", "period_from": "2020-02-01", "period_to": "2020-01-01"},
        "period_from",
        SAME,
    ),
    (
        "partial period forwards",
        {"value": "3", "from": "2019-05", "to": "2019-03"},
        "from (2019-05) ligger efter to (2019-03)",
        {
            "value": "3",
            "period_from": "2019-05-20",
            "period_from_precision": "month",
            "period_to": "2019-03-01",
            "period_to_precision": "month",
        },
        "period_from",
        SAME,
    ),
    (
        "known qualifier",
        {"value": "3", "qualifier": "cirka"},
        "ukendt qualifier 'cirka'",
        {"value": "3", "qualifier": "cirka"},
        "qualifier",
        None,
    ),
]


@pytest.fixture
def story(site, story_dir):
    assert import_stories([str(story_dir.write("a.md", minimal()))], publish=True).problems == []
    return StoryPage.objects.get(slug="test-historie")


@pytest.fixture
def editor(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def _file_problems(story_dir, fields: dict) -> list[str]:
    path = story_dir.write("ny.md", minimal(**fields))
    return [problem.message for problem in import_stories([str(path)], publish=True).problems]


def _wrapper_of(page_html: str, field: str) -> str:
    """The editor's field wrapper (label, errors, input) that holds the named input."""
    for wrapper in page_html.split('class="w-field__wrapper')[1:]:
        if re.search(rf'name="{re.escape(field)}"', wrapper):
            return wrapper
    raise AssertionError(f"no field {field} in the editor")


def _errors(response, field: str) -> list[str]:
    form = response.context["form"]
    if "-" in field:
        relation, number, name = field.split("-")
        return list(form.formsets[relation].forms[int(number)].errors.get(name, []))
    return list(form.errors.get(field, []))


def _check_admin(editor, story, changes: dict, outcome: dict | None, field: str) -> list[str]:
    revisions = story.revisions.count()
    inspirations = changes.pop("inspirations", None)
    if inspirations == "self":
        inspirations = story.pk
    data = story_form(
        story,
        outcomes=[outcome] if outcome is not None else [],
        inspirations=[{"source": inspirations}] if inspirations else [],
        **changes,
    )
    response = editor.post(f"/admin/pages/{story.pk}/edit/", data)
    assert response.status_code == 200, "the editor accepted it"
    messages = _errors(response, field)
    assert messages, f"no error at {field}: {response.context['form'].errors}"
    # Shown next to the field: inside the wrapper of its input.
    wrapper = _wrapper_of(response.content.decode(), field)
    assert any(html.escape(message) in wrapper for message in messages), field
    assert story.revisions.count() == revisions
    return messages


@pytest.mark.parametrize(
    "fields, file_says, changes, field, admin_says",
    [rule[1:] for rule in RULES],
    ids=[rule[0] for rule in RULES],
)
def test_a_story_rule_holds_in_files_and_in_the_editor(
    story, story_dir, editor, fields, file_says, changes, field, admin_says
):
    pages = StoryPage.objects.count()
    problems = _file_problems(story_dir, fields)
    assert any(file_says in problem for problem in problems), problems
    assert StoryPage.objects.count() == pages
    messages = _check_admin(editor, story, dict(changes), None, field)
    if admin_says is SAME:
        # One rule, one wording: the admin says what the file's message says.
        assert any(any(m in problem for problem in problems) for m in messages), messages


@pytest.mark.parametrize(
    "fields, file_says, changes, field, admin_says",
    [rule[1:] for rule in OUTCOME_RULES],
    ids=[rule[0] for rule in OUTCOME_RULES],
)
def test_an_outcome_rule_holds_in_files_and_in_the_editor(
    story, story_dir, editor, fields, file_says, changes, field, admin_says
):
    file_outcome = dict(fields) if field == "indicator" else {"indicator": PERSONS, **fields}
    problems = _file_problems(story_dir, {"outcomes": outcome_yaml(**file_outcome)})
    assert any(file_says in problem for problem in problems), problems
    assert not StoryPage.objects.filter(slug="ny").exists()

    indicator = Indicator.objects.get(slug=changes.get("indicator", PERSONS))
    outcome = {"value": "", "value_max": "", "of": "", **changes}
    outcome["indicator"] = "" if field == "indicator" else indicator.pk
    messages = _check_admin(editor, story, {}, outcome, f"outcomes-0-{field}")
    if admin_says is SAME:
        assert any(any(m in problem for problem in problems) for m in messages), (
            messages,
            problems,
        )


def test_the_editor_saves_an_inspiration_once_and_shows_it_both_ways(story, story_dir, editor):
    path = story_dir.write("b.md", minimal("kilde-historie", title="Kilden"))
    assert import_stories([str(path)], publish=True).problems == []
    source = StoryPage.objects.get(slug="kilde-historie")
    revisions = story.revisions.count()

    twice = story_form(story, inspirations=[{"source": source.pk}, {"source": source.pk}])
    response = editor.post(f"/admin/pages/{story.pk}/edit/", twice)
    assert response.status_code == 200
    assert response.context["form"].formsets["inspirations"].non_form_errors()
    assert story.revisions.count() == revisions

    data = story_form(story, inspirations=[{"source": source.pk}])
    data["action-publish"] = "1"
    assert editor.post(f"/admin/pages/{story.pk}/edit/", data).status_code == 302
    assert "Kilden" in Client().get(story.url).content.decode()
    assert story.title in Client().get(source.url).content.decode()
