"""Settings shared by every environment. Values that differ come from the environment."""

import hashlib
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .environment import build_id, cache_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
# Earlier keys, still accepted for signed things (sessions, reset links, gespreksbestanden) while
# new ones are signed with SECRET_KEY: see "Rotating SECRET_KEY" in the README.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "herstel.apps.BeheerConfig",  # django.contrib.admin with our admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "axes",
    "reversion",  # versions of editors' content (kennisplein/history.py)
    "kennisplein",
    "gesprekstool",
    "herstel",
    "accounts",
    "werkplaats",
]

MIDDLEWARE = [
    # First: one JSON log line per request, and its X-Request-ID (herstel/request_log.py).
    "herstel.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "herstel.middleware.ContentSecurityPolicyMiddleware",
    # Before anything reads the session cookie, the query or the form body.
    "herstel.middleware.RefuseUnreadableInput",
    # Kept kennisplein pages for visitors without a session, before the work a kept page needs
    # none of (kennisplein/page_cache.py).
    "kennisplein.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.sessions.LoginDeadlineMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "herstel.urls"
WSGI_APPLICATION = "herstel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "herstel.context_processors.site",
                "herstel.content_version.context",
                "accounts.access.context",
            ],
        },
    },
]

# Set by dev.py, test.py and prod.py: prod requires DATABASE_URL, the others fall back to
# a project-local PostgreSQL.
DATABASES = {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.MaximumLengthValidator"},
    {"NAME": "accounts.validators.SiteWordsValidator"},
]

LANGUAGE_CODE = "nl"
# Our own Dutch for the few admin texts Django 5.2 has no Dutch for yet (the pickers' "Choose
# all …" and the like); Django's catalogues fill in the rest.
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Django serves uploaded files with headers that keep a browser from running them
# (herstel/media.py). Turn it off only when the proxy serves /media/ with the same headers.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "herstel.static_storage.StaticStorage"},
}

# Our own small template pack (templates/formulieren/), matching site.css.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("formulieren",)
CRISPY_TEMPLATE_PACK = "formulieren"

# Professionals log in on their own page (only when saved conversations are on); the admin
# keeps its own login page at /beheer/login/. Both are rate limited by django-axes.
LOGIN_URL = "accounts:inloggen"
LOGIN_REDIRECT_URL = "gesprekstool:mijn"
# An anonymous session lives one day, as long as an anonymous conversation of the conversation
# tool in it. A login ends when the browser closes and, at the latest, this long after logging in
# (accounts/sessions.py): the data is criminal-offence data (GDPR art. 10), so no "remember me".
# Sessions live in PostgreSQL and are read through the cache, so a page reads no session row
# (0.5 ms of CPU per page). Several app servers therefore need a shared cache (REDIS_URL).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 24 * 60 * 60
SESSION_PROFESSIONAL_AGE = env_int("SESSION_PROFESSIONAL_AGE", 8 * 60 * 60)
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour

AUTHENTICATION_BACKENDS = [
    "accounts.backends.RateLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: five wrong passwords for one user name from one address lock that combination
# for 30 minutes, and 50 from one address (whatever the user names) lock that address; a correct
# login clears that user's count. The Dutch lockout page is rendered with 429. The handler keeps
# only user name, address, time and count (accounts/lockout.py).
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 50)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # in this order
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Successful logins are not logged by axes (Django's own last_login is enough).
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password"]

# The client's address, for the lockout and the rate limits. Behind TRUSTED_PROXY_COUNT proxies
# that each add the address they were called from to X-Forwarded-For, the client is the one the
# outermost proxy added; whatever the client itself put in front of it is ignored.
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_HTTPS_PROXY else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"]
    # django-ipware counts only the proxies whose own address is in the header: all but ours.
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# A client behind its own proxy sends a longer header; the trusted end of it still counts.
IPWARE_STRICT = False

# Saved conversations for logged-in professionals (issue 5). Off unless a deployment turns it
# on: read the README ("Opgeslagen gesprekken") before you do.
GESPREKSTOOL_SAVED_CONVERSATIONS = env_bool("GESPREKSTOOL_SAVED_CONVERSATIONS", False)
# Saved conversations are deleted this many days after their last change.
GESPREKSTOOL_RETENTION_DAYS = env_int("GESPREKSTOOL_RETENTION_DAYS", 365)
CSRF_FAILURE_VIEW = "herstel.views.csrf_failure"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Strict policy: only our own host, no inline scripts or styles, no third parties.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

SITE_NAME = "Werken aan Herstel"

_CACHE_FOLDER = "werken-aan-herstel-cache-" + hashlib.sha256(bytes(BASE_DIR)).hexdigest()[:12]
# With REDIS_URL (or CACHE_URL) set, every app server shares one Redis through Django's own
# backend: page cache, rate limits and werkplaats versions then hold for all servers. Without
# it, a folder shared by the gunicorn workers of one host (a per-process memory cache would keep
# one copy per worker), enough for a single server; losing it only costs a recomputation.
CACHES = {"default": cache_from_url(env_str("REDIS_URL") or env_str("CACHE_URL"))}
if not CACHES["default"]:
    CACHES["default"] = {
        # Django's file cache, counting its files less often (herstel/file_cache.py).
        "BACKEND": "herstel.file_cache.FileCache",
        # One folder per checkout by default, so two copies of the project never share one.
        "LOCATION": env_str("CACHE_DIR", str(Path(tempfile.gettempdir()) / _CACHE_FOLDER)),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }

# What this deployment runs, for cache keys of rendered pages: a page kept by the previous
# release is never served by the next. BUILD_ID from the deploy, else the git commit of the
# checkout, else a digest of the code's files (the same in every worker and on every server
# that runs the same files).
BUILD_ID = env_str("BUILD_ID") or build_id(BASE_DIR)

# Kennisplein pages for visitors without a session come from that cache (kennisplein/page_cache.py).
KENNISPLEIN_PAGE_CACHE = env_bool("KENNISPLEIN_PAGE_CACHE", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"bare": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # The request lines are JSON already; nothing is put in front of them.
        "requests": {"class": "logging.StreamHandler", "formatter": "bare"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "herstel.requests": {
            "handlers": ["requests"],
            "level": env_str("REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # The embedded PostgreSQL narrates every start and stop at INFO level.
        "pgserver": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        # Django's own line per 4xx/5xx repeats ours; its tracebacks for 500 stay (ERROR).
        "django.request": {"level": "ERROR"},
    },
}

# Connection age for the database; the health check keeps long-lived connections honest.
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60)
