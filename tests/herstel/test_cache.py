"""The cache comes from the environment: Redis shared by every server, else a folder per host."""

from herstel.file_cache import CHECK_EVERY, FileCache
from herstel.settings.environment import build_id

from .test_settings import PROD_ENV, run_python

SHOW_CACHE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "c = s.CACHES['default']; print(c['BACKEND'], c['LOCATION'], s.BUILD_ID)"
)


def test_without_redis_url_the_cache_is_a_folder_on_this_host():
    result = run_python(SHOW_CACHE, {**PROD_ENV, "REDIS_URL": "", "CACHE_URL": ""})
    assert result.returncode == 0, result.stderr
    backend, location, _ = result.stdout.split()
    assert backend == "herstel.file_cache.FileCache"
    assert "werken-aan-herstel-cache-" in location


def test_the_cache_folder_stays_bounded_though_it_counts_its_files_less_often(tmp_path):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 600}})
    for number in range(2_000):
        cache.set(f"page-{number}", "x" * 100)
        if number % 250 == 0:
            assert len(list(tmp_path.glob("*.djcache"))) <= 600 + CHECK_EVERY
    assert 400 <= len(list(tmp_path.glob("*.djcache"))) <= 600 + CHECK_EVERY


def test_redis_url_selects_djangos_redis_cache_for_every_server():
    env = {**PROD_ENV, "REDIS_URL": "redis://cache.example.org:6379/2", "BUILD_ID": "release-42"}
    result = run_python(SHOW_CACHE, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.example.org:6379/2",
        "release-42",
    ]


def test_cache_url_works_as_well():
    env = {**PROD_ENV, "REDIS_URL": "", "CACHE_URL": "rediss://cache.example.org:6380/0"}
    result = run_python(SHOW_CACHE, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == [
        "django.core.cache.backends.redis.RedisCache",
        "rediss://cache.example.org:6380/0",
    ]


def test_an_address_that_is_not_redis_stops_the_start_with_a_clear_message():
    result = run_python(SHOW_CACHE, {**PROD_ENV, "REDIS_URL": "memcached://cache:11211"})
    assert result.returncode != 0
    assert "REDIS_URL / CACHE_URL must start with redis://" in result.stderr


def test_the_build_id_defaults_to_the_git_commit_of_the_checkout():
    result = run_python(SHOW_CACHE, {**PROD_ENV, "BUILD_ID": ""})
    assert result.returncode == 0, result.stderr
    build = result.stdout.split()[-1]
    assert (
        build
        == run_python(
            "import subprocess; print(subprocess.check_output(['git', 'rev-parse', '--short=12', "
            "'HEAD'], text=True).strip())",
            {},
        ).stdout.strip()
    )


def test_without_git_the_build_id_is_a_digest_of_the_code_the_same_in_every_process(tmp_path):
    (tmp_path / "views.py").write_text("print('release 1')\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>1</p>")
    (tmp_path / "upload.pdf").write_bytes(b"%PDF-1.7")
    first = build_id(tmp_path)
    assert first.startswith("code-")
    assert build_id(tmp_path) == first  # another worker process computes the same
    (tmp_path / "upload2.pdf").write_bytes(b"%PDF-1.7")  # uploads are not code
    assert build_id(tmp_path) == first
    (tmp_path / "templates" / "page.html").write_text("<p>release 2</p>")
    assert build_id(tmp_path) != first
