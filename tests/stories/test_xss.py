"""Nothing from a story file runs as script in a visitor's browser."""

import re

import pytest
from django.test import Client

from stories.markdown import render_markdown
from stories.models import StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import minimal

pytestmark = pytest.mark.django_db

XSS_BODIES = {
    "script": "<script>alert('x')</script>",
    "script_mixed_case": "<ScRiPt>alert('x')</sCrIpT>",
    "img_onerror": '<img src="x" onerror="alert(1)">',
    "svg_onload": '<svg onload="alert(1)"><circle r="4"/></svg>',
    "body_onload": '<body onload="alert(1)">',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe_srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "style": "<style>body { background: url(javascript:alert(1)) }</style>",
    "style_attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "form": '<form action="javascript:alert(1)"><button>go</button></form>',
    "meta_refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "md_link_javascript": "[klik](javascript:alert(1))",
    "md_link_mixed_case": "[klik](JaVaScRiPt:alert(1))",
    "md_link_tab": "[klik](java\tscript:alert(1))",
    "md_link_entities": "[klik](&#106;avascript:alert(1))",
    "md_link_hex_entities": "[klik](&#x6A;&#x61;vascript:alert(1))",
    "html_link_entity_colon": '<a href="javascript&colon;alert(1)">x</a>',
    "html_link_newline": '<a href="java\nscript:alert(1)">x</a>',
    "md_link_leading_space": "[klik]( javascript:alert(1))",
    "md_link_vbscript": "[klik](vbscript:msgbox(1))",
    "md_data_link": "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "md_data_image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "html_data_image": '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "md_image_javascript": "![x](javascript:alert(1))",
    "reference_link": "[klik][ref]\n\n[ref]: javascript:alert(1)",
    "reference_link_data": "[klik][ref]\n\n[ref]: data:text/html,<script>alert(1)</script>",
    "autolink": "<javascript:alert(1)>",
    "autolink_data": "<data:text/html,alert(1)>",
    "link_title_breakout": '[x](https://ok.example "a\\" onmouseover=\\"alert(1))',
    "html_in_code_is_text": "`<script>alert(1)</script>`",
    "nested_tags": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "event_handler_on_allowed_tag": '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "math_href": '<math><a xlink:href="javascript:alert(1)">x</a></math>',
    "base_tag": '<base href="javascript:alert(1)//">',
}

DANGER = [
    re.compile(r"<\s*script", re.I),
    re.compile(r"<\s*(iframe|object|embed|style|svg|math|form|meta|base|body)\b", re.I),
    re.compile(r"\son[a-z]+\s*=", re.I),
    re.compile(r"(href|src|action|data|srcdoc)\s*=\s*[\"']?\s*(javascript|vbscript|data):", re.I),
    re.compile(r"style\s*=", re.I),
]


def assert_harmless(html: str) -> None:
    for pattern in DANGER:
        assert not pattern.search(html), f"{pattern.pattern} found in {html!r}"


@pytest.mark.parametrize("name", sorted(XSS_BODIES))
def test_markdown_rendering_removes_every_vector(name):
    assert_harmless(str(render_markdown(XSS_BODIES[name])))


def test_safe_markup_survives():
    html = str(
        render_markdown(
            "# Titel\n\n**fed** [link](https://example.org) ![alt](/media/images/a.png)"
        )
    )
    assert "<h2>Titel</h2>" in html
    assert "<strong>fed</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'src="/media/images/a.png"' in html


@pytest.mark.parametrize(
    "image",
    [
        "![pixel](https://tracker.example/p.gif)",
        "![pixel](http://tracker.example/p.gif)",
        "![pixel](//tracker.example/media/p.gif)",
        '<img src="https://tracker.example/p.gif" width="1" height="1">',
        '<img src="//tracker.example/static/p.gif">',
        "![pixel][ref]\n\n[ref]: https://tracker.example/p.gif",
        "![pixel](HTTPS://tracker.example/p.gif)",
        '<img src=" https://tracker.example/p.gif">',
    ],
)
def test_an_outside_image_is_never_embedded(image):
    # A tracking pixel: the reader's browser would fetch it from another site.
    html = str(render_markdown(image))
    assert "tracker.example" not in html


def test_the_portals_own_images_are_embedded():
    for address in ("/media/images/a.width-800.webp", "/static/img/logo.svg"):
        assert f'src="{address}"' in str(render_markdown(f"![alt]({address})"))


@pytest.mark.parametrize("name", sorted(XSS_BODIES))
def test_markup_in_a_story_file_never_reaches_the_page(site, story_dir, name):
    file = story_dir.write("xss.md", minimal("xss"), body=XSS_BODIES[name])
    assert import_stories([str(file)], publish=True).problems == []
    page = StoryPage.objects.get(slug="xss")
    response = Client().get(page.url)
    assert response.status_code == 200
    body = response.content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    assert_harmless(main)


@pytest.mark.parametrize("name", sorted(XSS_BODIES))
def test_markup_in_a_story_file_never_reaches_the_api(site, story_dir, name):
    file = story_dir.write("xss.md", minimal("xss"), body=XSS_BODIES[name])
    assert import_stories([str(file)], publish=True).problems == []
    page = StoryPage.objects.get(slug="xss")
    response = Client().get(f"/api/v2/pages/{page.pk}/?fields=body")
    assert response.status_code == 200
    blocks = response.json()["body"]
    assert [block["type"] for block in blocks] == ["markdown"]
    assert_harmless(blocks[0]["value"])


HOSTILE_FIELDS = {
    "title": '"<script>alert(1)</script>"',
    "teaser": '"<img src=x onerror=alert(1)>"',
    "tags": '["<svg onload=alert(1)>"]',
    "partners": '["<iframe src=x></iframe>"]',
    "contact": '{name: "<script>alert(2)</script>", role: "<b onmouseover=alert(1)>x</b>"}',
}


@pytest.mark.parametrize("field", sorted(HOSTILE_FIELDS))
def test_markup_in_fields_is_escaped(site, story_dir, field):
    front_matter = minimal("felt").replace("title: Testhistorie felt\n", "")
    if field != "title":
        front_matter += "\ntitle: Felt"
    front_matter += f"\n{field}: {HOSTILE_FIELDS[field]}"
    file = story_dir.write("field.md", front_matter)
    assert import_stories([str(file)], publish=True).problems == []
    page = StoryPage.objects.get(slug="felt")
    injected = ["<script>", "<img src=x", "<svg onload", "<iframe src=x", "<b onmouseover"]
    for url in (page.url, "/", "/historier/", "/historier/syddanmark/", "/kommuner/vejle/"):
        response = Client().get(url)
        assert response.status_code == 200
        body = response.content.decode()
        for raw in injected:
            assert raw not in body, (url, raw)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example",
        "ftp://x.dk",
    ],
)
def test_source_url_must_be_http(site, story_dir, url):
    file = story_dir.write("u.md", minimal() + f'\nsource: {{title: Kilde, url: "{url}"}}')
    result = import_stories([str(file)], publish=True)
    assert any("source.url" in str(problem) for problem in result.problems)
    assert not StoryPage.objects.exists()


# The JSON APIs (issue 11, defect 3): the body as the page shows it, in the listing as on
# a page's own address, and the story file's free text as plain text.
XSS_PAYLOAD = (
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
    '<a href="https://ok.example" onclick="alert(1)">x</a>\n\n<iframe src="https://e.example/">'
)


def test_the_pages_listing_hands_out_the_sanitised_body(site, story_dir):
    file = story_dir.write("xss.md", minimal("xss"), body=XSS_PAYLOAD)
    assert import_stories([str(file)], publish=True).problems == []
    response = Client().get("/api/v2/pages/?type=stories.StoryPage&fields=body")
    assert response.status_code == 200
    (story,) = response.json()["items"]
    html = story["body"][0]["value"]
    assert_harmless(html)
    assert 'href="https://ok.example"' in html  # what the page shows


def test_titles_and_teasers_in_json_are_plain_text(site, story_dir):
    front_matter = minimal("felt").replace("title: Testhistorie felt\n", "")
    front_matter += '\ntitle: "Job <script>alert(1)</script>i Vejle"'
    front_matter += '\nteaser: "Før <img src=x onerror=alert(1)><b>fed</b> efter"'
    front_matter += '\nsource: {title: "<b onmouseover=alert(1)>Kilde</b>"}'
    front_matter += '\ntags: ["<svg onload=alert(1)>bip"]'
    file = story_dir.write("field.md", front_matter)
    assert import_stories([str(file)], publish=True).problems == []
    page = StoryPage.objects.get(slug="felt")
    client = Client()
    listing = client.get("/api/v2/pages/?type=stories.StoryPage&fields=teaser,source_title")
    detail = client.get(f"/api/v2/pages/{page.pk}/")
    for story in (listing.json()["items"][0], detail.json()):
        assert story["title"] == "Job alert(1)i Vejle"
        assert story["teaser"] == "Før fed efter"
        assert story["source_title"] == "Kilde"
    search = client.get("/api/search/?q=fed").json()
    (result,) = search["results"]
    assert result["title"] == "Job alert(1)i Vejle" and result["teaser"] == "Før fed efter"
    tags = client.get(f"/api/search/?tag={page.tags.get().slug}").json()["facets"]["tag"]
    assert [facet["label"] for facet in tags] == ["bip"]
    suggestions = client.get("/api/autocomplete/?q=Job").json()["results"]
    assert "Job alert(1)i Vejle" in [s["label"] for s in suggestions]
