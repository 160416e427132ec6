"""The answer scales of the conversation tool, written out in Python: `{% schaal %}` (0 to 10,
also the closing check) and `{% keuzes %}` (the simple mode's five dots).

Why not a template: a part page has a scale per statement, eleven or five radio buttons each,
and the template engine spent most of the page's CPU on those few hundred variables (about
12 ms of a 17 ms page). The markup is fixed; only the names and the chosen value differ, so it
is built here once per statement from pieces escaped once per process.

Without JavaScript this is the form; gesprekstool.js turns the 0–10 scale into a slider without
a handle until something is chosen. "Nog niet gekozen" is checked unless a value was chosen
(saved, or posted back after a refused save): a scale nobody touched sends no score.
"""

from functools import cache

from django import template
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@cache
def _schaal_keuzes(schaal):
    """(value, the label's HTML after the name) per point of a scale, escaped once."""
    return tuple(
        (
            waarde,
            f'" value="{waarde}" data-tekst="{escape(woorden)}"',
            f'><span aria-hidden="true">{waarde}</span>'
            f'<span class="visually-hidden">{escape(woorden)}</span></label>',
        )
        for waarde, woorden in schaal
    )


def _checked(chosen):
    return " checked" if chosen else ""


@register.simple_tag
def schaal(*, naam, id, vraag, schaal, score, laag, hoog):
    """Eleven radio buttons plus "nog niet gekozen". `schaal`: [(value, words)] (a tuple);
    `score`: the chosen value or None; `laag`/`hoog`: the words at the ends."""
    naam, id = escape(naam), escape(id)
    rij = "".join(
        f'<label class="gt-schaal__keuze"><input type="radio" name="{naam}{attrs}'
        f"{_checked(score == waarde)}{rest}"
        for waarde, attrs, rest in _schaal_keuzes(schaal)
    )
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<fieldset class="gt-schaal" id="{id}" data-schaal="schuif">\n'
        f'  <legend class="gt-vraag" id="{id}-vraag">{escape(vraag)}</legend>\n'
        f'  <div class="gt-schaal__keuzes">\n'
        f'    <label class="gt-schaal__geen"><input type="radio" name="{naam}" value=""'
        f"{_checked(score is None)}> Nog niet gekozen</label>\n"
        f'    <span class="gt-schaal__rij">{rij}</span>\n'
        f"  </div>\n"
        f'  <p class="gt-schaal__einden" id="{id}-einden"><span>0 = {escape(laag)}</span> '
        f"<span>10 = {escape(hoog)}</span></p>\n"
        f"</fieldset>"
    )


@register.simple_tag
def keuzes(*, p, keuzes, keuze):
    """The simple mode: five choices as dots of growing size, then "nog niet gekozen".
    `keuzes`: [(value, label, pictogram)]; `keuze`: the chosen value or None."""
    p = escape(p)
    lijst = "".join(
        f"  \n"
        f'    <label class="gt-keuze">\n'
        f'      <input type="radio" name="{p}-keuze" value="{waarde}" '
        f'data-tekst="{escape(label.lower())}"{_checked(keuze == waarde)}>\n'
        f'      <img src="{escape(static(f"gesprekstool/pictogrammen/{plaatje}.svg"))}" alt="" '
        f'width="48" height="48">\n'
        f"      <span>{escape(label)}</span>\n"
        f"    </label>\n"
        for waarde, label, plaatje in keuzes
    )
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<fieldset class="gt-keuzes gt-schaal" id="{p}-keuzes" data-schaal="keuzes">\n'
        f'  <legend class="gt-vraag" id="{p}-keuzes-vraag">Hoe waar is dit voor jou?</legend>\n'
        f'  <div class="gt-keuzes__lijst">\n'
        f"{lijst}"
        f"  \n"
        f"  </div>\n"
        f'  <label class="gt-schaal__geen"><input type="radio" name="{p}-keuze" value=""'
        f"{_checked(keuze is None)}> Nog niet gekozen</label>\n"
        f"</fieldset>"
    )
