"""The fields of an agreement's "Aanpassen" form on the result page, cheaper than crispy-forms.

crispy-forms spent ~5 ms on each agreement's form (a select, a radio group and three text
fields, every widget its own template). The markup of those fields only changes with the
code and the parts to choose from, so crispy-forms renders it once per process and set of
parts, for an empty form with a probe prefix (`_layout`); each agreement then gets its own
prefix, chosen part, chosen role and texts put in (escaped). The agreement's texts are never
kept: only the empty layout is. A form that was sent and refused is rendered by crispy-forms
as it is, with its errors and what was typed.
"""

from functools import lru_cache

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .forms import AfspraakForm
from .models import WieRol

PROBE = "afspraakprobe"
TEXT_FIELDS = ("wat", "wie", "wanneer")


class _Choice:
    """What AfspraakForm needs of a part to list it: its id and title."""

    def __init__(self, pk, titel):
        self.pk, self.titel = pk, titel


@lru_cache(maxsize=8)
def _layout(parts):
    """crispy-forms' HTML of an empty agreement form with the probe prefix, for these parts
    ((id, title), …)."""
    form = AfspraakForm(onderdelen=[_Choice(*part) for part in parts], prefix=PROBE)
    html = str(as_crispy_form(form))
    # An empty form has "Kies een onderdeel" selected; an agreement has its own part.
    empty = '<option value="" selected>'
    if html.count(empty) != 1:
        raise ValueError("Unexpected markup for the parts")
    html = html.replace(empty, '<option value="">')
    for name in TEXT_FIELDS:  # every text field is there, empty, to fill in
        if html.count(f'name="{PROBE}-{name}" ') != 1:
            raise ValueError(f"Unexpected markup for {name}")
    return html


def afspraak_velden(afspraak, onderdelen):
    """The fields of the form that changes `afspraak`, as crispy-forms renders them."""
    prefix = f"a{afspraak.id}"
    html = _layout(tuple((o.pk, o.titel) for o in onderdelen)).replace(PROBE, prefix)
    html = html.replace(
        f'<option value="{afspraak.onderdeel_id}">',
        f'<option value="{afspraak.onderdeel_id}" selected>',
        1,
    )
    for index, rol in enumerate(WieRol.values):
        if rol == afspraak.wie_rol:
            mark = f'value="{rol}" id="id_{prefix}-wie_rol_{index}" required>'
            html = html.replace(mark, mark[:-1] + " checked>", 1)
    for name in TEXT_FIELDS:
        value = getattr(afspraak, name)
        if value:
            html = html.replace(
                f'name="{prefix}-{name}" ', f'name="{prefix}-{name}" value="{escape(value)}" ', 1
            )
    return mark_safe(html)  # noqa: S308 - crispy-forms' markup, the values escaped
