"""The reading-level hint beside text fields in the admin (kennisplein.leesbaarheid).

The hint is rendered by the server with the field, so it is there without JavaScript and is
current after every save; static/js/leeshulp.js asks `hint_view` for a new one while the editor
types, so the numbers are computed in one place only. An admin opts in with two lines:

    class ItemAdmin(LeeshulpMixin, admin.ModelAdmin):
        leeshulp = {"titel": "b1", "samenvatting": "b1", "inhoud": "b1"}
"""

import re
from functools import cache

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from .leesbaarheid import TARGETS, measure

HINT_ID = re.compile(r"^[A-Za-z][\w-]{0,200}$")
# Far more than any body on the site; a longer text gets no hint rather than minutes of CPU.
MAX_TEXT = 200_000


def render_hint(text, target_key, *, hint_id):
    return render_to_string(
        "admin/leeshulp.html",
        {"r": measure(text, TARGETS[target_key]), "hint_id": hint_id, "doel": target_key},
    )


class LeeshulpWidgetMixin:
    """Appends the hint to the widget's HTML and points the field's aria-describedby at it."""

    leeshulp_doel = "b1"

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        hint_id = f"{attrs.get('id') or 'id_' + name}_leeshulp"
        described = attrs.get("aria-describedby", "")
        attrs["aria-describedby"] = f"{described} {hint_id}".strip()
        attrs["data-leeshulp"] = self.leeshulp_doel
        html = super().render(name, value, attrs, renderer)
        return html + render_hint(value or "", self.leeshulp_doel, hint_id=hint_id)


@cache
def _hinted_class(widget_class):
    return type(f"Leeshulp{widget_class.__name__}", (LeeshulpWidgetMixin, widget_class), {})


def with_hint(widget, target_key):
    """The same widget (its class and attributes kept), with the reading-level hint."""
    if not isinstance(widget, LeeshulpWidgetMixin):
        widget.__class__ = _hinted_class(type(widget))
    widget.leeshulp_doel = target_key
    return widget


class LeeshulpMixin:
    """For a ModelAdmin or an inline: `leeshulp = {field name: "b1" | "jongeren"}`."""

    leeshulp = {}

    class Media:
        css = {"all": ["css/leeshulp.css"]}
        js = ["js/leeshulp.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in self.leeshulp:
            with_hint(formfield.widget, self.leeshulp[db_field.name])
        return formfield


@require_POST
@staff_member_required
def hint_view(request):
    """A fresh hint for the text being typed (an HTML fragment for static/js/leeshulp.js)."""
    target_key = request.POST.get("doel", "")
    hint_id = request.POST.get("id", "")
    text = request.POST.get("tekst", "")
    if target_key not in TARGETS or not HINT_ID.match(hint_id):
        return HttpResponseBadRequest("Onbekend doel of veld.")
    if len(text) > MAX_TEXT:
        return HttpResponseBadRequest("De tekst is te lang voor de leeshulp.")
    html = render_hint(text, target_key, hint_id=hint_id)
    return HttpResponse(html)
