"""No dead ends (issue 10): a story leads on to related stories, its keywords to the
search and its cards' methods to their pages; a municipality without stories says so
and offers the nearest ones; municipalities are listed in Danish alphabetical order."""

import re

from playwright.sync_api import expect


def test_a_story_leads_on_to_related_stories_and_their_methods(desktop, page_urls):
    page = desktop
    page.goto(page_urls["story"])
    related = page.get_by_role("region", name="Lignende historier")
    cards = related.locator(".story-card")
    expect(cards.first).to_be_visible()
    assert 1 <= cards.count() <= 4
    # A card's method is a link of its own, beside the title's link.
    chip = cards.first.locator(".chips--card-links a").first
    method = chip.inner_text()
    chip.click()
    page.wait_for_url(re.compile(r"/metoder/[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(method)


def test_a_keyword_leads_to_the_stories_that_share_it(desktop, page_urls):
    page = desktop
    page.goto(page_urls["story"])
    title = page.get_by_role("heading", level=1).inner_text()
    keyword = page.locator(".chips--keywords a").first
    name = keyword.inner_text()
    keyword.click()
    page.wait_for_url(re.compile(r"/search/\?tag="))
    expect(page.get_by_role("list", name="Valgte filtre")).to_contain_text(name)
    expect(page.locator(".result-list .card__title", has_text=title)).to_be_visible()


def test_card_links_are_big_enough_to_tap(phone, page_urls):
    phone.goto(page_urls["home"])
    chips = phone.locator(".chips--card-links a")
    assert chips.count() > 0
    for index in range(min(chips.count(), 10)):
        assert chips.nth(index).bounding_box()["height"] >= 24


def test_a_municipality_without_stories_offers_the_nearest_on_a_phone(phone, page_urls):
    page = phone
    page.goto(page_urls["municipality_without_stories"])
    main = page.get_by_role("main")
    expect(main).to_contain_text("Der er endnu ingen udgivne historier fra")
    nearest = page.get_by_role("region", name=re.compile("^Nyeste historier fra"))
    expect(nearest.locator(".story-card").first).to_be_visible()
    assert nearest.locator(".story-card").count() <= 5
    # No empty boxes: no section says only that it has nothing.
    expect(main.locator(".empty")).to_have_count(0)
    contribute = page.get_by_role("region", name="Har I en historie herfra?")
    expect(contribute.get_by_role("link", name="Log ind og skriv en historie")).to_be_visible()


def test_municipalities_are_listed_in_danish_order(desktop, page_urls):
    page = desktop
    page.goto(page_urls["municipalities_index"])
    syddanmark = page.get_by_role("region", name="Region Syddanmark")
    names = syddanmark.locator("li > a").all_inner_texts()
    assert names[0] == "Assens" and names[-2:] == ["Ærø", "Aabenraa"], names
    midtjylland = page.get_by_role("region", name="Region Midtjylland")
    assert midtjylland.locator("li > a").all_inner_texts()[-1] == "Aarhus"
