"""The admin as a consultant's Danish browser draws it: the sidebar and the story editor,
which Wagtail's JavaScript draws, show none of Wagtail's English, and no page of it asks
an outside service for anything. What counts as English is defined once, in
tests/wagtail_english.py, for this test and the unit tests alike."""

import re

from tests.wagtail_english import english_texts, rejected_terms

SHOTS = "e2e-artifacts/screenshots"
USERNAME = "sprogtest"
PASSWORD = "en-lang-adgangskode-til-browsertesten"

# What a reader sees or hears: the text of every rendered element (screen-reader-only
# text included), and the aria-label, title and placeholder of rendered elements.
READABLE_TEXTS = """() => {
    const rendered = el => el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== "hidden";
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || ["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(parent.tagName)) {
            continue;
        }
        if (node.textContent.trim() && rendered(parent)) texts.push(node.textContent);
    }
    for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder]")) {
        if (!rendered(el)) continue;
        for (const name of ["aria-label", "title", "placeholder"]) {
            if (el.getAttribute(name)) texts.push(el.getAttribute(name));
        }
    }
    return texts;
}"""


def test_a_consultant_sees_the_sidebar_and_the_editor_in_danish(desktop, portal):
    portal.manage("create_consultant", USERNAME, "--region", "1083", "--password", PASSWORD)
    page = desktop
    outside = []
    page.context.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if request.url.startswith("http") and not request.url.startswith(portal.url)
            else None
        ),
    )
    seen: dict[str, list[str]] = {}

    def read(step: str) -> None:
        page.wait_for_timeout(300)  # menus and panels open with a short transition
        seen[step] = page.evaluate(READABLE_TEXTS)

    page.goto(portal.url + "/admin/login/")
    read("login")
    page.get_by_label("Brugernavn").fill(USERNAME)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(portal.url + "/admin/")
    read("dashboard")
    page.screenshot(path=f"{SHOTS}/admin-dashboard.png")

    # Every menu of the sidebar (the page explorer, submenus, the account), one at a time.
    sidebar = page.locator("#wagtail-sidebar")
    menus = "button.sidebar-menu-item__link[type=button], button.sidebar-footer__account"
    for index, text in enumerate(sidebar.locator(menus).all_inner_texts()):
        name = text.strip().splitlines()[0]  # "Hjælp" of "Hjælp 2 (2 nye punkter …)"
        menu = sidebar.locator(menus).filter(has_text=name).first
        menu.click()
        read(f"sidebar: {name}")
        page.screenshot(path=f"{SHOTS}/admin-sidebar-{index}.png")
        menu.click()  # closes it again

    page.get_by_role("link", name=re.compile("^Ny historie i")).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/stories/storypage/\d+/"))
    read("editor")
    page.screenshot(path=f"{SHOTS}/admin-editor.png")

    # The body's StreamField: the menu of blocks to add.
    page.locator("button.c-sf-add-button").first.click()
    read("editor: add block")
    page.screenshot(path=f"{SHOTS}/admin-editor-blocks.png")
    page.keyboard.press("Escape")

    # "Inspireret af": an InlinePanel of stories, each chosen in Wagtail's page chooser.
    page.get_by_role("button", name="Tilføj historie").click()
    page.locator(".modal.in").wait_for()
    read("editor: page chooser")
    page.screenshot(path=f"{SHOTS}/admin-page-chooser.png")
    page.locator(".modal.in button.close").click()

    # An outcome added on the "Resultater" tab: the InlinePanel's buttons.
    page.get_by_role("tab", name="Resultater").click()
    page.get_by_role("button", name="Tilføj resultat").click()
    read("editor: outcome added")
    page.screenshot(path=f"{SHOTS}/admin-editor-outcome.png")

    page.get_by_role("button", name="Flere handlinger").click()
    read("editor: actions")
    page.keyboard.press("Escape")
    for panel in ("Vis/skjul status", "Vis/skjul tjek", "Vis/skjul kommentarer"):
        page.get_by_role("button", name=panel).click()
        read(f"editor: {panel}")

    found = {step: english_texts(texts) + rejected_terms(texts) for step, texts in seen.items()}
    assert found == dict.fromkeys(seen, [])
    assert outside == []
