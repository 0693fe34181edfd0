"""Images in stories: what the admin accepts (JPEG, PNG, WebP and GIF within the size and
pixel limits, refusals in Danish that store nothing), who may upload and choose, the
renditions a story page and a card show (never the original file), a card's image kept
from the body, and the story-file export, which leaves images behind and says so.

Every image here is made with Pillow in the test; MEDIA_ROOT is a folder of the test's own.
"""

import functools
import html
import importlib
import io
import os
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from PIL import Image as PILImage
from wagtail.images.models import Image, Rendition
from wagtail.models import UploadedFile
from wagtail.permissions import policy_registry

from stories.blocks import body_image_filters
from stories.models import StoryPage
from storyfiles.export import story_file_text
from storyfiles.story_files import import_stories
from tests.conftest import count_queries, minimal

pytestmark = pytest.mark.django_db

PASSWORD = "en-lang-adgangskode-42"
IMAGES = policy_registry.get_by_type(Image)
DANISH = {"HTTP_ACCEPT_LANGUAGE": "da"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def image_bytes(image_format: str = "PNG", size=(64, 36), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, "white" if mode == "1" else "teal").save(buffer, image_format)
    return buffer.getvalue()


@functools.cache
def too_large_png() -> bytes:
    """A real photo-sized PNG of noise, which no compression brings under 10 MB."""
    buffer = io.BytesIO()
    noise = PILImage.frombytes("RGB", (2000, 2000), os.urandom(2000 * 2000 * 3))
    noise.save(buffer, "PNG", compress_level=0)
    assert len(buffer.getvalue()) > 10 * 1024 * 1024
    return buffer.getvalue()


def make_image(title: str = "foto", size=(64, 36), user=None) -> Image:
    file = ImageFile(io.BytesIO(image_bytes(size=size)), name=f"{title}.png")
    return Image.objects.create(title=title, file=file, uploaded_by_user=user)


def editor(role: str, username: str = "kim"):
    options = {
        "consultant": {"region": "1083"},
        "moderator": {"moderator": True},
        "curator": {"curator": True},
    }[role]
    call_command("create_consultant", username, password=PASSWORD, **options)
    return get_user_model().objects.get(username=username)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def consultant(site):
    return editor("consultant")


# Uploads through the admin ------------------------------------------------------------

UPLOAD_ENDPOINTS = ["add", "multiple", "chooser"]


def upload(client: Client, endpoint: str, name: str, content: bytes) -> tuple[bool, str]:
    """Uploads a file as the admin's page does: whether it was taken, and the text the
    user is shown (the form's page, or the JSON's message or form fragment)."""
    file = SimpleUploadedFile(name, content)
    if endpoint == "add":
        # The "Tilføj et billede" page.
        response = client.post("/admin/images/add/", {"title": name, "file": file}, **DANISH)
        assert response.status_code in (200, 302)
        return response.status_code == 302, html.unescape(response.content.decode())
    if endpoint == "multiple":
        # "Tilføj billeder": the drop zone posts each file by itself.
        response = client.post("/admin/images/multiple/add/", {"files[]": file}, **DANISH)
        assert response.status_code == 200
        data = response.json()
        return data["success"], data.get("error_message", "")
    # The upload tab of the image chooser in the story editor.
    response = client.post(
        "/admin/images/chooser/create/",
        {"image-chooser-upload-title": name, "image-chooser-upload-file": file},
        **DANISH,
    )
    assert response.status_code == 200
    data = response.json()
    return data["step"] == "chosen", html.unescape(data.get("htmlFragment", ""))


NOT_SUPPORTED = (
    "Billedformatet understøttes ikke. Understøttede formater: GIF, JPG, JPEG, PNG, WEBP."
)
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="36">'
    b"<script>alert(1)</script></svg>"
)
REFUSALS = {
    "svg": ("tegning.svg", lambda: SVG, NOT_SUPPORTED),
    "bmp": ("foto.bmp", lambda: image_bytes("BMP"), NOT_SUPPORTED),
    "tiff": ("foto.tiff", lambda: image_bytes("TIFF"), NOT_SUPPORTED),
    # Wagtail takes AVIF unless told otherwise.
    "avif": ("foto.avif", lambda: image_bytes("AVIF"), NOT_SUPPORTED),
    "text named .jpg": (
        "referat.jpg",
        lambda: "Referat af mødet i jobcentret.\n".encode() * 20,
        "Medsend et gyldigt billede. Den medsendte fil var enten ikke et billede",
    ),
    "png named .jpg": (
        "foto.jpg",
        lambda: image_bytes("PNG"),
        "Ikke et gyldigt .jpeg-billede. Filendelsen passer ikke til filens format (png)",
    ),
    "over 10 MB": ("stort.png", too_large_png, "Største filstørrelse: 10,0\xa0MB."),
    "over 40 megapixels": (
        "kort.png",
        lambda: image_bytes("PNG", size=(8000, 5001), mode="1"),
        "Billedet har for mange pixels (40008000). Højst 40000000 pixels.",
    ),
}


@pytest.mark.parametrize("endpoint", UPLOAD_ENDPOINTS)
@pytest.mark.parametrize("case", REFUSALS)
def test_the_admin_refuses_a_file_in_danish_and_stores_nothing(consultant, media, endpoint, case):
    name, content, message = REFUSALS[case]
    accepted, shown = upload(logged_in(consultant), endpoint, name, content())
    assert not accepted
    assert message in shown
    assert Image.objects.count() == 0
    assert UploadedFile.objects.count() == 0
    assert stored_files(media) == []


ACCEPTED = {"jpeg": "foto.jpg", "png": "foto.png", "webp": "foto.webp", "gif": "foto.gif"}


@pytest.mark.parametrize("endpoint", UPLOAD_ENDPOINTS)
@pytest.mark.parametrize("image_format", ACCEPTED)
def test_the_admin_takes_jpeg_png_webp_and_gif(consultant, media, endpoint, image_format):
    name = ACCEPTED[image_format]
    accepted, shown = upload(logged_in(consultant), endpoint, name, image_bytes(image_format))
    assert accepted, shown
    image = Image.objects.get()
    assert image.uploaded_by_user == consultant
    # The original, and any preview the chooser made of it.
    assert [f for f in stored_files(media) if not f.startswith("images/")] == [image.file.name]


def test_the_add_form_tells_the_formats_and_the_limit_in_danish(consultant):
    page = html.unescape(logged_in(consultant).get("/admin/images/add/", **DANISH).content.decode())
    assert (
        "Understøttede formater: GIF, JPG, JPEG, PNG, WEBP. Største filstørrelse: 10,0\xa0MB."
        in page
    )


# Who may upload and choose ------------------------------------------------------------


@pytest.mark.parametrize("role", ["consultant", "moderator", "curator"])
def test_every_role_may_add_and_choose_images(site, role):
    user = editor(role)
    assert IMAGES.user_has_permission(user, "add")
    assert IMAGES.user_has_permission(user, "choose")


def test_an_admin_user_without_a_role_may_not_add_images(site):
    user = get_user_model().objects.create_user("uden-rolle", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert not IMAGES.user_has_permission(user, "add")
    assert not IMAGES.user_has_permission(user, "choose")


def test_a_consultant_chooses_an_image_someone_else_uploaded(consultant):
    theirs = make_image("havnen", user=editor("moderator", "mo"))
    client = logged_in(consultant)
    chooser = client.get("/admin/images/chooser/", **DANISH).json()["html"]
    assert "havnen" in chooser
    chosen = client.get(f"/admin/images/chooser/chosen/{theirs.pk}/", **DANISH)
    assert chosen.status_code == 200
    assert chosen.json()["step"] == "chosen"
    assert chosen.json()["result"]["id"] == str(theirs.pk)


def test_a_consultant_deletes_their_own_image_and_not_someone_elses(consultant, media):
    theirs = make_image("havnen", user=editor("consultant", "other"))
    own = make_image("kantinen", user=consultant)
    client = logged_in(consultant)

    assert client.get(f"/admin/images/{theirs.pk}/").status_code in (302, 403)
    refused = client.post(f"/admin/images/{theirs.pk}/delete/")
    assert refused.status_code in (302, 403)
    assert Image.objects.filter(pk=theirs.pk).exists()
    assert theirs.file.name in stored_files(media)

    assert client.post(f"/admin/images/{own.pk}/delete/").status_code == 302
    assert not Image.objects.filter(pk=own.pk).exists()


# Renditions on the story page and the cards --------------------------------------------


@pytest.fixture
def story(site, story_dir) -> StoryPage:
    assert import_stories([str(story_dir.write("a.md", minimal("a")))], publish=True).problems == []
    return StoryPage.objects.get(slug="a")


def image_block(image: Image, alt_text: str, caption: str = "") -> tuple[str, dict]:
    return ("image", {"image": image, "alt_text": alt_text, "caption": caption})


def publish_body(page: StoryPage, *blocks) -> StoryPage:
    page.body = [*blocks, ("markdown", "Brødteksten.")]
    page.save_revision().publish()
    return StoryPage.objects.get(pk=page.pk)


class Images(HTMLParser):
    """The <img> elements of a page, each as a dict of its attributes."""

    def __init__(self, page: str):
        super().__init__()
        self.found: list[dict[str, str]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def page_images(client: Client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    return Images(response.content.decode()).found


def srcset_widths(img: dict[str, str]) -> list[int]:
    return [int(w) for w in re.findall(r" (\d+)w", img.get("srcset", ""))]


def test_a_body_image_is_shown_as_sized_renditions_never_the_original(story, media):
    image = make_image("kantinen", size=(1600, 900))
    page = publish_body(story, image_block(image, "Borgere spiser i kantinen", "Kantinen"))
    response = Client().get(page.url)
    body = response.content.decode()
    [img] = Images(body).found
    assert img["alt"] == "Borgere spiser i kantinen"
    assert srcset_widths(img) == [1200, 800, 480]
    assert img["sizes"] == "(max-width: 46rem) 100vw, 44rem"
    # The largest is the fallback, and its size keeps the page from jumping as it loads.
    assert (img["width"], img["height"]) == ("1200", "675")
    assert img["src"].endswith(".width-1200.format-webp.webp")
    assert img["loading"] == "lazy"
    assert "<figcaption>Kantinen</figcaption>" in body
    assert "original_images" not in body
    made = sorted(Rendition.objects.filter(image=image).values_list("width", flat=True))
    assert made == [480, 800, 1200]


def test_a_small_body_image_is_not_enlarged_nor_made_twice(story):
    page = publish_body(story, image_block(make_image("lille", size=(600, 400)), "Et skilt"))
    [img] = page_images(Client(), page.url)
    assert srcset_widths(img) == [600, 480]
    assert (img["width"], img["height"]) == ("600", "400")


@pytest.mark.parametrize(
    ("width", "widths"),
    [(300, [300]), (480, [480]), (1000, [1000, 800, 480]), (1200, [1200, 800, 480])]
    + [(5000, [1200, 800, 480])],
)
def test_body_image_renditions_by_the_image_width(width, widths):
    image = Image(width=width, height=100)
    assert body_image_filters(image) == [f"width-{w}|format-webp" for w in widths]


def test_a_card_shows_a_thumbnail_of_the_first_body_image(story):
    first, second = make_image("first", size=(1600, 1200)), make_image("second")
    page = publish_body(
        story, image_block(first, "Konsulenten ved disken"), image_block(second, "x")
    )
    assert (page.card_image, page.card_image_alt) == (first, "Konsulenten ved disken")
    for url in ("/historier/", "/historier/syddanmark/", "/kommuner/vejle/", "/", "/search/?q=a"):
        [img] = page_images(Client(), url)
        assert img["alt"] == "Konsulenten ved disken"
        assert img["src"].endswith(".fill-480x270.format-webp.webp")
        assert (img["width"], img["height"]) == ("480", "270")
        assert img["loading"] == "lazy"


def test_a_story_without_an_image_has_a_card_without_one(story):
    assert story.card_image is None
    assert page_images(Client(), "/historier/") == []
    assert page_images(Client(), "/search/?q=a") == []


def test_the_card_image_follows_the_published_body(story):
    page = publish_body(story, image_block(make_image("før"), "Før"))
    # A draft leaves the published card as it is.
    page.body = [image_block(make_image("efter"), "Efter")]
    page.save_revision()
    assert StoryPage.objects.get(pk=page.pk).card_image_alt == "Før"
    page.get_latest_revision().publish()
    assert StoryPage.objects.get(pk=page.pk).card_image_alt == "Efter"
    page = publish_body(StoryPage.objects.get(pk=page.pk))
    assert (page.card_image, page.card_image_alt) == (None, "")


def test_a_deleted_image_leaves_the_page_and_card_whole(story):
    image = make_image("slettes")
    page = publish_body(story, image_block(image, "Et billede der slettes"))
    image.delete()
    assert StoryPage.objects.get(pk=page.pk).card_image is None
    assert page_images(Client(), page.url) == []
    assert page_images(Client(), "/historier/") == []
    assert 'class="story-image"' not in Client().get(page.url).content.decode()


def test_the_migration_finds_the_first_image_of_existing_stories(story):
    image = make_image("gammel")
    page = publish_body(story, ("markdown", "Først tekst."), image_block(image, "Fra før"))
    StoryPage.objects.filter(pk=page.pk).update(card_image=None, card_image_alt="")
    migration = importlib.import_module("stories.migrations.0004_storypage_card_image")
    migration.fill_card_images(apps, None)
    page = StoryPage.objects.get(pk=page.pk)
    assert (page.card_image, page.card_image_alt) == (image, "Fra før")


def test_lists_of_cards_with_images_make_a_bounded_number_of_queries(site, story_dir, settings):
    # Without Wagtail's rendition cache the thumbnails must come from the list's prefetch,
    # not from one look-up per card (in the cache or the database).
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }

    def add(count: int, start: int):
        slugs = [f"s{number}" for number in range(start, start + count)]
        for slug in slugs:
            story_dir.write(f"{slug}.md", minimal(slug))
        assert import_stories([str(story_dir.path)], publish=True).problems == []
        for slug in slugs:
            image = make_image(slug)
            publish_body(StoryPage.objects.get(slug=slug), image_block(image, f"Billede {slug}"))

    urls = ["/", "/historier/", "/historier/syddanmark/", "/metoder/smaajobs/", "/kommuner/vejle/"]
    urls.append("/search/?q=Testhistorie")
    add(2, 0)
    few = {url: count_queries(url) for url in urls}
    add(10, 2)
    many = {url: count_queries(url) for url in urls}
    assert many == few
    assert len(page_images(Client(), "/historier/")) == 10  # a page of cards


# The story file ------------------------------------------------------------------------


def test_the_story_file_leaves_the_image_behind_and_says_so(story):
    page = publish_body(story, image_block(make_image("kantinen"), "Borgere i kantinen"))
    text, left_out = story_file_text(page)
    assert left_out == ["billede: Borgere i kantinen"]
    assert "kantinen" not in text and "/media/" not in text
