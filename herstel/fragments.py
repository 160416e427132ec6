"""Context for `{% cache %}` fragments: work that runs only when a fragment is rendered.

A page keeps what depends only on content in a fragment keyed on `content_version` (see
herstel/content_version.py). The view passes the fragment's data as `deferred(...)`: the
function runs the first time the template touches the value, which is inside the fragment, so a
fragment hit runs none of its queries, Markdown or charts. What differs per visitor (forms with
a CSRF token, login state, messages, a conversation's answers) stays outside the fragment.
Templates keep a fragment for a day (`{% cache 86400 ... %}`): the key moves on with every
change, so the time only bounds how long an unused entry stays in the cache.
"""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils.functional import SimpleLazyObject

from .content_version import content_version


def deferred(function, *args, **kwargs):
    """`function(*args, **kwargs)`, run once and only when a template first uses the result."""
    return SimpleLazyObject(lambda: function(*args, **kwargs))


def kept(request, name, parts, compute):
    """`compute()`, kept in the cache per content version, for what a view needs before the
    template (the row of a detail page, for its title and breadcrumbs). Only content that is
    the same for every visitor; None (not found) is not kept, so unknown addresses fill nothing.
    Without a `request` the content version is read for this call alone."""
    key = make_template_fragment_key(name, [*parts, content_version(request)])
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, 86400)
    return value
