from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
# The suite talks to Elasticsearch only in its contract tests, which read the environment
# themselves; everything else is answered by the database engine under test.
ELASTICSEARCH_URL = ""
