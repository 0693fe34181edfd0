from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test client's own host and one public host the tests ask for; any other Host
# header is refused, as in production.
ALLOWED_HOSTS = ["testserver", "portal.example.dk"]
# The configured public address, for links made without a request; differs from both
# hosts above, so a test tells which one a link was made from.
PORTAL_BASE_URL = "https://gode-historier.example.dk"
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
# The suite talks to Elasticsearch only in its contract tests, which read the environment
# themselves; everything else is answered by the database engine under test.
ELASTICSEARCH_URL = ""
# Wagtail's own search index (the admin's search) is not under test; keeping it current
# on every saved page costs the suite time. The portal's story search has its own index,
# kept in step by its own signals, and stays on.
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # noqa: F405
# The page cache is tested on its own (tests/portal/test_page_cache.py); elsewhere a test's
# rolled-back data must not come back from a page cached by an earlier test.
PAGE_CACHE_SECONDS = 0
SEARCH_CACHE_SECONDS = 0
