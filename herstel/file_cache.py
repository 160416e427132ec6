"""The single-host cache (no REDIS_URL): Django's file cache, counting its files less often.

Django's FileBasedCache lists the whole cache folder on every `set()` to see whether it is full.
Kept pages and fragments fill that folder with thousands of files, and every page visited for
the first time sets several of them (the page and its fragments): on the 2-CPU development VM a
listing cost 2 ms at 1,000 files, 13 ms at 5,000 and 58 ms at 20,000 (MAX_ENTRIES), which made
first visits at 10,000 items miss their targets. `FileCache` counts the files on one `set()` in
CHECK_EVERY of each process; the folder may then pass MAX_ENTRIES by a few hundred files before
it is culled, by a third as before. Everything else is Django's.
"""

import itertools

from django.core.cache.backends.filebased import FileBasedCache

CHECK_EVERY = 100
_sets = itertools.count()  # per process; shared by the cache objects of all its threads


class FileCache(FileBasedCache):
    def _cull(self):
        if next(_sets) % CHECK_EVERY == 0:
            super()._cull()
