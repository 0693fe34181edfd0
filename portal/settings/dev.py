import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# Only for the embedded run on 127.0.0.1; production refuses to start without SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-9f3c1a"  # noqa: F405
# The anonymous page cache (portal.page_cache) is for production's many readers; the
# embedded run leaves it off unless asked (PAGE_CACHE_SECONDS=300). The browser suite runs
# these settings, and its publishing journey failed with the cache on (README, Caching).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0") or 0)
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "0") or 0)
