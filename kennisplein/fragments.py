"""Rendered HTML kept per content version, for the parts of a page that no visitor changes.

Templates do this with Django's `{% cache %}` tag and the context variable `content_version`
(herstel/content_version.py). `cached_html` is the same for a view whose expensive part is
working out what to show, not only rendering it: the list page's search, facets and cards
depend on nothing but the address and the content, so a repeat of an address renders the frame
around them only. `KeptObjectMixin` keeps a detail page's row the same way, and
`kept_for_everyone` whole responses that no visitor changes (feeds, sitemap). Keys are
Django's own fragment keys with the content version in them: a change to the content moves the
version on, so nothing is ever served stale, not even after a deploy (the build is part of it).
"""

from functools import wraps

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.http import HttpResponse
from django.utils.safestring import mark_safe

from herstel.content_version import content_version

FRAGMENT_SECONDS = 86_400  # how long the cache keeps a fragment; it cannot go stale before


def kept(request, name, vary_on, make):
    """`make()`'s result, kept under `name`, the content version and `vary_on`. What `make`
    raises (a 404) is not kept."""
    key = make_template_fragment_key(name, [content_version(request), *vary_on])
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, FRAGMENT_SECONDS)
    return value


def cached_html(request, name, vary_on, render):
    """`render()`'s HTML, kept under `name`, the content version and `vary_on`."""
    html = kept(request, name, vary_on, render)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there


class KeptObjectMixin:
    """A DetailView whose object, for visitors who are not staff, is kept per content version
    and slug: with the page's fragments cached, a repeat visit then reads nothing but the
    content version (the row's query costs more CPU than the rest of such a page). Staff get
    a fresh row: they may preview drafts."""

    def get_object(self, queryset=None):
        if self.request.user.is_staff:
            return super().get_object(queryset)
        name = f"{self.model._meta.label_lower}-rij"
        return kept(self.request, name, [self.kwargs["slug"]], super().get_object)


def kept_for_everyone(name):
    """Keep a whole response that is the same for every visitor (the feeds, the sitemap) per
    content version and address (scheme and host too: they carry absolute links). Unlike the
    page cache it serves visitors with a session as well: nothing in it depends on them."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            url = request.build_absolute_uri()
            key = make_template_fragment_key(name, [content_version(request), url])
            kept = cache.get(key)
            if kept is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
                if response.status_code != 200 or response.cookies:
                    return response
                kept = (response.content, dict(response.headers))
                cache.set(key, kept, FRAGMENT_SECONDS)
            content, headers = kept
            return HttpResponse(content, headers=headers)

        return wrapper

    return decorator
