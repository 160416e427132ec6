"""The addresses of a conversation's pages, with reverse() once per process for each route.

A conversation page links to a dozen of its own pages (parts, result, settings, PDF, …), and
every reverse() walks the URL patterns again (~0.4 ms a page). `reverse_once` asks reverse()
once per process, route and kind of arguments, with probe values, and then puts each call's
own values in their places: the URL patterns stay the one place that says what an address
looks like.
"""

from functools import cache
from urllib.parse import quote
from uuid import UUID

from django.urls import get_script_prefix, get_urlconf, reverse


def _probe(position, kind):
    """A value of this kind whose text appears nowhere else in an address."""
    if kind is UUID:
        return UUID(int=position + 1)
    if kind is int:
        return 2_000_000_000 + position
    return f"probe{position}x"


@cache
def _route(name, kinds, prefix, urlconf):
    """The address of `name` with probe arguments and the probes' texts, in order."""
    probes = [_probe(position, kind) for position, kind in enumerate(kinds)]
    return reverse(name, args=probes, urlconf=urlconf), [str(probe) for probe in probes]


def _kind(value):
    if isinstance(value, UUID):
        return UUID
    return int if isinstance(value, int) else str


def reverse_once(name, *args):
    """`reverse(name, args=args)` for UUIDs, numbers and slugs, at the price of a string
    replace after the first time."""
    kinds = tuple(_kind(arg) for arg in args)
    address, texts = _route(name, kinds, get_script_prefix(), get_urlconf())
    for text, value in zip(texts, args, strict=True):
        address = address.replace(text, quote(str(value)), 1)
    return address
