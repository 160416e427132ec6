"""Tests: the same PostgreSQL rules as development, fast hashing, plain static files."""

import atexit
import shutil
import tempfile

from herstel.embedded_db import embedded_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR
from .environment import database_from_url, env_str

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or embedded_database_url(BASE_DIR / ".pgdata")
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve files straight from the static folders; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

GESPREKSTOOL_SAVED_CONVERSATIONS = True

# A cache folder of its own for every test run, so no run sees another's entries (REDIS_URL
# is for the two-server test, tests/herstel/test_two_servers.py, which starts its own servers).
_CACHE_DIR = tempfile.mkdtemp(prefix="werken-aan-herstel-test-cache-")
atexit.register(shutil.rmtree, _CACHE_DIR, ignore_errors=True)
CACHES = {
    "default": {
        "BACKEND": "herstel.file_cache.FileCache",
        "LOCATION": _CACHE_DIR,
    }
}
# Tests read the context of every response; the page cache has tests of its own that turn it on.
KENNISPLEIN_PAGE_CACHE = False
