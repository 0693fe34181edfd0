"""The one pagination component: "Næste" and "Forrige" move by the parameter "page"."""

import re

from playwright.sync_api import expect


def turn_the_page(page, url: str) -> None:
    page.goto(url)
    pagination = page.get_by_role("navigation", name="Sider")
    expect(pagination).to_contain_text("Side 1 af")
    first = page.locator(".card__title a").first.get_attribute("href")
    pagination.get_by_role("link", name="Næste").click()
    page.wait_for_url(re.compile(r"[?&]page=2"))
    pagination = page.get_by_role("navigation", name="Sider")
    expect(pagination).to_contain_text("Side 2 af")
    assert page.locator(".card__title a").first.get_attribute("href") != first
    pagination.get_by_role("link", name="Forrige").click()
    page.wait_for_url(re.compile(r"[?&]page=1"))
    expect(page.locator(".card__title a").first).to_have_attribute("href", first)


def test_search_pages(desktop, portal):
    turn_the_page(desktop, portal.url + "/search/?sort=newest")  # 26 stories, 20 a page


def test_story_lists_page(desktop, page_urls):
    turn_the_page(desktop, page_urls["stories_index"])  # 26 stories, 12 a page
