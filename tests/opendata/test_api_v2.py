"""/api/v2/: Wagtail's API, read-only, with live, public pages only."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import PageViewRestriction

from browse.models import MethodPage, RegionPage
from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import count_queries, front_matter

pytestmark = pytest.mark.django_db

STORIES = "/api/v2/pages/?type=stories.StoryPage&limit=20"


def story_slugs(client, params: str = "") -> set[str]:
    response = client.get(f"{STORIES}&fields=_,slug{params}")
    assert response.status_code == 200, response.content
    return {item["meta"]["slug"] for item in response.json()["items"]}


def test_lists_live_stories_and_other_pages(corpus, client):
    response = client.get(STORIES)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["meta"]["total_count"] == 5
    assert story_slugs(client) == {
        "holbaek-job",
        "vejle-sj",
        "aarhus-unge",
        "odense-delt",
        "skanderborg-uden",
    }
    methods = client.get("/api/v2/pages/?type=browse.MethodPage").json()
    assert methods["meta"]["total_count"] == MethodPage.objects.live().count()
    assert client.get("/api/v2/images/").status_code == 200


def test_story_fields(corpus, client):
    page = StoryPage.objects.get(slug="holbaek-job")
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    story = response.json()
    assert story["title"] == "Testhistorie holbaek-job"
    assert story["meta"]["html_url"].endswith("/historier/sjaelland/holbaek-job/")
    assert story["date"] == "2019-08-15" and story["evidence_level"] == 2
    assert story["municipality"] == {"code": "316", "name": "Holbæk", "slug": "holbaek"}
    assert story["region"] == {"code": "1085", "name": "Region Sjælland", "slug": "sjaelland"}
    assert story["methods"] == [
        {
            "slug": "eksterne-leverandoerer",
            "name": "Eksterne leverandører med resultatbaseret afregning",
        }
    ]
    assert story["target_groups"][0]["slug"] == "kontanthjaelp-aktivitetsparate"
    assert story["source_url"] == "https://example.org/holbaek"
    assert "contact_email" not in story and "contact_phone" not in story
    # The outcomes are the open-data rows' own columns.
    outcomes = story["outcomes"]
    assert [o["indicator"] for o in outcomes] == ["job-eller-uddannelse", "deltagere"]
    open_rows = client.get("/api/outcomes/?municipality=316").json()["results"]
    for outcome, row in zip(outcomes, open_rows, strict=True):
        for key in ("value", "value_max", "of", "rate", "from", "to", "unit", "target_group"):
            assert outcome[key] == row[key], key
    assert outcomes[0]["rate"] == 0.1789 and outcomes[1]["rate"] is None

    shared = client.get(
        f"/api/v2/pages/{StoryPage.objects.get(slug='odense-delt').pk}/?fields=municipalities"
    ).json()
    assert [m["code"] for m in shared["municipalities"]] == ["410", "461"]
    assert shared["outcomes"][0]["value"] == 7.5


def test_read_only(corpus, client):
    page = StoryPage.objects.get(slug="vejle-sj")
    for url in ("/api/v2/pages/", f"/api/v2/pages/{page.pk}/", "/api/v2/images/"):
        assert client.post(url, {"title": "x"}).status_code == 405
        assert client.put(url, {}, content_type="application/json").status_code == 405
        assert client.patch(url, {}, content_type="application/json").status_code == 405
        assert client.delete(url).status_code == 405
    assert StoryPage.objects.filter(slug="vejle-sj", live=True).exists()


def test_drafts_and_private_pages_are_left_out(corpus, client):
    corpus.write("draft.md", front_matter("kladde"))
    assert import_stories([str(corpus.path / "draft.md")], publish=False).problems == []
    draft = StoryPage.objects.get(slug="kladde")
    assert not draft.live
    assert "kladde" not in story_slugs(client)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404

    vejle = StoryPage.objects.get(slug="vejle-sj")
    vejle.unpublish()
    assert "vejle-sj" not in story_slugs(client)
    assert client.get(f"/api/v2/pages/{vejle.pk}/").status_code == 404

    section = RegionPage.objects.get(region__code="1085")
    holbaek = StoryPage.objects.get(slug="holbaek-job")
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert "holbaek-job" not in story_slugs(client)
    assert client.get(f"/api/v2/pages/{holbaek.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{section.pk}/").status_code == 404

    # Not even for an editor who is logged in: the API is for anonymous readers.
    PageViewRestriction.objects.create(
        page=StoryPage.objects.get(slug="aarhus-unge"),
        restriction_type=PageViewRestriction.LOGIN,
    )
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    assert story_slugs(client) == {"odense-delt", "skanderborg-uden"}


def test_a_bounded_number_of_queries(site, story_dir):
    """A page of stories with their fields costs the same queries for 2 stories as for
    20: outcomes, places and terms are loaded for the whole listing at once."""

    def add(count: int, start: int):
        for number in range(start, start + count):
            story_dir.write(
                f"s{number}.md",
                front_matter(
                    f"s{number}",
                    municipality=["Vejle", "Aarhus", "Holbæk"][number % 3],
                    municipalities="[Kolding]",
                    methods="[smaajobs, coaching]",
                    target_groups="[unge-under-30]",
                    tags="[a, b]",
                    outcomes="[{indicator: deltagere, value: 3, of: 9}, "
                    "{indicator: timer-pr-uge, value: 5, value_max: 15, "
                    "target_group: langtidsledige}]",
                ),
            )
        assert import_stories([str(story_dir.path)], publish=True).problems == []

    every_field = ",".join(StoryPage.api_fields)
    urls = [
        f"{STORIES}&fields=outcomes",
        f"{STORIES}&fields={every_field}",
        f"{STORIES}&fields=*",
    ]
    add(2, 0)
    few = {url: count_queries(url) for url in urls}
    add(18, 2)
    assert Client().get(STORIES).json()["meta"]["total_count"] == 20
    many = {url: count_queries(url) for url in urls}
    assert many == few
