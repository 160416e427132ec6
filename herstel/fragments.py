"""Rendered HTML and rows kept per content version: what only changes when editors change it.

A page keeps what depends only on content in a `{% cache 86400 name ... content_version %}`
fragment (see herstel/content_version.py; the key moves on with every change and every deploy,
so the day only bounds how long an unused entry stays). The view passes the fragment's data as
`deferred(...)`: it runs the first time the template touches the value, which is inside the
fragment, so a fragment hit runs none of its queries, Markdown or charts. What differs per
visitor (forms with a CSRF token, login state, messages, a conversation's answers, a draft
preview for staff) stays outside every fragment.

For views: `kept` keeps any value (a detail page's row, the list page's search results as HTML
via `cached_html`), `KeptObjectMixin` a DetailView's row, and `kept_for_everyone` whole
responses that no visitor changes (feeds, sitemap).
"""

from functools import partial, wraps

from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.utils import make_template_fragment_key
from django.http import Http404, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from .content_version import content_version

FRAGMENT_SECONDS = 86_400  # how long an unused entry stays; it cannot go stale before


def _cache():
    """The cache `{% cache %}` uses: "template_fragments" if configured (development keeps
    none, so an edited template shows at once), else the default."""
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return caches["default"]


def deferred(function, *args, **kwargs):
    """`function(*args, **kwargs)`, run once and only when a template first uses the result."""
    return SimpleLazyObject(lambda: function(*args, **kwargs))


def kept(request, name, parts, compute):
    """`compute()`, kept in the cache per content version, `name` and `parts`. Only content
    that is the same for every visitor; None (not found) and what `compute` raises (a 404) are
    not kept, so unknown addresses fill nothing. Without a `request` the content version is read
    for this call alone."""
    key = make_template_fragment_key(name, [*parts, content_version(request)])
    value = _cache().get(key)
    if value is None:
        value = compute()
        if value is not None:
            _cache().set(key, value, FRAGMENT_SECONDS)
    return value


# What `kept_in_process` holds: (name, *parts) -> (content version, value).
_in_process = {}


def kept_in_process(request, name, parts, compute):
    """`kept`, and a copy of it in this process for the current content version, so a page
    that needs the value on every request reads the shared cache once per process and version.
    Only for values that are the same for every visitor and that no request changes (such as
    `gesprekstool.summary.ToolContent`): the copy is shared by every request and thread of the
    process."""
    version = content_version(request)
    key = (name, *parts)
    found = _in_process.get(key)
    if found is not None and found[0] == version:
        return found[1]
    value = kept(request, name, parts, compute)
    if value is not None:
        _in_process[key] = (version, value)
    return value


def forget_in_process():
    """Drop the process's copies. For tests: they roll content back, so there one content
    version can stand for two different contents."""
    _in_process.clear()


def cached_html(request, name, parts, render):
    """`render()`'s HTML, kept like `kept`, ready to put in a template."""
    return mark_safe(kept(request, name, parts, render))  # noqa: S308 - our templates escaped it


class KeptObjectMixin:
    """A DetailView whose row (for the title and breadcrumbs around its fragments) is kept per
    content version and slug: a repeat visit then reads nothing but the content version (the
    row's query costs more CPU than the rest of such a page). Staff get a fresh row: they may
    preview drafts."""

    def get_object(self, queryset=None):
        if self.request.user.is_staff:
            return super().get_object(queryset)
        name = f"{type(self).__module__}.{type(self).__qualname__}"
        found = kept(self.request, name, [self.kwargs["slug"]], partial(self._row, queryset))
        if found is None:
            raise Http404("Deze pagina bestaat niet.")
        return found

    def _row(self, queryset):
        try:
            return super().get_object(queryset)
        except Http404:
            return None


def kept_for_everyone(name):
    """Keep a whole response that is the same for every visitor (the feeds, the sitemap) per
    content version and address (scheme and host too: they carry absolute links). Unlike the
    page cache it serves visitors with a session as well: nothing in it depends on them."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            key = make_template_fragment_key(
                name, [content_version(request), request.build_absolute_uri()]
            )
            found = _cache().get(key)
            if found is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
                if response.status_code != 200 or response.cookies:
                    return response
                found = (response.content, dict(response.headers))
                _cache().set(key, found, FRAGMENT_SECONDS)
            content, headers = found
            return HttpResponse(content, headers=headers)

        return wrapper

    return decorator
