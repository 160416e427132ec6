from functools import cache

from django import template
from django.urls import get_script_prefix, reverse

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
def _addresses(script_prefix, names):
    """Looked up once per process: addresses only change with the code (and the prefix)."""
    return [reverse(name) for name in names]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu, the current section marked with aria-current; for a professional their
    saved conversations, for a visitor who may keep them the login."""
    menu = list(MAIN_MENU)
    if context.get("is_professional"):
        menu.append(PROFESSIONAL)
    elif context.get("SAVED_CONVERSATIONS") and not context["user"].is_authenticated:
        menu.append(LOGIN)
    request = context.get("request")
    path = request.path if request else ""
    urls = _addresses(get_script_prefix(), tuple(name for name, _, _ in menu))
    return {
        "links": [
            (url, label, path == url if exact else path.startswith(url))
            for url, (_, label, exact) in zip(urls, menu, strict=True)
        ]
    }
