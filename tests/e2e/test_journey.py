"""A practitioner's journey through the portal, as a visitor clicks it."""

import re

from playwright.sync_api import expect

CSV_HEADER = (
    "story_slug,story_title,story_url,story_date,municipality_code,municipality_name,"
    "region_code,region_name,methods,indicator,indicator_name,unit,value,value_max,qualifier,"
    "of,rate,from,to,target_group,evidence_level,source"
)


def test_practitioner_finds_a_method_a_story_and_its_figures(desktop, portal):
    page = desktop
    page.goto(portal.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # Home → a method page, from the tiles of methods the municipalities have tried.
    page.locator(".method-tiles").get_by_role("link", name=re.compile("^Småjobs")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Småjobs")
    method_url = page.url

    # Method page → one of its stories.
    stories = page.get_by_role("region", name="Historier om metoden")
    story_link = stories.locator(".card__title a").first
    story_title = story_link.inner_text()
    story_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story_title)

    # Story → search from the header, as a visitor would type it.
    header = page.get_by_role("banner").get_by_role("search", name="Søg på hele sitet")
    header.get_by_role("searchbox").fill("småjobs")
    header.get_by_role("searchbox").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator(".result-list > li")
    expect(results.first).to_be_visible()
    assert results.count() >= 2
    expect(page.locator("#resultater")).to_contain_text("småjobs")

    # A facet: tick a region and its stories show at once; the count beside it is what you get.
    region = page.get_by_role("group", name="Region").get_by_role("checkbox").first
    label = page.locator(f"label[for='{region.get_attribute('id')}']").inner_text()
    expected = int(re.search(r"\((\d+)\)", label).group(1))
    region.check()
    page.wait_for_url(re.compile(r"[?&]region="))
    expect(page.get_by_role("list", name="Valgte filtre")).to_be_visible()
    expect(results).to_have_count(expected)
    expect(page.locator("#resultater")).to_contain_text(f"{expected} histori")

    # Back on the method page: the comparison table as CSV.
    page.goto(method_url)
    csv_link = page.get_by_role("link", name="Hent tabellen som CSV")
    href = csv_link.get_attribute("href")
    assert href.startswith("/api/outcomes/?") and "format=csv" in href
    response = page.request.get(portal.url + href)
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    with page.expect_download() as download_info:
        csv_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    lines = open(download.path(), encoding="utf-8-sig").read().splitlines()
    assert lines[0] == CSV_HEADER
    assert len(lines) > 1 and all("smaajobs" in line for line in lines[1:])
