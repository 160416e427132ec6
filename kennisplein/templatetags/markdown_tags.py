from functools import lru_cache

from django import template
from django.utils.safestring import mark_safe

from kennisplein.markdown import render_markdown

register = template.Library()

# Project, programme and pillar texts are rendered in the template: keep each text's HTML in
# the process, so it is rendered once per change (a changed text is a new key), not on every
# request. A pure function of the text, so nothing needs sharing between servers; bounded.
_rendered = lru_cache(maxsize=2048)(render_markdown)


@register.filter(name="markdown")
def markdown_filter(text):
    # Safe to mark: render_markdown sanitises its output with an allow-list.
    return mark_safe(_rendered(text or ""))  # noqa: S308
