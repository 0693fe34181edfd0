"""Settings shared by every environment.

Everything that differs between the embedded run and production is read from the
environment (DATABASE_URL, ELASTICSEARCH_URL, SECRET_KEY, ALLOWED_HOSTS, CACHE_URL,
PORTAL_BASE_URL, DEBUG, …; README.md "Production" lists them all) with safe defaults for
the embedded run: SQLite, the database search backend, media on local disk, no other
service.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = (os.environ.get(name) or "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 3600:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, e.g. 2, not {value!r}.")
    return seconds


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
    "axes",
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
    "django_tasks_db",
]

# Django's task framework carries the search outbox to Elasticsearch (search.outbox).
# "immediate" runs a task at once in the request (the embedded default, which has no
# cluster); "database" queues it in the database for `manage.py db_worker`, so publishing
# never waits for the cluster (production's default).
TASK_BACKEND_PATHS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip() or "immediate"
if TASKS_BACKEND not in TASK_BACKEND_PATHS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKEND_PATHS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKEND_PATHS[TASKS_BACKEND]}}

MIDDLEWARE = [
    # /healthz and /readyz first: a load balancer's probe names no allowed host and
    # comes over plain HTTP, and needs no session (portal.health).
    "portal.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Every error under /api/ as JSON, whichever layer below gave it.
    "portal.middleware.JsonErrorsForApiMiddleware",
    # A body over the limit is refused before anything reads it.
    "portal.middleware.RequestSizeLimitMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After (inside) Django's: it picks the admin's policy before Django writes the header.
    "portal.middleware.AdminContentSecurityPolicyMiddleware",
    # ETag on every page and 304 for a reader who has it, cached or not; then the
    # anonymous page cache, before any further work is done for the request (the
    # headers above are added to a cached page on its way out, as to any other).
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageFromAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis that is down costs a cache miss, never the page.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous pages from the cache (portal.page_cache): purged on every change that may
# show, so the lifetime only bounds a missed signal. 0 switches the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300") or 0)
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "60") or 0)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user
# name from one address, that pair is refused, even with the right password, until the
# cool-off has passed (or `manage.py axes_reset_username NAME`). Every login goes through
# it: the admin's and /_util/login/ for private pages.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.views.login_locked_out"
# Behind a proxy every request comes from the proxy: the client is in X-Forwarded-For,
# counted from the right by the number of proxies we trust (portal.middleware.client_ip).
AXES_CLIENT_IP_CALLABLE = "portal.middleware.client_ip"
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Wagtail's "log in" for private pages (/_util/login/) is Django's LoginView: without
# these it sends a logged-in user to /accounts/profile/, a 404.
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

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
# The portal never sets the language cookie (the language is in the address), but should
# anything (Django's set_language) set it, it carries the session cookie's flags.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# static/ holds sources; collected files go to staticfiles/ (ignored by git).
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest request body, files included (portal.middleware.RequestSizeLimitMiddleware;
# Django's own limits leave files out): an image or document upload in the admin may
# carry MAX_UPLOAD_MB, anything else (a login, a story's form) 3 MB, a little over the
# form data Django accepts (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB). The proxy in front
# should allow MAX_UPLOAD_MB too (nginx: client_max_body_size).
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_MB", 20) * 1024 * 1024
MAX_REQUEST_SIZE = 3 * 1024 * 1024
UPLOAD_PATH_PREFIXES = ("/admin/images/", "/admin/documents/")

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
# …nor asks wagtail.org for its newest release (the admin's CSP allows no other host;
# upgrades come through requirements.lock).
WAGTAIL_ENABLE_UPDATE_CHECK = False
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
# A cluster that is down costs one short connect timeout; after a failure it is not asked
# again for ELASTICSEARCH_RETRY_AFTER seconds (search.breaker), and search answers from
# the database meanwhile.
ELASTICSEARCH_CONNECT_TIMEOUT = env_seconds("ELASTICSEARCH_CONNECT_TIMEOUT", 1.0)
ELASTICSEARCH_READ_TIMEOUT = env_seconds("ELASTICSEARCH_READ_TIMEOUT", 2.0)
ELASTICSEARCH_RETRY_AFTER = env_seconds("ELASTICSEARCH_RETRY_AFTER", 30.0)
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

# Content-Security-Policy (Django's own middleware). The public site runs no inline script
# or style: every script and stylesheet is a file under /static/, and the charts' widths
# are classes (static/css/portal.css), not style attributes. Images may come from the
# media storage's own host when it is not this one (production.py adds it).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    # The admin's preview shows a page in a frame of its own.
    "frame-ancestors": [CSP.SELF],
}
# Under /admin/ (portal.middleware.AdminContentSecurityPolicyMiddleware): Wagtail's admin
# writes inline scripts and style attributes, shows images as data: and blob: URLs while
# they upload, and previews pages in a frame. Still no other host.
PORTAL_ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "frame-src": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "stories": {"handlers": ["console"], "level": "INFO"},
        "search": {"handlers": ["console"], "level": "INFO"},
        # The search breaker writes one line when the cluster fails; the client's own
        # per-node warnings would repeat it.
        "elastic_transport": {"level": "ERROR"},
        # One line per task run (every page save runs Wagtail's index tasks) is noise.
        "django.tasks": {"level": "WARNING"},
    },
}
