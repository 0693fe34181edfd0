"""The evidence map in a browser (issue 10): it grows with the page, with no box of its own
to scroll up and down in, and its column header stays at the top of the window, also
when the table is wider than the window and scrolls sideways in its region; "Skjul
tomme" works with and without JavaScript; a phone gets a list."""

from urllib.parse import parse_qs, urlsplit

import pytest
from support import FAILING_IMPACTS, SCREENSHOTS, axe_report, run_axe, wider_than_viewport

LAPTOP = {"width": 1366, "height": 900}
# Wider than a phone, narrower than the whole table: it scrolls sideways in its region.
NARROW = {"width": 800, "height": 900}

ROWS = "table.evidence-map tbody tr"


def open_map(browser, page_urls, viewport, query: str = "", javascript: bool = True):
    context = browser.new_context(viewport=viewport, locale="da-DK", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(page_urls["evidence_map"] + query)
    return context, page


def visible_count(page, selector: str) -> int:
    return page.evaluate(
        "s => [...document.querySelectorAll(s)].filter(el => el.getClientRects().length).length",
        selector,
    )


def header_and_rows(page) -> dict:
    """Where the column header and the body rows are in the window now."""
    return page.evaluate(
        """() => {
            const table = document.querySelector("table.evidence-map");
            const head = table.tHead.rows[0].cells[1].getBoundingClientRect();
            const rows = [...table.tBodies[0].rows].filter(r => r.getClientRects().length);
            return {
                headTop: head.top, headBottom: head.bottom,
                rows: rows.map(r => ({top: r.getBoundingClientRect().top,
                                      bottom: r.getBoundingClientRect().bottom})),
                viewport: window.innerHeight,
            };
        }"""
    )


def test_every_method_is_reached_by_scrolling_the_page_under_a_sticky_header(browser, page_urls):
    context, page = open_map(browser, page_urls, LAPTOP, "?hide_empty=0")
    region = page.locator(".evidence-scroll")
    # No box of its own to scroll up and down in: the page is the only scrollbar.
    assert region.evaluate("el => el.scrollHeight <= el.clientHeight + 1")
    assert page.evaluate("() => document.documentElement.scrollHeight > window.innerHeight")
    rows = page.locator(ROWS)
    # More than the 12 of 22 that the old box showed at this size.
    assert rows.count() > 12
    seen = set()
    for index in range(rows.count()):
        row = rows.nth(index)
        # Scroll the page (not the region) until the row is just under the header.
        page.evaluate(
            """row => {
                const head = document.querySelector("table.evidence-map thead th");
                window.scrollBy(0, row.getBoundingClientRect().top
                                   - head.getBoundingClientRect().height - 4);
            }""",
            row.element_handle(),
        )
        page.wait_for_timeout(50)
        where = header_and_rows(page)
        box = row.bounding_box()
        # The header is at the top of the window and the row below it, in view.
        assert -1 <= where["headTop"] <= 3, where["headTop"]
        assert box["y"] >= where["headBottom"] - 1
        assert box["y"] + box["height"] <= where["viewport"] + 1
        # Nothing covers the row: the point in its middle is the row's own.
        center = page.evaluate(
            """row => { const b = row.getBoundingClientRect();
                return row.contains(document.elementFromPoint(b.left + 60,
                                                              b.top + b.height / 2)); }""",
            row.element_handle(),
        )
        assert center, f"row {index} is covered"
        seen.add(index)
    assert len(seen) == rows.count()
    page.screenshot(path=SCREENSHOTS / "evidence-map-scrolled-1366.png")
    context.close()


def test_the_header_stays_in_view_when_the_table_scrolls_sideways(browser, page_urls):
    context, page = open_map(browser, page_urls, NARROW, "?hide_empty=0")
    region = page.locator(".evidence-scroll")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), (
        "at 800 px the whole map is wider than the page"
    )
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), wider_than_viewport(page)
    last = page.locator(ROWS).last
    last.scroll_into_view_if_needed()
    page.wait_for_timeout(100)
    where = header_and_rows(page)
    assert -1 <= where["headTop"] <= 3, where
    assert where["rows"][-1]["top"] >= where["headBottom"] - 1
    # Sideways: the method column stays, and the header moves with its columns.
    method = last.locator("th").first
    x_before = method.bounding_box()["x"]
    region.evaluate("el => { el.scrollLeft = 250; }")
    page.wait_for_timeout(100)
    assert method.bounding_box()["x"] == pytest.approx(x_before, abs=1)
    aligned = page.evaluate(
        """() => {
            const table = document.querySelector("table.evidence-map");
            const last = [...table.tBodies[0].rows].at(-1);
            return [...table.tHead.rows[0].cells].slice(1).map((th, i) =>
                Math.abs(th.getBoundingClientRect().left
                         - last.cells[i + 1].getBoundingClientRect().left));
        }"""
    )
    assert max(aligned) <= 1, aligned
    # And back up the page: the header goes back to the table's top.
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(100)
    table_top = page.locator("table.evidence-map").bounding_box()["y"]
    assert header_and_rows(page)["headTop"] == pytest.approx(table_top + 2, abs=2)
    page.screenshot(path=SCREENSHOTS / "evidence-map-800.png")
    context.close()


def test_skjul_tomme_hides_empty_rows_and_columns_at_once_and_in_the_address(browser, page_urls):
    context, page = open_map(browser, page_urls, LAPTOP)
    toggle = page.get_by_label("Skjul metoder og indikatorer uden historier")
    assert toggle.is_checked(), "on by default"
    filled = page.locator(f"{ROWS}:not(.evidence-map__empty-row)").count()
    all_rows = page.locator(ROWS).count()
    assert 0 < filled < all_rows
    assert visible_count(page, ROWS) == filled
    columns = page.locator("table.evidence-map thead th").count()
    hidden_columns = page.locator("thead th.evidence-map__empty-column").count()
    assert hidden_columns > 0
    assert visible_count(page, "table.evidence-map thead th") == columns - hidden_columns
    url = page.url

    toggle.uncheck()
    assert visible_count(page, ROWS) == all_rows
    assert visible_count(page, "table.evidence-map thead th") == columns
    assert parse_qs(urlsplit(page.url).query)["hide_empty"] == ["0"]
    assert page.get_by_role("status").inner_text().startswith("Viser alle")
    # The address holds the choice: a reload shows the same.
    page.reload()
    assert not page.get_by_label("Skjul metoder og indikatorer uden historier").is_checked()
    assert visible_count(page, ROWS) == all_rows

    page.get_by_label("Skjul metoder og indikatorer uden historier").check()
    assert visible_count(page, ROWS) == filled
    assert page.url == url
    context.close()


def test_skjul_tomme_works_without_javascript(browser, page_urls):
    context, page = open_map(browser, page_urls, LAPTOP, javascript=False)
    all_rows = page.locator(ROWS).count()
    filled = visible_count(page, ROWS)
    assert filled < all_rows
    page.get_by_label("Skjul metoder og indikatorer uden historier").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Vis", exact=True).click()
    assert parse_qs(urlsplit(page.url).query)["hide_empty"] == ["0"]
    assert visible_count(page, ROWS) == all_rows
    page.get_by_label("Skjul metoder og indikatorer uden historier").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Vis", exact=True).click()
    assert visible_count(page, ROWS) == filled
    context.close()


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("query", ["", "?hide_empty=0"])
def test_a_phone_gets_a_list_by_method_and_no_sideways_scrolling(browser, page_urls, width, query):
    context, page = open_map(browser, page_urls, {"width": width, "height": 844}, query)
    assert not page.locator("table.evidence-map").is_visible()
    methods = page.locator("ul.evidence-list > li")
    assert visible_count(page, "ul.evidence-list > li") > 0
    shown = [methods.nth(i) for i in range(methods.count()) if methods.nth(i).is_visible()]
    # Every filled cell of the table is a line of the list, linked to its stories.
    cells = page.locator("td.evidence-cell a").count()
    lines = sum(m.locator(".evidence-list__indicators li").count() for m in shown)
    assert lines == cells
    first = page.locator(".evidence-list__indicators a[href*='/search/?']").first
    assert first.is_visible()
    assert "historie" in first.inner_text()
    scroll_width, client_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, wider_than_viewport(page)
    page.screenshot(path=SCREENSHOTS / f"evidence-map-list-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize(
    "viewport,query",
    [(LAPTOP, "?hide_empty=0"), (NARROW, ""), ({"width": 390, "height": 844}, "")],
)
def test_no_serious_accessibility_violations(browser, page_urls, viewport, query):
    context, page = open_map(browser, page_urls, viewport, query)
    violations = run_axe(page)
    context.close()
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, axe_report("evidence_map", page_urls["evidence_map"] + query, violations)


def test_the_whole_map_is_printed(browser, page_urls):
    # An A4 sheet's printable width at 96 px per inch with 1.5 cm margins.
    context, page = open_map(browser, page_urls, {"width": 718, "height": 1000})
    page.emulate_media(media="print")
    page.goto(page_urls["evidence_map"] + "?hide_empty=0")
    region = page.locator(".evidence-scroll")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert page.locator("table.evidence-map").bounding_box()["width"] <= 718
    assert visible_count(page, ROWS) == page.locator(ROWS).count()
    assert not page.locator("ul.evidence-list").is_visible()
    context.close()
