"""The site's header and footer, which every page renders.

Their HTML depends on nothing but the code (addresses, static file names, the site's name) and
the section a page is in, so it is rendered once per process and section (`rendered_once`)
instead of on every request: that was about 0.8 ms of CPU on each page. What differs per
visitor (the link to their saved conversations or to the login, the logout form with its CSRF
token) is rendered on every request, outside what is kept.
"""

from functools import cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# (URL name, label, marked as current only on that exact address)
MAIN_MENU = [
    ("home", "Home", True),
    ("kennisplein:pijler-list", "Pijlers", False),
    ("kennisplein:item-list", "Kennisplein", False),
    ("gesprekstool:start", "Gesprekstool", False),
    ("werkplaats:overzicht", "Werkplaats", False),
    ("herstel:project-list", "Projecten", False),
    ("over", "Over", False),
]
PROFESSIONAL = ("gesprekstool:mijn", "Mijn gesprekken", False)
LOGIN = ("accounts:inloggen", "Inloggen", False)


@cache
def _addresses(script_prefix, urlconf, names):
    """Looked up once per process: addresses only change with the code (and the prefix)."""
    return [reverse(name, urlconf=urlconf) for name in names]


@cache
def _rendered(template_name, variant, site_name, script_prefix, urlconf):
    return mark_safe(  # noqa: S308 - our template escaped it
        render_to_string(template_name, {"SITE_NAME": site_name, **dict(variant)})
    )


@receiver(setting_changed)
def _forget(**kwargs):
    """Tests change settings (the site's name, static files, URLs): render afresh."""
    _rendered.cache_clear()
    _addresses.cache_clear()


@register.simple_tag(name="rendered_once")
def rendered_once(template_name, **variant):
    """`template_name` rendered with the site's name and `variant` (hashable values), kept in
    this process: for HTML that only changes with the code. With DEBUG on it is rendered every
    time, so an edited template shows at once."""
    args = (template_name, tuple(sorted(variant.items())), settings.SITE_NAME)
    args += (get_script_prefix(), get_urlconf())
    if settings.DEBUG:
        return _rendered.__wrapped__(*args)
    return _rendered(*args)


def _links(path, menu):
    """(address, label, is current) for each entry of `menu`, for a page at `path`."""
    urls = _addresses(get_script_prefix(), get_urlconf(), tuple(name for name, _, _ in menu))
    return tuple(
        (url, label, path == url if exact else path.startswith(url))
        for url, (_, label, exact) in zip(urls, menu, strict=True)
    )


def _path(context):
    request = context.get("request")
    return request.path if request else ""


@register.simple_tag(takes_context=True)
def header_start(context):
    """The header up to the main menu's last fixed link, the current section marked with
    aria-current: the same for every visitor of that section."""
    return rendered_once("includes/header_start.html", links=_links(_path(context), MAIN_MENU))


@register.simple_tag(takes_context=True)
def personal_menu_link(context):
    """For a professional their saved conversations, for a visitor who may keep them the
    login; nothing for others."""
    if context.get("is_professional"):
        entry = PROFESSIONAL
    elif context.get("SAVED_CONVERSATIONS") and not context["user"].is_authenticated:
        entry = LOGIN
    else:
        return ""
    ((url, label, is_current),) = _links(_path(context), [entry])
    current = mark_safe(' aria-current="page"') if is_current else ""
    return format_html('<li><a href="{}"{}>{}</a></li>\n', url, current, label)
