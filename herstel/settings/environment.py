"""Reading settings from environment variables (12-factor), with clear errors."""

import hashlib
import os
import subprocess
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on", "ja"}
FALSE_VALUES = {"0", "false", "no", "off", "nee", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"Environment variable {name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Environment variable {name} must be a whole number.") from None


def env_list(name, default=(), *, required=False):
    value = env_str(name, required=required)
    if value is None:
        return list(default)
    return [part.strip() for part in value.split(",") if part.strip()]


def database_from_url(url):
    return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)


REDIS_SCHEMES = {"redis", "rediss", "unix"}


def cache_from_url(url):
    """Django's own Redis cache for a redis://, rediss:// or unix:// address; None without one."""
    if not url:
        return None
    if urlsplit(url).scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            "REDIS_URL / CACHE_URL must start with redis://, rediss:// or unix://."
        )
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        # Several sites may share one Redis: keep our keys apart.
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "herstel"),
    }


def build_id(base_dir):
    """The git commit of the checkout; without git (a deploy from an archive), a digest of the
    code: the same in every worker process, new with every release."""
    try:
        result = subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607
            cwd=base_dir,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
        return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "code-" + _code_digest(base_dir)


def _code_digest(base_dir):
    """Names, sizes and modification times of the Python files and templates under `base_dir`
    (not in hidden folders such as .venv): some 20 ms once at start-up."""
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(base_dir):
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name != "__pycache__"
        )
        for name in sorted(files):
            if name.endswith((".py", ".html")):
                stat = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), base_dir)
                digest.update(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]
