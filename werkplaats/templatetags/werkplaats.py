from django import template

from werkplaats.models import Stellingenset

register = template.Library()


@register.simple_tag
def sets_for_item(item):
    """The published statement sets that play this kennisplein item."""
    return list(Stellingenset.objects.for_item(item.pk))
