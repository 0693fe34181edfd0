from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# Only for the embedded run on 127.0.0.1; production refuses to start without SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-9f3c1a"  # noqa: F405
