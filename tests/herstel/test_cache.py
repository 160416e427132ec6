from pathlib import Path

from herstel.cache import FileCache


def test_file_cache_lists_its_folder_once_per_hundred_writes_and_still_culls(tmp_path):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50}})
    listings = []
    list_files = cache._list_cache_files
    cache._list_cache_files = lambda: listings.append(1) or list_files()
    for n in range(1000):
        cache.set(f"sleutel-{n}", {"n": n})
    assert cache.get("sleutel-999") == {"n": 999}
    assert len(listings) == 1000 // FileCache.CHECK_EVERY
    assert len(list(Path(tmp_path).glob("*.djcache"))) < 400  # culled, not 1000
