"""Images in stories: what the admin accepts (JPEG, PNG, WebP and GIF within the size and
pixel limits, refusals in Danish that store nothing), and who may upload and choose.

Every image here is made with Pillow in the test; MEDIA_ROOT is a folder of the test's own.
"""

import functools
import html
import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import UploadedFile
from wagtail.permissions import policy_registry

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
