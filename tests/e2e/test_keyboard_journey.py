"""The practitioner's journey by keyboard only (issue 10): search from the home page, tick
a facet, open a story, go to its method, compare, download the CSV; Tab, Shift+Tab,
Enter and Space, never the mouse."""

import re

from playwright.sync_api import expect
from test_journey import CSV_HEADER

# More presses than any page here needs to reach what the journey wants next.
MOST_PRESSES = 200


def tab_to(page, target, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the target has focus, as a keyboard user moves."""
    for _ in range(MOST_PRESSES):
        page.keyboard.press(key)
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {target}")


def test_the_practitioners_journey_by_keyboard_only(desktop, portal):
    page = desktop
    page.goto(portal.url + "/")

    # Home → search for "småjobs" in the page's own search field.
    field = page.get_by_role("search", name="Søg i historierne").locator("input[type=search]")
    tab_to(page, field)
    page.keyboard.type("småjobs")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=sm%C3%A5jobs"))
    expect(page.locator("#resultater")).to_contain_text("småjobs")

    # Tick the method Småjobs with Space: the results follow at once, focus stays.
    method_box = (
        page.get_by_role("group", name="Metode")
        .get_by_role("checkbox", name=re.compile(r"^Småjobs"))
        .first
    )
    tab_to(page, method_box)
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"[?&]method=smaajobs"))
    ticked = page.locator("input[type=checkbox][name=method][value=smaajobs]")
    expect(ticked).to_be_checked()
    expect(ticked).to_be_focused()
    expect(page.get_by_role("status")).to_contain_text("histori")

    # On to the first story.
    story_link = page.locator(".result-list .card__title a").first
    title = story_link.inner_text()
    tab_to(page, story_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # The story → its method's page.
    method_link = page.locator("main a[href$='/metoder/smaajobs/']").first
    tab_to(page, method_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Småjobs")

    # Compare: the table of every result across municipalities, sorted by municipality.
    comparison = page.locator(".comparison-table")
    sort_by_municipality = comparison.get_by_role("link", name=re.compile("^Kommune", re.I))
    tab_to(page, sort_by_municipality)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sort=municipality&dir=asc"))
    expect(comparison.locator("th[aria-sort=ascending]")).to_contain_text(
        re.compile("Kommune", re.I)
    )

    # The CSV link stands just before the table: back to it with Shift+Tab, Enter downloads.
    csv_link = page.get_by_role("link", name="Hent tabellen som CSV")
    tab_to(page, csv_link, "Shift+Tab")
    with page.expect_download() as download_info:
        with page.expect_response(re.compile(r"/api/outcomes/\?.*format=csv")) as answer:
            page.keyboard.press("Enter")
    assert answer.value.ok
    assert answer.value.headers["content-type"].startswith("text/csv")
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    lines = open(download.path(), encoding="utf-8-sig").read().splitlines()
    assert lines[0] == CSV_HEADER
    assert len(lines) > 1 and all("smaajobs" in line for line in lines[1:])
