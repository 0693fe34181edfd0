"""Tables and charts at every width (issue 10): wide tables scroll in their own labelled
region with the first column in view, a story's results are cards on a phone, chart text
is at least 12 px, the comparison's key columns are in view on a laptop, and a printed
table is whole."""

import pytest
from conftest import PAGE_KINDS

LAPTOP = {"width": 1366, "height": 768}
# An A4 sheet's printable width at 96 px per inch with 1.5 cm margins.
A4_PRINTABLE = {"width": 718, "height": 1000}


def chart_font_sizes(page) -> list[float]:
    """The font size on screen of every element in a chart that shows text of its own;
    text in an SVG shrinks with the SVG, so its size is scaled as the SVG is drawn."""
    return page.evaluate(
        """() => [...document.querySelectorAll(".chart *")]
            .filter(el => el.getClientRects().length
                && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(el => parseFloat(getComputedStyle(el).fontSize)
                * (el instanceof SVGGraphicsElement ? el.getScreenCTM().a : 1))"""
    )


@pytest.mark.parametrize("width", [390, 1366])
def test_chart_text_is_at_least_12px(browser, page_urls, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="da-DK")
    page = context.new_page()
    page.goto(page_urls["method"])
    sizes = chart_font_sizes(page)
    context.close()
    assert sizes, "the method page has no chart to measure"
    assert min(sizes) >= 12, f"chart text as small as {min(sizes)} px at {width} px"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_interactive_element_inside_an_image(desktop, page_urls, kind):
    desktop.goto(page_urls[kind])
    inside = desktop.locator(
        ":is([role=img], svg) :is(a, button, input, select, textarea, [tabindex])"
    )
    assert inside.count() == 0


def test_wide_tables_scroll_in_their_own_labelled_region(phone, page_urls):
    for kind in ("method", "story", "evidence_map"):
        phone.goto(page_urls[kind])
        regions = phone.locator(".table-scroll")
        assert regions.count() > 0, kind
        for index in range(regions.count()):
            region = regions.nth(index)
            assert region.get_attribute("role") == "region", kind
            assert (region.get_attribute("aria-label") or "").strip(), kind
            assert region.get_attribute("tabindex") == "0", kind


def test_the_comparison_keeps_its_first_column_in_view_when_scrolled(phone, page_urls):
    phone.goto(page_urls["method"])
    region = phone.locator(".table-scroll:has(.comparison-table)")
    region.scroll_into_view_if_needed()
    first_cell = region.locator("tbody tr").first.locator(":scope > *").first
    assert first_cell.evaluate("el => el.tagName") == "TH"
    left_before = first_cell.bounding_box()["x"]
    scrolled = region.evaluate("el => { el.scrollLeft = 300; return el.scrollLeft; }")
    assert scrolled > 0, "the comparison should scroll sideways on a phone"
    assert first_cell.bounding_box()["x"] == pytest.approx(left_before, abs=1)


def test_a_storys_results_are_cards_on_a_phone(phone, page_urls):
    phone.goto(page_urls["story"])
    rows = phone.locator(".story-outcomes tbody tr")
    assert rows.count() > 0
    width = phone.evaluate("() => document.documentElement.clientWidth")
    for index in range(rows.count()):
        row = rows.nth(index)
        assert row.evaluate("el => getComputedStyle(el).display") == "block"
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # The region does not scroll: every card fits.
    region = phone.locator(".story-outcomes .table-scroll")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")
    labels = rows.first.locator("td[data-label]")
    assert labels.first.evaluate("el => getComputedStyle(el, '::before').content") != "none"


def test_the_comparison_shows_municipality_result_and_story_on_a_laptop(browser, page_urls):
    context = browser.new_context(viewport=LAPTOP, locale="da-DK")
    page = context.new_page()
    page.goto(page_urls["method"])
    region = page.locator(".table-scroll:has(.comparison-table)")
    visible = region.bounding_box()
    headings = region.locator("thead th")
    names = [headings.nth(i).inner_text().strip() for i in range(3)]
    boxes = [headings.nth(i).bounding_box() for i in range(3)]
    context.close()
    assert [name.split(" ")[0].casefold() for name in names] == [
        "kommune",
        "resultat",
        "historie",
    ]
    for name, box in zip(names, boxes, strict=True):
        assert box["x"] >= visible["x"] - 1, name
        assert box["x"] + box["width"] <= visible["x"] + visible["width"] + 1, name


@pytest.mark.parametrize("kind", ["method", "story"])
def test_printed_tables_show_every_column(browser, page_urls, kind):
    context = browser.new_context(viewport=A4_PRINTABLE, locale="da-DK")
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(page_urls[kind])
    cut_off = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll(".table-scroll")].flatMap(region => {
                if (!region.getClientRects().length) return [];  // in a closed <details>
                const cells = [...region.querySelectorAll("thead th")];
                const past = cells.filter(th => th.getBoundingClientRect().right > width + 1
                    || th.getBoundingClientRect().right
                        > region.getBoundingClientRect().right + 1);
                const hidden = region.scrollWidth > region.clientWidth + 1;
                return past.length || hidden
                    ? [`${region.getAttribute("aria-label")}: `
                       + past.map(th => th.innerText.trim()).join(", ")
                       + (hidden ? ` (${region.scrollWidth} px in ${region.clientWidth} px)` : "")]
                    : [];
            });
        }"""
    )
    columns = page.locator(".comparison-table thead th, .story-outcomes thead th").count()
    context.close()
    assert columns > 0
    assert not cut_off, f"cut off in print: {cut_off}"
