"""Markdown to safe HTML: rendered by python-markdown, then sanitised by nh3.

Markdown passes raw HTML through, so sanitising the rendered HTML is what keeps scripts,
event handlers, iframes and javascript:/data: URLs from story files out of every page.
An image is embedded only from the portal's own media and static files: an outside
image (a tracking pixel) would tell another site who reads which story. Links may go
anywhere; they are followed only when a reader chooses to.
"""

import re

import markdown as markdown_lib
import nh3
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def is_own_file(address: str) -> bool:
    """An address of the portal's own uploaded or static files, on the portal's host: a
    path, never a URL with a host (`//host/media/` included)."""
    return (
        address.startswith((settings.MEDIA_URL, settings.STATIC_URL))
        and address.startswith("/")
        and not address.startswith("//")
    )


def _own_images_only(tag: str, attribute: str, value: str) -> str | None:
    # nh3 drops the attribute when this returns None: an outside image has no source.
    if tag == "img" and attribute == "src" and not is_own_file(value):
        return None
    return value


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_own_images_only,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(
        text or "", extensions=["extra", "sane_lists"], output_format="html"
    )
    # Story headings start at h2: the page title is the only h1.
    html = sanitise_html(re.sub(r"<(/?)h1\b", r"<\1h2", html))
    return mark_safe(html)  # noqa: S308 - sanitised just above


def plain_text(text: str) -> str:
    """A field as plain text for JSON (a title, a teaser): any markup a story file was
    written with is taken out, so a script that puts the value into a page as HTML runs
    nothing. The page itself escapes the field; JSON has no such step."""
    return strip_tags(text or "").strip()
