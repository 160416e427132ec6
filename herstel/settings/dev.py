"""Local development: DEBUG on, a project-local PostgreSQL unless DATABASE_URL is set."""

from herstel.embedded_db import embedded_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES
from .environment import database_from_url, env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
# Only ever used on a developer's machine; prod.py refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or embedded_database_url(BASE_DIR / ".pgdata")
    )
}

# Serve files straight from the static folders; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# No kept {% cache %} fragments (nor herstel/fragments.py's kept HTML and rows) while developing:
# a template you edit shows on the next request (their keys hold the git commit, which an edit
# does not change). Production and tests keep them.
CACHES["template_fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

GESPREKSTOOL_SAVED_CONVERSATIONS = env_bool("GESPREKSTOOL_SAVED_CONVERSATIONS", True)
