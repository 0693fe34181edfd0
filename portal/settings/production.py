"""Production: every value from the environment (README.md, "Production"), HTTPS only,
and JSON logs. It refuses to start without SECRET_KEY, ALLOWED_HOSTS or PORTAL_BASE_URL
rather than run with a guessable key, any host, or links to 127.0.0.1."""

import importlib.util
import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_int

for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(required, "").strip():
        raise ImproperlyConfigured(f"{required} must be set in the environment for production.")
if not (os.environ.get("PORTAL_BASE_URL") or os.environ.get("WAGTAILADMIN_BASE_URL")):
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL must be set in the environment for production: the public "
        "address, such as https://gode-historier.example.dk, for links in e-mails."
    )

# HTTPS: the proxy in front terminates TLS and says so in X-Forwarded-Proto; anything
# asked over plain HTTP is redirected (the health probes answer before that). HSTS for a
# year, subdomains included, preload-ready: set the variables to 0 to narrow it (and
# `check --deploy` then warns).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Static files: whitenoise serves them from the gunicorn process, under names with their
# content's hash (cached for ever) and compressed; run `collectstatic` at each release.
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

# Media: on local disk (MEDIA_ROOT, shared by every app server) unless a bucket is named;
# then S3 or any S3-compatible store (MinIO, Ceph…) through django-storages, which is
# imported only then and must be installed (`pip install "django-storages[s3]"`).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    if importlib.util.find_spec("storages") is None or importlib.util.find_spec("boto3") is None:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME is set, but django-storages and boto3 are not installed: "
            'pip install "django-storages[s3]".'
        )
    _s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        "default_acl": None,
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        "file_overwrite": False,
    }
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in _s3_options.items() if value is not None},
    }
    # Images come from the bucket's host: the pages' policies must allow it.
    _media_origin = (
        f"https://{_s3_options['custom_domain']}"
        if _s3_options["custom_domain"]
        else (_s3_options["endpoint_url"] or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
    )
    _parts = urlsplit(_media_origin)
    _media_origin = f"{_parts.scheme}://{_parts.netloc}"
    SECURE_CSP = {**SECURE_CSP, "img-src": [*SECURE_CSP["img-src"], _media_origin]}  # noqa: F405
    PORTAL_ADMIN_CSP = {  # noqa: F405
        **PORTAL_ADMIN_CSP,  # noqa: F405
        "img-src": [*PORTAL_ADMIN_CSP["img-src"], _media_origin],  # noqa: F405
    }

# Logs: one JSON object a line on standard error (portal.logs), which gunicorn and the
# service manager pass on; LOG_LEVEL for the portal's own loggers.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "portal": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "stories": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "search": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The search breaker logs one line when the cluster fails; the client's own
        # per-node warnings and one line per task run would only repeat or drown it.
        "elastic_transport": {"level": "ERROR"},
        "django.tasks": {"level": "WARNING"},
    },
}

# Index changes for Elasticsearch wait in the database for `manage.py db_worker`, so
# publishing never waits for the cluster (TASKS_BACKEND=immediate runs them in the request).
if not os.environ.get("TASKS_BACKEND"):
    TASKS = {"default": {"BACKEND": TASK_BACKEND_PATHS["database"]}}  # noqa: F405
