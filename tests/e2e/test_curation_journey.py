"""A conference organiser (a curator) puts a collection together in the admin, orders
its stories by keyboard and by dragging, publishes it, and then presents it, prints its
handout and downloads it as CSV and as story files."""

import csv
import re
import zipfile
from urllib.parse import unquote

from playwright.sync_api import expect
from support import SCREENSHOTS, choose_in_modal, let_autosave_finish

# Three demo stories, each found in the page chooser by a word of its title.
STORIES = {
    "Varde": "Varde begynder med en kop kaffe og trapper langsomt op",
    "Esbjerg": "Esbjerg samler Ny chance til alle-medarbejderne i tværgående teams",
    "Vejle": "Vejle skaber småjobs i virksomhederne i stedet for praktik",
}
VARDE, ESBJERG, VEJLE = STORIES.values()


def item_with(page, title: str):
    """The editor's item (an InlinePanel child) that holds this story."""
    return page.locator("[data-inline-panel-child]").filter(has=page.get_by_text(title, exact=True))


def drag_above(page, handle, target) -> None:
    """Drag by a handle, with the mouse, to just inside the top of the target (the way
    SortableJS, which Wagtail's InlinePanel uses, places an item before another)."""
    handle.hover()
    page.mouse.down()
    box = target.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + 2
    page.mouse.move(x, y, steps=20)
    # SortableJS animates each swap (200 ms) and places the item on the next dragover
    # after it; a browser repeats dragover while the mouse rests, Playwright does not.
    for nudge in (1, 0, 1, 0):
        page.wait_for_timeout(250)
        page.mouse.move(x, y + nudge)
    page.mouse.up()


def test_an_organiser_curates_orders_publishes_and_presents_a_collection(editor, page_urls):
    page = editor("ole")
    page.get_by_role("button", name="Sider").click()
    page.get_by_role("link", name="Samlinger", exact=True).click()
    page.get_by_role("link", name="Tilføj en underside").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/curation/collectionpage/\d+/"))

    page.locator("#id_title").fill("Kaffe, småjobs og Ny chance")
    page.locator("#id_intro").fill("Tre historier fra Sydvestjylland til eftermiddagens værksted.")
    page.locator("#id_event_name").fill("Den gode histories dag 2027")
    page.locator("#id_event_date").fill("2027-03-18")
    page.locator("#id_event_date").press("Tab")  # closes the date picker
    page.locator("#id_event_place").fill("Kolding")
    page.locator("#id_curator").fill("Beskæftigelsesregion Syddanmark")

    # Three items, each a story from the page chooser with a note.
    for number, (word, title) in enumerate(STORIES.items()):
        page.get_by_role("button", name="Tilføj punkt").click()
        item = page.locator(f"#inline_child_items-{number}")
        item.get_by_role("button", name="Vælg en side (Historie)").click()
        choose_in_modal(page, word, title)
        item.locator(f"#id_items-{number}-note").fill(f"Note {number + 1}: spørg til {word}.")
    # The chosen stories' titles, in the order the editor shows the items.
    order = page.locator("[id^='id_items-'][id$='-story-title']")
    expect(order).to_have_text([VARDE, ESBJERG, VEJLE])

    # Folded, the three items fit on the screen, as one would reorder them.
    for title in STORIES.values():
        item_with(page, title).get_by_role("button", name="Fold sektionen ud/ind").click()

    # By keyboard: Vejle up with Enter, then Varde down with Space.
    item_with(page, VEJLE).get_by_role("button", name="Flyt op").focus()
    page.keyboard.press("Enter")
    expect(order).to_have_text([VARDE, VEJLE, ESBJERG])
    item_with(page, VARDE).get_by_role("button", name="Flyt ned").focus()
    page.keyboard.press("Space")
    expect(order).to_have_text([VEJLE, VARDE, ESBJERG])

    # By dragging Esbjerg's handle above the first item.
    drag_above(
        page,
        item_with(page, ESBJERG).get_by_role("button", name="Træk"),
        item_with(page, VEJLE).get_by_role("button", name="Træk"),
    )
    expect(order).to_have_text([ESBJERG, VEJLE, VARDE])
    for title in STORIES.values():
        item_with(page, title).get_by_role("button", name="Fold sektionen ud/ind").click()
    item_with(page, ESBJERG).scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "curation-1-editor-reordered.png")

    let_autosave_finish(page)
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Udgiv").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    # The public collection, found as a visitor finds it, in the new order.
    page.goto(page_urls["collections_index"])
    page.get_by_role("link", name="Kaffe, småjobs og Ny chance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaffe, småjobs og Ny chance")
    collection_url = page.url
    slug = unquote(collection_url.rstrip("/").rsplit("/", 1)[1])
    expect(page.locator("main .card__title")).to_have_text([ESBJERG, VEJLE, VARDE])
    expect(page.locator("main")).to_contain_text("Beskæftigelsesregion Syddanmark")
    page.screenshot(path=SCREENSHOTS / "curation-2-public-collection.png", full_page=True)

    # Presented from the keyboard: the title slide, then the items in order.
    page.get_by_role("link", name=re.compile("^Præsentér")).click()
    counter = page.locator("[data-slide-counter]")
    expect(counter).to_have_text("1 / 4")
    for number, title in enumerate([ESBJERG, VEJLE, VARDE], start=2):
        page.keyboard.press("ArrowRight")
        expect(counter).to_have_text(f"{number} / 4")
        expect(page.locator(".slide:not([hidden]) h2")).to_have_text(title)
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".slide:not([hidden]) h2")).to_have_text(VEJLE)
    page.screenshot(path=SCREENSHOTS / "curation-3-presenting.png")
    page.keyboard.press("Escape")
    page.wait_for_url(collection_url)

    # The handout, one item a sheet, in order.
    page.get_by_role("link", name="Udskriv som handout").click()
    expect(page.locator(".handout-item h2")).to_have_text([ESBJERG, VEJLE, VARDE])

    # The downloads.
    page.goto(collection_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [row["title"] for row in rows] == [ESBJERG, VEJLE, VARDE]
    assert [row["position"] for row in rows] == ["1", "2", "3"]
    assert rows[0]["curator_note"] == "Note 2: spørg til Esbjerg."

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som historiefiler (ZIP)").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = archive.namelist()
        collection_file = archive.read(f"collections/{slug}.yaml").decode("utf-8")
    assert len([name for name in names if name.startswith("stories/")]) == 3
    positions = [collection_file.index(f"story: {name}") for name in story_slugs(rows)]
    assert positions == sorted(positions), collection_file


def story_slugs(rows: list[dict]) -> list[str]:
    """The stories' slugs from their addresses in the CSV export, in its order."""
    return [unquote(row["url"].rstrip("/").rsplit("/", 1)[1]) for row in rows]
