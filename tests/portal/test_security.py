"""The portal's defences as a visitor or an attacker meets them (issue 11, defect 7):
the Content-Security-Policy, login throttling, request size limits, where a login lands,
and the language cookie's flags."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings
from django.views.i18n import set_language
from wagtail.images.models import Image

from portal.templatetags.portal_tags import chart_position

pytestmark = pytest.mark.django_db

PASSWORD = "rigtig-adgangskode-7"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("kim", "kim@example.org", PASSWORD)


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {directive[0]: directive[1:] for directive in directives}


PUBLIC_PAGES = ["/", "/historier/", "/metoder/", "/kommuner/", "/search/?q=job", "/en/", "/x404/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_have_a_strict_policy_without_inline_script_or_style(site, url):
    response = Client().get(url)
    assert response.status_code in (200, 404)
    csp = policy(response)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


def test_no_template_writes_inline_script_or_style():
    # The strict policy would block them in the browser (tests/e2e/test_csp.py watches
    # the console); here every template is read for them.
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=|\son[a-z]+=",
        re.I,
    )
    found = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        for match in inline.finditer(path.read_text()):
            found.append(f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}")
    assert found == []


def test_the_admin_login_page_works_under_the_admin_policy(site, editor):
    client = Client()
    page = client.get("/admin/login/")
    assert page.status_code == 200
    csp = policy(page)
    # Wagtail's admin writes inline scripts and styles; still no other host.
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["connect-src"] == ["'self'"]
    assert not [src for sources in csp.values() for src in sources if "://" in src]
    response = client.post("/admin/login/", {"username": "kim", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def wrong_login(client: Client, password: str = "forkert"):
    return client.post("/admin/login/", {"username": "kim", "password": password})


def test_after_five_wrong_passwords_the_user_is_locked_out_even_with_the_right_one(site, editor):
    client = Client()
    for attempt in range(1, settings.AXES_FAILURE_LIMIT):
        response = wrong_login(client)
        assert response.status_code == 200, attempt  # the form again, with its message
        assert "_auth_user_id" not in client.session
    # The fifth wrong password reaches the limit…
    assert wrong_login(client).status_code == 429
    # …the sixth is refused without being tried…
    sixth = wrong_login(client)
    assert sixth.status_code == 429
    # …and so is the right one, with a message that says why and what to do.
    right = wrong_login(client, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    text = right.content.decode()
    assert "For mange forsøg på at logge ind" in text
    assert "heller ikke med den rigtige adgangskode" in text
    assert "Prøv igen om 30 minutter" in text
    # Another user from the same address is not locked out.
    get_user_model().objects.create_user("mette", "m@example.org", PASSWORD)
    other = client.post("/admin/login/", {"username": "mette", "password": PASSWORD})
    assert other.status_code == 302


def test_a_right_password_before_the_limit_clears_the_count(site, editor):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        wrong_login(client)
    assert wrong_login(client, PASSWORD).status_code == 302
    client.logout()
    assert wrong_login(client).status_code == 200  # counting starts again


def test_the_client_address_behind_a_proxy_is_the_one_the_proxy_saw(site, editor):
    # Behind one proxy, what a client writes in X-Forwarded-For itself is not believed:
    # rotating a made-up address there does not get around the lockout.
    with override_settings(TRUSTED_PROXY_COUNT=1):
        for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
            response = Client().post(
                "/admin/login/",
                {"username": "kim", "password": "forkert"},
                HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 203.0.113.7",
            )
        assert response.status_code == 429
        # A client behind another address is not locked out.
        response = Client().post(
            "/admin/login/",
            {"username": "kim", "password": PASSWORD},
            HTTP_X_FORWARDED_FOR="203.0.113.8",
        )
        assert response.status_code == 302


def test_a_20_mb_upload_to_the_login_page_is_refused_with_413(site, editor):
    big = b"x" * (20 * 1024 * 1024)
    client = Client()
    response = client.post(
        "/admin/login/",
        {"username": "kim", "password": PASSWORD, "attachment": SimpleUploadedFile("big.bin", big)},
    )
    assert response.status_code == 413
    assert "Forespørgslen er for stor" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_image_upload_in_the_admin_may_be_larger_than_a_form(site):
    # An image of 5 MB is over the plain request limit, well under the upload limit: it
    # reaches Wagtail's own checks (which refuse this one as not an image, with 200).
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", PASSWORD)
    client = Client()
    client.force_login(admin)
    body = b"x" * (5 * 1024 * 1024)
    response = client.post(
        "/admin/images/add/", {"title": "x", "file": SimpleUploadedFile("x.jpg", body)}
    )
    assert response.status_code == 200
    assert Image.objects.count() == 0
    response = client.post("/admin/login/", {"file": SimpleUploadedFile("x.jpg", body)})
    assert response.status_code == 413


def test_a_content_length_that_is_not_a_number_is_refused_with_400(site):
    response = Client().generic("POST", "/admin/login/", b"", CONTENT_LENGTH="abc")
    assert response.status_code == 400


def test_the_private_pages_login_lands_in_the_admin(site, editor):
    client = Client()
    response = client.post("/_util/login/", {"username": "kim", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get(response.url).status_code == 200


@override_settings(LANGUAGE_COOKIE_SECURE=True)
def test_the_language_cookie_carries_the_session_cookies_flags():
    # Django's set_language is the one place that writes the cookie (the portal does not
    # route it: the language is in the address); its flags come from the settings.
    request = RequestFactory().post("/i18n/setlang/", {"language": "en"})
    response = set_language(request)
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] is True


@pytest.mark.parametrize(
    "percent, axis, classes",
    [
        (18.4, "w", "cw-t1 cw-u8 cw-d4"),
        (100, "x", "cx-t10"),
        (7.0, "w", "cw-u7"),
        (0, "w", ""),
        (None, "x", ""),
        (120, "w", "cw-t10"),  # never past the track's end
    ],
)
def test_a_charts_lengths_are_classes_to_a_tenth_of_a_per_cent(percent, axis, classes):
    assert chart_position(percent, axis) == classes
