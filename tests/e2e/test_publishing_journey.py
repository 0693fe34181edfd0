"""A regional consultant writes a story in the admin and submits it; a moderator approves
it; then the public sees it and search finds it. Clicked as they would click it, in
Danish, against the running portal."""

import re
import time

from playwright.sync_api import expect
from support import SCREENSHOTS, choose_in_modal, let_autosave_finish

TITLE = "Kaffeklubben i Kolding giver ledige en fast fredag"
WORD = "Kaffeklubben"  # in the title and in no demo story
REGION = "Region Syddanmark"


def search_results(page, portal, words: str) -> list[str]:
    page.goto(f"{portal.url}/search/?q={words}")
    return page.locator(".result-list .card__title").all_inner_texts()


def other_regions_story(page, portal) -> int:
    """The admin id of a published story outside Syddanmark, from the public API."""
    listing = page.request.get(f"{portal.url}/api/v2/pages/?type=stories.StoryPage")
    for item in listing.json()["items"]:
        if "/historier/syddanmark/" not in item["meta"]["html_url"]:
            return item["id"]
    raise AssertionError("the demo content has no story outside Syddanmark")


def test_a_consultants_story_is_published_after_a_moderator_approves_it(editor, desktop, portal):
    visitor = desktop  # not logged in
    page = editor("kim")

    # The dashboard: a new story in the consultant's own region.
    page.screenshot(path=SCREENSHOTS / "publishing-1-consultant-dashboard.png")
    page.get_by_role("link", name=f"Ny historie i {REGION}").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/stories/storypage/\d+/"))

    page.locator("#id_title").fill(TITLE)
    page.get_by_role("button", name="Vælg kommune").click()
    choose_in_modal(page, "Kolding", "Kolding")
    # A second municipality found by typing part of its name among the 98 checkboxes.
    page.get_by_label("Find en kommune").fill("fredericia")
    expect(page.locator("[data-municipality-count]")).to_have_text("1 af 98 kommuner vises")
    page.get_by_role("checkbox", name="Fredericia", exact=True).check()
    expect(page.get_by_role("checkbox", name="Vejle", exact=True)).to_be_hidden()
    page.get_by_role("checkbox", name="Småjobs", exact=True).check()
    page.locator("#id_date").fill("2026-11-20")
    page.locator("#id_date").press("Tab")  # closes the date picker
    body = page.locator("#panel-child-indhold-body-section")
    body.get_by_role("button", name="Indsæt en blok").click()
    page.get_by_role("option", name="Afsnit").click()
    body.get_by_role("textbox").first.fill(
        "Hver fredag drikker ledige kaffe med to virksomhedskonsulenter."
    )

    page.get_by_role("tab", name="Resultater").click()
    page.get_by_role("button", name="Tilføj resultat").click()
    outcome = page.locator("#inline_child_outcomes-0")
    outcome.get_by_label("Indikator").select_option(label="I ordinært job (personer)")
    # The indicator's unit stands beside the figure.
    expect(outcome.locator("#id_outcomes-0-value-unit")).to_have_text("personer")
    outcome.locator("#id_outcomes-0-value").fill("12")
    outcome.locator("#id_outcomes-0-of").fill("40")
    page.screenshot(path=SCREENSHOTS / "publishing-2-editor-with-outcome.png")

    # The consultant may send it to moderation, and may not publish.
    let_autosave_finish(page)
    page.get_by_role("button", name="Flere handlinger").click()
    actions = page.locator(".w-dropdown__content").filter(has_text="Indsend til")
    expect(actions.get_by_role("button", name=re.compile("^Indsend til"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Udgiv"))).to_have_count(0)
    actions.get_by_role("button", name=re.compile("^Indsend til")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text(TITLE)
    page.goto(portal.url + "/admin/")
    awaiting = page.get_by_role("region", name="Dine historier")
    expect(awaiting).to_contain_text("Venter på moderering")
    expect(awaiting.get_by_role("link", name=TITLE)).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "publishing-3-submitted.png")

    # Another region's story is not the consultant's to edit.
    response = page.goto(f"{portal.url}/admin/pages/{other_regions_story(page, portal)}/edit/")
    if response.status != 403:
        page.wait_for_url(portal.url + "/admin/")
        expect(page.get_by_role("status")).to_contain_text("du har ikke rettigheder")
        page.wait_for_timeout(600)  # for the screenshot: the message slides in from the top
    page.screenshot(path=SCREENSHOTS / "publishing-4-other-region-refused.png")

    # The moderator finds it waiting, opens it and approves it.
    page = editor("mette")
    waiting = page.get_by_role("region", name=re.compile("^Historier, der venter på dig"))
    expect(waiting).to_contain_text("af kim")
    page.screenshot(path=SCREENSHOTS / "publishing-5-moderator-dashboard.png")
    waiting.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    # While it waits, it is not public: its address is not found, search does not know it.
    story_url = f"{portal.url}/historier/syddanmark/{page.locator('#id_slug').input_value()}/"
    assert visitor.goto(story_url).status == 404
    assert TITLE not in search_results(visitor, portal, WORD)
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name=re.compile("^Godkend og")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    # Public at once, with its outcome, and found by search within a second or two.
    assert visitor.goto(story_url).status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("main")).to_contain_text("12 af 40 (30 %)")
    expect(visitor.locator("main")).to_contain_text("I ordinært job")
    visitor.screenshot(path=SCREENSHOTS / "publishing-6-approved-story.png", full_page=True)
    deadline = time.monotonic() + 2
    while TITLE not in (found := search_results(visitor, portal, WORD)):
        assert time.monotonic() < deadline, f"search for {WORD!r} found only {found}"
        time.sleep(0.2)
