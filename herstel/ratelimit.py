"""One rate limiter for the whole site, counting in Django's cache.

With REDIS_URL every app server counts in the same Redis, so a limit holds for the site, not
per server; without it the count is shared by the workers of one host. Each limit is a fixed
window: the count for a window lives under its own key and is gone when the window ends.

Keys hold a hash (with SECRET_KEY) of what is counted, never an e-mail address or a client
address. django-axes counts wrong passwords itself, in the database.
"""

import hashlib
import time
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The client's address as the lockout sees it (django-ipware, TRUSTED_PROXY_COUNT)."""
    return get_client_ip_address(request) or "onbekend"


@dataclass(frozen=True)
class Limit:
    """At most `maximum` of `name` per `seconds` for each `who` (a user, an address, ...)."""

    name: str
    maximum: int
    seconds: int

    def _key_and_end(self, who):
        window = int(time.time() // self.seconds)
        digest = hashlib.sha256(f"{settings.SECRET_KEY}|{self.name}|{who}".encode()).hexdigest()
        return f"limiet:{self.name}:{digest[:32]}:{window}", (window + 1) * self.seconds

    def used(self, who) -> int:
        """How many were counted for `who` in this window."""
        key, _ = self._key_and_end(who)
        return cache.get(key) or 0

    def exhausted(self, who) -> bool:
        """Whether `who` has used up this window, without counting."""
        return self.used(who) >= self.maximum

    def count(self, who) -> int:
        """Count one more for `who` and return the count in this window."""
        key, end = self._key_and_end(who)
        seconds_left = max(1, int(end - time.time()) + 1)
        if cache.add(key, 1, seconds_left):
            return 1
        try:
            number = cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.add(key, 1, seconds_left)
            return 1
        # Redis keeps the expiry on INCR; the file cache writes the entry anew, with its
        # default timeout: set it back to the end of the window.
        cache.touch(key, seconds_left)
        return number

    def allow(self, who) -> bool:
        """Count one more, and say whether it was still within the limit."""
        return self.count(who) <= self.maximum
