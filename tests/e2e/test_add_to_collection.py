"""A curator adds a story to a collection from the story's page, with the keyboard, and
starts a new collection with another; the picker passes axe-core."""

import re

from playwright.sync_api import expect
from support import FAILING_IMPACTS, axe_report, run_axe

SHOTS = "e2e-artifacts/screenshots"
PASSWORD = "kurator-har-en-lang-adgangskode-7"


def sign_in(page, portal, username: str) -> None:
    page.goto(portal.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in FAILING_IMPACTS]


def test_a_curator_adds_a_story_and_starts_a_collection(portal, desktop, page_urls):
    portal.manage("create_consultant", "e2e-kurator", "--curator", "--password", PASSWORD)
    page = desktop
    sign_in(page, portal, "e2e-kurator")
    page.goto(page_urls["story"])
    page.get_by_role("link", name="Tilføj til samling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilføj til samling")
    violations = run_axe(page)
    assert serious(violations) == [], axe_report("add to collection", page.url, violations)
    page.screenshot(path=f"{SHOTS}/add-to-collection.png", full_page=True)

    choices = page.get_by_role("radio")
    enabled = [n for n in range(choices.count()) if choices.nth(n).is_enabled()]
    assert enabled, "the demo collection should not hold the first story"
    choices.nth(enabled[0]).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(page_urls["story"])
    status = page.get_by_role("status")
    expect(status).to_contain_text("er føjet til samlingen")
    violations = run_axe(page)
    assert serious(violations) == [], axe_report("story with message", page.url, violations)
    page.screenshot(path=f"{SHOTS}/add-to-collection-added.png")

    page.get_by_role("link", name="Tilføj til samling").click()
    expect(page.get_by_text("Har allerede historien", exact=True)).to_be_visible()
    page.get_by_label("Titel på den nye samling").fill("Temadag i browseren")
    page.get_by_role("button", name="Opret samlingen med historien").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(
        page.get_by_text("Samlingen «Temadag i browseren» er oprettet som kladde")
    ).to_be_visible()
