"""Fixtures of the browser tests (make test-e2e): the portal, Chromium, and the URL of
every public page type, found by following links from the home page."""

import tempfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import sync_playwright
from support import (
    ARTIFACTS,
    AXE_SCRIPT,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    IMPACTS,
    PHONE,
    SCREENSHOTS,
    Portal,
    axe_report,
)

# Every public page type, in the order a visitor meets them.
PAGE_KINDS = [
    "home",
    "stories_index",
    "region",
    "methods_index",
    "method",
    "story",
    "municipalities_index",
    "municipality",
    "municipality_without_stories",
    "collections_index",
    "collection",
    "evidence_map",
    "search_results",
    "search_empty",
    "not_found",
]
# axe results of every page, for the summary at the end: (kind, url, violations).
AXE_RESULTS: list[tuple[str, str, list[dict]]] = []


def pytest_configure(config):
    missing = [p for p in (Path(CHROMIUM), AXE_SCRIPT) if not p.exists()]
    if missing:
        raise pytest.UsageError(
            "The browser tests need "
            + " and ".join(str(p) for p in missing)
            + ": run them with `make test-e2e`, which installs both."
        )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def portal():
    server = Portal(Path(tempfile.mkdtemp(prefix="portal-e2e-"))).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _new_page(browser, viewport):
    # Danish, as the portal is for every browser (test_language.py has an English one).
    context = browser.new_context(viewport=viewport, locale="da-DK")
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def desktop(browser):
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context, page = _new_page(browser, PHONE)
    yield page
    context.close()


# The admin's editors in the journeys, each with the role create_consultant gives.
EDITORS = {
    "kim": ("--region", "1083"),  # a consultant in Region Syddanmark
    "mette": ("--moderator",),
    "ole": ("--curator",),
}


@pytest.fixture(scope="session")
def editor_passwords(portal) -> dict[str, str]:
    """The editors, made once with create_consultant as an operator makes them."""
    return {username: portal.create_editor(username, *role) for username, role in EDITORS.items()}


@pytest.fixture
def editor(browser, portal, editor_passwords):
    """An editor logged in through the admin's login page, in a browser context of their
    own (so two editors can take turns): `page = editor("kim")`."""
    contexts = []

    def log_in(username: str):
        context, page = _new_page(browser, DESKTOP)
        contexts.append(context)
        page.goto(portal.url + "/admin/login/")
        page.get_by_label("Brugernavn").fill(username)
        page.get_by_label("Adgangskode").fill(editor_passwords[username])
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_url(portal.url + "/admin/")
        return page

    yield log_in
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def page_urls(portal, browser) -> dict[str, str]:
    """One URL of each page type, found as a visitor finds them: by following links."""
    context, page = _new_page(browser, DESKTOP)
    urls = {"home": portal.url + "/"}

    def href(locator) -> str:
        return urljoin(page.url, locator.first.get_attribute("href"))

    def visit(url: str, status: int = 200) -> None:
        response = page.goto(url)
        assert response.status == status, f"{url} answered {response.status}"

    visit(urls["home"])
    menu = page.get_by_role("navigation", name="Hovedmenu")
    for kind, name in [
        ("stories_index", "Historier"),
        ("methods_index", "Metoder"),
        ("municipalities_index", "Kommuner"),
        ("collections_index", "Samlinger"),
        ("evidence_map", "Evidenskort"),
    ]:
        urls[kind] = href(menu.get_by_role("link", name=name, exact=True))
    urls["region"] = href(page.locator(".region-tiles a"))

    # A method with measured results (a filled cell in its row of the evidence map), and
    # a story from its comparison table: pages with charts and tables to lay out.
    visit(urls["evidence_map"])
    urls["method"] = href(page.locator("tr:has(td.evidence-cell a) th.evidence-map__method a"))
    visit(urls["method"])
    urls["story"] = href(page.locator(".comparison-table tbody a[href*='/historier/']"))

    visit(urls["story"])
    urls["municipality"] = href(
        page.locator("main a[href*='/kommuner/']:not([href$='/kommuner/'])")
    )

    # A municipality without stories: one listed without a count of stories.
    visit(urls["municipalities_index"])
    urls["municipality_without_stories"] = href(
        page.locator("main .plain-list li:not(:has(.count)) > a")
    )

    visit(urls["collections_index"])
    urls["collection"] = href(page.locator("main .card__title a"))

    visit(urls["home"])
    for kind, words in [("search_results", "småjobs"), ("search_empty", "zyxqvw")]:
        # The page's own search form; the header's is "Søg på hele sitet".
        form = page.get_by_role("search", name="Søg i historierne")
        form.locator("input[type=search]").fill(words)  # a combobox where it suggests
        with page.expect_navigation():
            form.get_by_role("button", name="Søg").click()
        urls[kind] = page.url
    urls["not_found"] = urljoin(portal.url, "/denne-side-findes-ikke/")

    for kind in PAGE_KINDS:
        visit(urls[kind], 404 if kind == "not_found" else 200)
    context.close()
    return urls


def pytest_terminal_summary(terminalreporter):
    if not AXE_RESULTS:
        return
    counts = {impact: 0 for impact in IMPACTS}
    for _, _, violations in AXE_RESULTS:
        for violation in violations:
            counts[violation["impact"] or "minor"] += 1
    report = "\n".join(axe_report(*result) for result in AXE_RESULTS)
    (ARTIFACTS / "axe-report.txt").write_text(report + "\n")
    terminalreporter.section("axe-core")
    terminalreporter.write_line(report)
    terminalreporter.write_line(
        "Rules violated, by impact: "
        + ", ".join(f"{impact} {counts[impact]}" for impact in IMPACTS)
        + f". Screenshots: {SCREENSHOTS.relative_to(SCREENSHOTS.parents[1])}/"
    )
