import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
)

# Index changes for Elasticsearch wait in the database for `manage.py db_worker`, so
# publishing never waits for the cluster (TASKS_BACKEND=immediate runs them in the request).
if not os.environ.get("TASKS_BACKEND"):
    TASKS = {"default": {"BACKEND": TASK_BACKEND_PATHS["database"]}}  # noqa: F405
