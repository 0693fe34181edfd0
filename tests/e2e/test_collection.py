"""A conference organiser's collection: presented from the keyboard, printed as a
handout with one item a sheet, exported as CSV."""

import re

from playwright.sync_api import expect

SHOTS = "e2e-artifacts/screenshots"


def test_the_collection_is_presented_from_the_keyboard(desktop, page_urls):
    page = desktop
    page.goto(page_urls["collection"])
    page.get_by_role("link", name=re.compile("^Præsentér")).click()
    counter = page.locator("[data-slide-counter]")
    expect(counter).to_have_text(re.compile(r"^1 / \d+$"))
    total = int(counter.inner_text().split("/")[1])
    assert total >= 3
    expect(page.locator(".slide:not([hidden])")).to_have_count(1)
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text(f"2 / {total}")
    page.screenshot(path=f"{SHOTS}/collection-present.png")
    page.keyboard.press("End")
    expect(counter).to_have_text(f"{total} / {total}")
    page.get_by_role("button", name="Forrige").click()
    expect(counter).to_have_text(f"{total - 1} / {total}")
    page.keyboard.press("Escape")
    page.wait_for_url(page_urls["collection"])


def test_the_handout_prints_one_item_a_sheet_with_qr_codes(desktop, page_urls, tmp_path):
    page = desktop
    page.goto(page_urls["collection"])
    page.get_by_role("link", name="Udskriv som handout").click()
    items = page.locator(".handout-item")
    count = items.count()
    assert count >= 3
    expect(page.locator(".handout-item svg")).to_have_count(count)
    expect(page.get_by_role("button", name="Udskriv")).to_be_visible()
    page.emulate_media(media="print")
    # One item a sheet: every item but the last ends its page, none is split.
    assert items.first.evaluate("e => getComputedStyle(e).breakAfter") == "page"
    assert items.first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    expect(page.get_by_role("button", name="Udskriv")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = pdf.read_bytes().count(b"/Type /Page\n") + pdf.read_bytes().count(b"/Type /Page\r")
    pages = pages or len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages >= count, (pages, count)
    page.screenshot(path=f"{SHOTS}/collection-handout-print.png", full_page=True)


def test_the_collection_exports_as_csv(desktop, page_urls):
    page = desktop
    page.goto(page_urls["collection"])
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som CSV").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.splitlines()[0] == (
        "position,kind,title,municipalities,methods,headline_indicator,headline_result,"
        "headline_period,curator_note,url"
    )
    assert len(text.splitlines()) >= 4
