"""The site's cache backend: Django's file-based cache, shared by all processes on a host."""

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    """FileBasedCache that checks its size on one write in CHECK_EVERY instead of on every
    write: the check lists the whole folder, which takes milliseconds once it holds thousands
    of entries. The folder can grow past MAX_ENTRIES by at most CHECK_EVERY entries per process
    before it is culled."""

    CHECK_EVERY = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % self.CHECK_EVERY == 1:
            super()._cull()
