"""Search that answers as you tick (issue 10): a ticked filter or a new sort shows its
results at once, the address follows, the count is announced and focus stays on the
checkbox; a late answer never overwrites a newer one; a failed fetch loads the page;
without JavaScript the button sends the form; on a phone the filters fold into
"Afgræns (n)" after the result count."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from support import FAILING_IMPACTS, run_axe, wider_than_viewport

SEARCH = "/search/?q=sm%C3%A5jobs"


def open_search(page, portal, query: str = SEARCH) -> None:
    page.goto(portal.url + query)
    expect(page.locator(".result-list > li").first).to_be_visible()
    # Set on this document only: still there after a tick means the page was not reloaded.
    page.evaluate("window.sameDocument = true")


def facet_box(page, facet: str, index: int = 0):
    return page.get_by_role("group", name=facet).get_by_role("checkbox").nth(index)


def count_beside(page, box) -> int:
    """The number of stories a facet value promises, "(n)" in its label."""
    label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
    return int(re.search(r"\((\d+)\)", label).group(1))


def the_box(page, name: str, value: str):
    return page.locator(f"input[type=checkbox][name='{name}'][value='{value}']")


def shown_results(page) -> tuple[str, list[str]]:
    """The count's heading and the titles of the stories listed."""
    return (
        page.locator("#resultater").inner_text(),
        page.locator(".result-list .card__title").all_inner_texts(),
    )


def fresh_load(browser, url: str) -> tuple[str, list[str]]:
    """The same address opened in a new browser, as a colleague opens a shared link."""
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.goto(url)
    shown = shown_results(page)
    context.close()
    return shown


def test_a_tick_shows_its_results_at_once(desktop, portal, browser):
    page = desktop
    open_search(page, portal)
    expect(page.get_by_role("button", name="Vis historier")).to_be_hidden()
    expect(page.get_by_role("button", name="Sortér")).to_be_hidden()
    status = page.get_by_role("status")
    expect(status).to_have_text("")

    box = facet_box(page, "Region")
    name, value = box.get_attribute("name"), box.get_attribute("value")
    expected = count_beside(page, box)
    box.focus()
    page.keyboard.press("Space")

    expect(page).to_have_url(re.compile(rf"[?&]{name}={value}(&|$)"))
    expect(page.locator("#resultater")).to_have_text(re.compile(rf"^{expected} histori"))
    expect(page.locator(".result-list > li")).to_have_count(min(expected, 20))
    expect(status).to_have_text(page.locator("#resultater").inner_text())
    expect(the_box(page, name, value)).to_be_focused()
    expect(the_box(page, name, value)).to_be_checked()
    expect(page.get_by_role("list", name="Valgte filtre")).to_be_visible()
    assert page.evaluate("window.sameDocument") is True
    # The address is the search: opened afresh it shows the same.
    assert parse_qs(urlsplit(page.url).query)["q"] == ["småjobs"]
    assert fresh_load(browser, page.url) == shown_results(page)
    # The header's search field keeps the filter for the next words.
    hidden = page.locator("form.hero-search input[type=hidden]")
    assert [(h.get_attribute("name"), h.get_attribute("value")) for h in hidden.all()] == [
        (name, value)
    ]

    # Untick: back to every result, focus still on the box.
    page.keyboard.press("Space")
    expect(page).not_to_have_url(re.compile(rf"[?&]{name}="))
    expect(the_box(page, name, value)).to_be_focused()
    expect(the_box(page, name, value)).not_to_be_checked()
    expect(page.get_by_role("list", name="Valgte filtre")).to_have_count(0)
    assert page.evaluate("window.sameDocument") is True


def test_a_new_sort_applies_at_once_and_a_tick_keeps_it(desktop, portal, browser):
    page = desktop
    open_search(page, portal)
    sort = page.get_by_label("Sortér efter")
    sort.focus()
    sort.select_option("newest")
    expect(page).to_have_url(re.compile(r"[?&]sort=newest"))
    expect(sort).to_be_focused()
    expect(page.get_by_role("status")).not_to_have_text("")
    assert fresh_load(browser, page.url) == shown_results(page)

    facet_box(page, "Metode").check()
    expect(page).to_have_url(re.compile(r"[?&]method="))
    assert "sort=newest" in page.url
    assert fresh_load(browser, page.url) == shown_results(page)
    assert page.evaluate("window.sameDocument") is True


def test_a_late_answer_never_overwrites_a_newer_one(desktop, portal, browser):
    page = desktop
    open_search(page, portal)
    held, failed = [], []
    page.on("requestfailed", lambda request: failed.append(request.url))

    def hold_the_first(route):
        if route.request.resource_type == "fetch" and not held:
            held.append(route)  # answered only after the second tick's answer is shown
        else:
            route.continue_()

    page.route(re.compile(r"/search/\?"), hold_the_first)
    first, second = facet_box(page, "Region", 0), facet_box(page, "Region", 1)
    first.check()
    page.wait_for_function("() => document.querySelector('.results[aria-busy=true]')")
    assert len(held) == 1
    second_value = second.get_attribute("value")
    second.check()
    expect(page).to_have_url(re.compile(rf"region={second_value}"))
    expect(page.locator(".results")).not_to_have_attribute("aria-busy", "true")
    # The first request was given up the moment the second was sent.
    assert failed == [held[0].request.url]
    try:
        held[0].continue_()
    except Exception:  # noqa: BLE001 - the browser has already dropped the request
        pass
    page.unroute(re.compile(r"/search/\?"))
    assert fresh_load(browser, page.url) == shown_results(page)
    assert page.url.count("region=") == 2


def test_ticks_in_quick_succession_end_with_the_last(desktop, portal, browser):
    page = desktop
    open_search(page, portal)
    boxes = [facet_box(page, "Metode", 0), facet_box(page, "Region", 0), facet_box(page, "År", 0)]
    values = [(b.get_attribute("name"), b.get_attribute("value")) for b in boxes]
    # Ticked by script in one go, faster than any answer comes back.
    page.evaluate(
        """boxes => boxes.forEach(([name, value]) => document.querySelector(
            `input[type=checkbox][name='${name}'][value='${value}']`).click())""",
        values,
    )
    for name, value in values:
        expect(page).to_have_url(re.compile(rf"[?&]{name}={value}(&|$)"))
    expect(page.locator(".results")).not_to_have_attribute("aria-busy", "true")
    for name, value in values:
        expect(the_box(page, name, value)).to_be_checked()
    assert fresh_load(browser, page.url) == shown_results(page)
    assert page.evaluate("window.sameDocument") is True


def test_a_failed_fetch_loads_the_page_instead(desktop, portal):
    page = desktop
    open_search(page, portal)
    page.route(
        re.compile(r"/search/\?"),
        lambda route: (
            route.abort() if route.request.resource_type == "fetch" else route.continue_()
        ),
    )
    box = facet_box(page, "Region")
    value = box.get_attribute("value")
    with page.expect_navigation():
        box.check()
    assert f"region={value}" in page.url
    expect(the_box(page, "region", value)).to_be_checked()
    assert page.evaluate("window.sameDocument") is None


def test_without_javascript_the_button_sends_the_form(browser, portal):
    context = browser.new_context(java_script_enabled=False, locale="da-DK", viewport=None)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(portal.url + SEARCH)
    box = facet_box(page, "Region")
    expect(box).to_be_visible()  # the filters show beside the results, fold or no fold
    expect(page.locator(".facets-fold > summary")).to_be_hidden()
    expected = count_beside(page, box)
    box.check()
    assert "region=" not in page.url
    page.get_by_role("button", name="Vis historier").click()
    page.wait_for_url(re.compile(r"[?&]region="))
    expect(page.locator("#resultater")).to_have_text(re.compile(rf"^{expected} histori"))
    page.get_by_label("Sortér efter").select_option("newest")
    assert "sort=" not in page.url
    page.get_by_role("button", name="Sortér").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    assert "region=" in page.url
    context.close()


def test_on_a_phone_the_filters_fold_after_the_count(phone, portal):
    page = phone
    open_search(page, portal)
    summary = page.locator("summary", has_text="Afgræns")
    count = page.locator("#resultater")
    first_result = page.locator(".result-list > li").first
    expect(summary).to_be_visible()
    expect(facet_box(page, "Region")).to_be_hidden()
    assert count.bounding_box()["y"] < summary.bounding_box()["y"]
    assert summary.bounding_box()["y"] < first_result.bounding_box()["y"]
    # The first story starts on the first screen.
    assert first_result.bounding_box()["y"] < page.viewport_size["height"]

    summary.focus()
    page.keyboard.press("Enter")
    box = facet_box(page, "Region")
    expect(box).to_be_visible()
    value = box.get_attribute("value")
    box.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(rf"region={value}"))
    expect(summary).to_have_text(re.compile(r"^Afgræns \(1"))
    expect(the_box(page, "region", value)).to_be_focused()
    # Opened afresh, the fold says how many filters are chosen and stays closed.
    page.goto(page.url)
    expect(summary).to_have_text(re.compile(r"^Afgræns \(1"))
    expect(facet_box(page, "Region")).to_be_hidden()


def test_on_a_wide_screen_the_filters_stay_in_view(desktop, portal):
    page = desktop
    open_search(page, portal)
    expect(page.locator(".facets-fold > summary")).to_be_hidden()
    box = facet_box(page, "Region")
    expect(box).to_be_visible()
    # Beside the results, left of them.
    assert box.bounding_box()["x"] < page.locator("#resultater").bounding_box()["x"]


@pytest.mark.parametrize("width", [320, 390])
def test_no_sideways_scroll_on_a_phone(browser, portal, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="da-DK")
    page = context.new_page()
    open_search(page, portal, SEARCH + "&region=1083")
    assert wider_than_viewport(page) == []
    page.locator("summary", has_text="Afgræns").click()
    expect(facet_box(page, "Region")).to_be_visible()
    assert wider_than_viewport(page) == []
    context.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_axe_finds_nothing_serious_after_a_tick(request, portal, device):
    page = request.getfixturevalue(device)
    open_search(page, portal)
    if device == "phone":
        page.locator("summary", has_text="Afgræns").click()
    box = facet_box(page, "Region")
    box.check()
    expect(page).to_have_url(re.compile(r"region="))
    expect(page.get_by_role("status")).not_to_have_text("")
    serious = [v for v in run_axe(page) if v["impact"] in FAILING_IMPACTS]
    assert serious == [], serious
