from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("includes/nav_link.html", takes_context=True)
def nav_link(context, url_name, label, exact=False):
    """A navigation link that marks itself with aria-current when it is the current section."""
    url = reverse(url_name)
    request = context.get("request")
    path = request.path if request else ""
    is_current = path == url if exact else path.startswith(url)
    return {"url": url, "label": label, "is_current": is_current}
