"""Settings shared by every environment.

Everything that differs between the embedded run and production is read from the
environment (DATABASE_URL, ELASTICSEARCH_URL, SECRET_KEY, ALLOWED_HOSTS, CACHE_URL,
PORTAL_BASE_URL, DEBUG) with safe defaults for the embedded run: SQLite, the database
search backend, media on local disk, no other service.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def base_url(name: str, value: str) -> str:
    """A public address such as https://portal.example.dk: scheme and host (and port), no
    path; refused at start-up with the setting's name rather than giving broken links."""
    try:
        parts = urlsplit(value.strip())
        port_is_a_number = parts.port is None or parts.port > 0
    except ValueError:  # an unclosed "[" or a port that is not a number
        parts, port_is_a_number = None, False
    if (
        not port_is_a_number
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ImproperlyConfigured(
            f"{name} must be a site's address such as https://portal.example.dk "
            f"(http or https, a host, no path), not {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

# The project's rooms, top to bottom (CONTRIBUTING.md): a room imports only those below.
INSTALLED_APPS = [
    "portal",
    "publishing",
    "search.apps.SearchConfig",
    "opendata.apps.OpenDataConfig",
    "storyfiles",
    "curation",
    "browse",
    "stories",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.JsonErrorsForApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageFromAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# An empty DATABASE_URL counts as unset: the embedded SQLite database.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE") or "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two requests writing at once (a story submitted while the editor's autosave and
    # editing-session ping write) gave "database is locked", a 500: a transaction that has
    # read cannot then take the write lock another one holds. Taking it at BEGIN makes
    # the second request wait its turn instead.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish for every visitor, whatever the browser asks for; English only at the /en/
# addresses (portal/urls.py), which the footer's language link leads to. The language is
# in the address alone, never in a cookie, so a page can be cached by its URL.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# static/ holds sources; collected files go to staticfiles/ (ignored by git).
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The portal's name, in one place; pages show it in the reader's language (the English
# catalogue has it), the admin and the Site record as it stands here.
WAGTAIL_SITE_NAME = gettext_noop("Gode historier fra jobcentrene")
# The portal's public address, for full links made without a request (e-mails, management
# commands, the Wagtail Site record that `setup_portal` keeps in step); with a request, links
# use the request's own host and scheme (stories.addresses).
PORTAL_BASE_URL = base_url(
    "PORTAL_BASE_URL",
    os.environ.get("PORTAL_BASE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or "http://127.0.0.1:8000",
)
WAGTAILADMIN_BASE_URL = base_url(
    "WAGTAILADMIN_BASE_URL", os.environ.get("WAGTAILADMIN_BASE_URL") or PORTAL_BASE_URL
)
WAGTAIL_I18N_ENABLED = False
# Wagtail's login form with a Danish label on the password field (publishing/forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "publishing.forms.LoginForm"
# No admin page asks an outside service for anything: no Gravatar avatars (Wagtail's
# own default image is shown instead, served by the portal).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# Images: only formats every browser shows and Pillow reads here (no SVG, which can
# carry scripts); a photo from a phone or camera fits the limits, and the pixel limit
# bounds the memory a rendition takes (about 160 MB for 40 megapixels).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Search: the database backend by default (SQLite FTS5 here; PostgreSQL with the Danish
# text-search configuration). That is Wagtail's own index (the admin's search); the
# portal's story search is the search app, on Elasticsearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "godehistorier-stories")
_search_backend = {"BACKEND": "wagtail.search.backends.database"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The search index's vector fields and GIN indexes need Django's PostgreSQL app.
    INSTALLED_APPS.append("django.contrib.postgres")
    _search_backend["SEARCH_CONFIG"] = "danish"
WAGTAILSEARCH_BACKENDS = {"default": _search_backend}

# The read-only Wagtail API at /api/v2/ (opendata.api) is for anonymous readers: no
# login through it, and decimals as JSON numbers like /api/outcomes/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "COERCE_DECIMAL_TO_STRING": False,
}

# E-mail (workflow notifications to moderators and consultants), as Django 6.1's MAILERS:
# SMTP when EMAIL_HOST is set, otherwise printed on the console, as the embedded run has
# no mail server.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT") or "587"),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gode-historier@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "stories": {"handlers": ["console"], "level": "INFO"},
        "search": {"handlers": ["console"], "level": "INFO"},
    },
}
