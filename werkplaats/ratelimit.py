"""Rate limits in Django's cache, so every app server counts in one place.

Keys carry a hash of the client address, never the address itself. A whole room often shares
one address (school or office wifi behind one router), so joining counts only the *wrong* codes
an address tries, and answering counts per participant, not per address.
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

WRONG_CODES = (30, 10 * 60)  # per address: 30 unknown codes in 10 minutes, then a pause
STARTS = (20, 60 * 60)  # per address: 20 new sessions an hour
ANSWERS = (60, 60)  # per participant: 60 answers a minute


def address_key(request):
    """The client address (as django-axes reads it, behind a proxy too), hashed with the
    secret key so the cache holds no address."""
    address = get_client_ip_address(request) or "onbekend"
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:24]


def _key(kind, who):
    return f"werkplaats:limiet:{kind}:{who}"


def over_limit(kind, who, limit):
    """Whether `who` has used up `kind` in the current window, without counting."""
    maximum, _ = limit
    return (cache.get(_key(kind, who)) or 0) >= maximum


def count(kind, who, limit):
    """Count one more and return the count; the window starts with the first count."""
    _, window = limit
    key = _key(kind, who)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def take(kind, who, limit):
    """Count one more, and say whether it was still within the limit."""
    maximum, _ = limit
    return count(kind, who, limit) <= maximum
