"""Whole kennisplein pages for visitors without a session, kept under the content version.

A page rendered for one anonymous visitor is kept under its full address and the content
version (herstel/content_version.py: the build, and a number that moves on with every committed
change to the content): it is never stale, not even after a deploy, and needs one query to
serve again. With REDIS_URL every app server shares the kept pages. Visitors with a session
(staff, professionals, anyone with a message waiting) always get a fresh page, since theirs can
differ (a logout button, a draft preview, a message); the `{% cache %}` fragments in the
templates keep most of that work cheap too.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from herstel.content_version import content_version

CACHE_SECONDS = 300  # how long the cache keeps a page; it cannot go stale before


def _has_own_state(request) -> bool:
    return bool(
        request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages")
    )


def cached_for_visitors(view):
    """Serve the view from the cache for visitors without a session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            not settings.KENNISPLEIN_PAGE_CACHE
            or request.method != "GET"
            or _has_own_state(request)
        ):
            return view(request, *args, **kwargs)
        # Scheme and host too: pages carry absolute links (canonical, Open Graph).
        url = request.build_absolute_uri()
        key_text = f"{content_version(request)}|{url}"
        digest = hashlib.sha256(key_text.encode()).hexdigest()[:40]
        key = f"kennisplein:pagina:{digest}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), CACHE_SECONDS)
        return response

    return wrapper
