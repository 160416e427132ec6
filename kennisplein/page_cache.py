"""Whole kennisplein pages for visitors without a session, cached under the content version.

Most visitors are anonymous and read the same pages. A page that was rendered for one of them is
kept, keyed by its full address and the content version (version.py), which changes with
every change to the knowledge base: a cached page is never stale. Visitors with a session
(logged-in staff, professionals, anyone with a message waiting) always get a fresh page, since
theirs can differ (a logout button, a draft preview, a message).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .version import CACHE_SECONDS, content_version


def _has_own_state(request) -> bool:
    return bool(
        request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages")
    )


def cached_for_visitors(view):
    """Serve the view from the cache for visitors without a session. Sets
    `request.content_version` for the view in every case."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.content_version = content_version()
        if (
            not settings.KENNISPLEIN_PAGE_CACHE
            or request.method != "GET"
            or _has_own_state(request)
        ):
            return view(request, *args, **kwargs)
        # Scheme and host too: pages carry absolute links (canonical, Open Graph).
        url = request.build_absolute_uri()
        digest = hashlib.sha256(f"{request.content_version}|{url}".encode()).hexdigest()[:40]
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
