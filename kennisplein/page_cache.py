"""Whole kennisplein pages for visitors without a session, kept under the content version.

A view marked `@kept_for_visitors` has each page it renders for an anonymous visitor kept under
its full address and the content version (herstel/content_version.py: the build, and a number
that moves on with every committed change to the content): a kept page is never stale, not even
after a deploy. With REDIS_URL every app server shares the kept pages.

`PageCacheMiddleware` serves them early in MIDDLEWARE: after the security headers and the check
for unreadable input, before sessions, CSRF, authentication and the view. A repeat visit then
costs the content version's query and one cache read, about what /healthz costs (a hit through
the whole chain cost twice that). So the kept page holds the headers the inner middleware added
to it (X-Frame-Options, Vary); the outer ones add theirs to every response. Visitors with a
session (staff, professionals, anyone with a message waiting) always get a fresh page, since
theirs can differ (a logout button, a draft preview, a message); the `{% cache %}` fragments in
the templates keep most of that work cheap too.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from herstel.content_version import content_version

CACHE_SECONDS = 300  # how long the cache keeps a page; it cannot go stale before


def kept_for_visitors(view):
    """Mark a view whose pages PageCacheMiddleware keeps for visitors without a session."""
    view.kept_for_visitors = True
    return view


def _has_own_state(request) -> bool:
    return bool(
        request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages")
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (response.content, dict(response.headers)), CACHE_SECONDS)
        return response

    def _key(self, request):
        """The cache key of this request's page, or None when it is not kept."""
        if (
            not settings.KENNISPLEIN_PAGE_CACHE
            or request.method != "GET"
            or _has_own_state(request)
        ):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if not getattr(match.func, "kept_for_visitors", False):
            return None
        request.resolver_match = match  # for the request log, as Django would set it
        # Scheme and host too: pages carry absolute links (canonical, Open Graph).
        key_text = f"{content_version(request)}|{request.build_absolute_uri()}"
        return "kennisplein:kept-page:" + hashlib.sha256(key_text.encode()).hexdigest()[:40]
