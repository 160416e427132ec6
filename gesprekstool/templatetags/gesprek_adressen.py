"""`{% gesprek_url "gesprekstool:resultaat" gesprek.uuid %}`: `{% url %}` for the tool's own
pages, with reverse() once per process and route (gesprekstool/adressen.py)."""

from django import template

from ..adressen import reverse_once

register = template.Library()


@register.simple_tag
def gesprek_url(name, *args):
    return reverse_once(name, *args)
