"""A browser set to English gets the portal in Danish; the footer's link gives English,
which stays as the reader moves on, with the Danish stories marked lang="da"."""

from support import DESKTOP


def test_an_english_browser_gets_danish_and_the_switch_gives_english(browser, portal):
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        assert page.evaluate("navigator.language") == "en-US"
        page.goto(portal.url + "/")
        assert page.locator("html").get_attribute("lang") == "da"
        assert page.get_by_role("heading", name="Nyeste historier").is_visible()

        page.get_by_role("link", name="English").click()
        page.wait_for_url("**/en/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("heading", name="Latest stories").is_visible()

        # English stays as the reader follows a story; the story itself is Danish.
        with page.expect_navigation():
            page.locator(".card__title a").first.click()
        assert "/en/historier/" in page.url
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").get_attribute("lang") == "da"
        assert page.locator(".story-body").get_attribute("lang") == "da"

        # No cookie was needed for any of it.
        assert context.cookies() == []

        story_path = page.url.removeprefix(portal.url + "/en")
        with page.expect_navigation():
            page.get_by_role("link", name="Dansk").click()
        assert page.url == portal.url + story_path
        assert page.locator("html").get_attribute("lang") == "da"
    finally:
        context.close()
