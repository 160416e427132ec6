"""Settings come from the environment; production refuses to start without them."""

import os
import subprocess
import sys

import psycopg
from django.conf import settings

from herstel.embedded_db import embedded_database_url

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "herstel.settings.prod",
    "SECRET_KEY": "x" * 60 + "-a-long-random-production-secret-for-the-test",
    "DATABASE_URL": "postgres://herstel:geheim@db.example.org:5432/herstel",
    "ALLOWED_HOSTS": "herstel.example.org,www.herstel.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://herstel.example.org",
}


def clean_environment():
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    skip = {*PROD_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in skip}


def run_python(code, env):
    clean_env = clean_environment()
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**clean_env, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_are_read_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.DATABASES['default']['HOST'], "
        "s.DEBUG, s.LANGUAGE_CODE, s.TIME_ZONE)"
    )
    result = run_python(code, PROD_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "['herstel.example.org',",
        "'www.herstel.example.org']",
        "['https://herstel.example.org']",
        "db.example.org",
        "False",
        "nl",
        "Europe/Amsterdam",
    ]


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PROD_ENV.items() if k != "SECRET_KEY"}
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {k: v for k, v in PROD_ENV.items() if k != "DATABASE_URL"}
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "DATABASE_URL is required" in result.stderr


def test_a_malformed_boolean_is_refused_with_a_clear_error():
    result = run_python("import django; django.setup()", {**PROD_ENV, "DEBUG": "misschien"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean_environment(), **PROD_ENV},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_database_url_a_project_local_postgresql_starts(tmp_path):
    url = embedded_database_url(tmp_path / "pgdata")
    with psycopg.connect(url) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        dutch = conn.execute("SELECT to_tsvector('dutch', 'jongeren herstellen')").fetchone()[0]
    assert version.startswith("16")
    assert "'jonger'" in dutch  # the Dutch stemmer is there for full-text search


def test_settings_use_dutch_and_amsterdam_time():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
