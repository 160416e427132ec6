"""Rendered HTML kept per content version, for the parts of a page that no visitor changes.

Templates do this with Django's `{% cache %}` tag and the context variable `content_version`
(herstel/content_version.py). `cached_html` is the same for a view whose expensive part is
working out what to show, not only rendering it: the list page's search, facets and cards
depend on nothing but the address and the content, so a repeat of an address renders the frame
around them only. The key is Django's own fragment key, so `{% cache %}` and this share one
naming scheme; a change to the content moves the version on, so nothing is ever served stale.
"""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils.safestring import mark_safe

from herstel.content_version import content_version

FRAGMENT_SECONDS = 86_400  # how long the cache keeps a fragment; it cannot go stale before


def cached_html(request, name, vary_on, render):
    """`render()`'s HTML, kept under `name`, the content version and `vary_on`."""
    key = make_template_fragment_key(name, [content_version(request), *vary_on])
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there
