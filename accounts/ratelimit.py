"""Counting attempts in Django's cache, so that every server that shares the cache shares the count.

Used where django-axes does not look: password-reset e-mails and the old-password check of the
password-change form. A fixed window per period; keys are hashed, so the cache holds no e-mail
addresses or client addresses.
"""

import hashlib
import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def client_address(request):
    """The client's address as the lockout sees it (django-ipware, TRUSTED_PROXY_COUNT)."""
    return get_client_ip_address(request) or ""


def allow(action, key, *, limit, period):
    """Count one attempt at `action` for `key`: False once there were more than `limit`
    attempts in the current period of `period` seconds."""
    digest = hashlib.sha256(f"{action}\n{key}".encode()).hexdigest()
    cache_key = f"ratelimit:{digest}:{int(time.time() // period)}"
    if cache.add(cache_key, 1, period):
        return True
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # the entry expired between add() and incr()
        cache.add(cache_key, 1, period)
        return True
