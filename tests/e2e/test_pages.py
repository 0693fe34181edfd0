"""Every public page type: no sideways scrolling on a 320 or 390 px phone (WCAG 1.4.10
reflow), and no serious or critical axe-core finding. Screenshots of each (desktop and
phone) go to e2e-artifacts/screenshots/."""

import pytest
from conftest import AXE_RESULTS, PAGE_KINDS
from support import FAILING_IMPACTS, SCREENSHOTS, axe_report, run_axe, wider_than_viewport


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_sideways_scrolling_on_a_phone(phone, page_urls, kind, width):
    phone.set_viewport_size({"width": width, "height": 844})
    phone.goto(page_urls[kind])
    phone.screenshot(path=SCREENSHOTS / f"{kind}-{width}.png", full_page=True)
    scroll_width, client_width = phone.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, (
        f"{page_urls[kind]} is {scroll_width} px wide in a {client_width} px viewport; "
        f"too wide: {', '.join(wider_than_viewport(phone))}"
    )


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violations(desktop, page_urls, kind):
    desktop.goto(page_urls[kind])
    desktop.screenshot(path=SCREENSHOTS / f"{kind}-desktop.png", full_page=True)
    text = desktop.locator("body").inner_text()
    assert "{#" not in text and "{%" not in text, "template syntax shows on the page"
    violations = run_axe(desktop)
    AXE_RESULTS.append((kind, page_urls[kind], violations))
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, axe_report(kind, page_urls[kind], violations)
