"""The Content-Security-Policy in the browser: every public page type, the collection's
presentation and handout, search's suggestions and the evidence map's script run under
the strict policy (no inline script or style) without one violation; the admin runs
under its own policy, from the login page to the page editor.

The portal runs with the policy on (it is in every environment's settings); each test
checks the header first, so a policy that went missing cannot pass for a clean one.
"""

import re

import pytest
from conftest import PAGE_KINDS

# Recorded in the page itself, before any of its scripts run, and read back afterwards;
# the console is watched too ("Refused to …").
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} `
        + `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def watched(browser):
    """A page whose CSP violations (DOM events and console messages) are collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    context.set_default_timeout(15_000)
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )

    def violations() -> list[str]:
        return page.evaluate("() => window.__cspViolations") + console

    page.violations = violations
    yield page
    context.close()


def strict(response) -> str:
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, f"{response.url} has no strict policy: {policy!r}"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    return policy


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_public_pages_run_under_the_strict_policy_without_a_violation(watched, page_urls, kind):
    response = watched.goto(page_urls[kind])
    strict(response)
    watched.wait_for_load_state("load")
    # Every stylesheet applied: a blocked one would leave the page unstyled.
    assert watched.evaluate("() => document.styleSheets.length") >= 1
    assert watched.violations() == []


def test_search_suggestions_and_the_evidence_maps_script_run_under_the_strict_policy(
    watched, page_urls
):
    strict(watched.goto(page_urls["search_empty"]))
    # Suggestions are fetched and written into the field's <datalist> by a script.
    watched.locator("input[data-autocomplete]").fill("småj")
    watched.locator("datalist option").first.wait_for(state="attached")
    strict(watched.goto(page_urls["evidence_map"]))
    watched.get_by_label("Skjul metoder og indikatorer uden historier").uncheck()
    watched.wait_for_function("() => location.search.includes('hide_empty=0')")
    assert watched.violations() == []


def test_the_collections_presentation_and_handout_run_under_the_strict_policy(watched, page_urls):
    strict(watched.goto(page_urls["collection"] + "present/"))
    watched.keyboard.press("ArrowRight")
    assert watched.locator("[data-slide-counter]").inner_text().startswith("2 /")
    strict(watched.goto(page_urls["collection"] + "udskrift/"))
    assert watched.locator(".handout-item svg").count() >= 1
    assert watched.violations() == []


def test_the_charts_are_drawn_to_their_figures_without_style_attributes(watched, page_urls):
    strict(watched.goto(page_urls["method"]))
    assert watched.locator("main [style]").count() == 0
    # A bar's drawn width is its share of the track, as the figure beside it says.
    bars = watched.evaluate(
        """() => [...document.querySelectorAll('.chart__bar')].map(bar => {
            const track = bar.parentElement.getBoundingClientRect();
            return [bar.getBoundingClientRect().width / track.width * 100,
                    [...bar.classList].filter(c => c.startsWith('cw-')).join(' ')];
        })"""
    )
    assert bars
    places = {"t": 10, "u": 1, "d": 0.1}
    for drawn, classes in bars:
        expected = sum(places[c[3]] * int(c[4:]) for c in classes.split())
        assert drawn == pytest.approx(expected, abs=0.5), classes
    assert any(drawn > 1 for drawn, _ in bars)
    watched.locator(".chart").first.screenshot(path="e2e-artifacts/screenshots/chart-csp.png")
    assert watched.violations() == []


def test_the_admin_runs_under_its_own_policy(watched, portal, editor_passwords):
    page = watched
    response = page.goto(portal.url + "/admin/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "http" not in policy  # no other host, even in the admin
    page.get_by_label("Brugernavn").fill("mette")
    page.get_by_label("Adgangskode").fill(editor_passwords["mette"])
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(portal.url + "/admin/")
    page.goto(portal.url + "/admin/pages/search/?q=sm%C3%A5jobs")
    page.locator("a[href*='/edit/']").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.locator("[data-side-panel-toggle='preview']").click()
    page.locator("iframe[title]").first.wait_for()
    page.wait_for_timeout(1000)  # the preview loads in its frame
    assert page.violations() == []
