"""The one rate limiter: a count per window that every worker (and with Redis every server)
shares, and that keeps its count until the window ends."""

from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.utils import timezone

from herstel.ratelimit import Limit

HOURLY = Limit("proef", 3, 60 * 60)


def test_the_limit_counts_until_the_maximum_and_then_refuses():
    cache.clear()
    assert [HOURLY.allow("anna") for _ in range(4)] == [True, True, True, False]
    assert HOURLY.exhausted("anna")
    assert not HOURLY.exhausted("bram")  # counted per who


def test_the_count_holds_for_the_whole_window_also_past_the_caches_default_timeout():
    cache.clear()
    start = timezone.now().replace(minute=1, second=0)
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(3):
            HOURLY.count("anna")
        traveller.shift(timedelta(minutes=40))  # the cache's default timeout is 5 minutes
        assert HOURLY.exhausted("anna")
        traveller.shift(timedelta(minutes=20))  # the next hour: a new window
        assert not HOURLY.exhausted("anna")
        assert HOURLY.allow("anna")


def test_the_cache_key_holds_no_address():
    key, _ = HOURLY._key_and_end("203.0.113.5")
    assert "203.0.113" not in key
