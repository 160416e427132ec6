"""The statements of a part and their answer scales, written out in Python: `{% stelling %}`
(one statement of the part page) and `{% schaal %}` (a 0–10 scale; also the closing check of
the result page). The simple mode's five dots (`keuzes`) are a scale too.

Why not templates: a part page repeats this markup for every statement, eleven radio buttons
each, and the template engine spent most of the page's CPU on those seven hundred variables
(12 of 17 ms). The markup is fixed; only names, the statement's text and what was chosen
differ, so it is built here with f-strings, every value escaped (`escape`), the scales' words
escaped once per process.

Without JavaScript this is the form; gesprekstool.js turns the 0–10 scale into a slider without
a handle until something is chosen. "Nog niet gekozen" is checked unless a value was chosen
(saved, or posted back after a refused save): a statement nobody touched sends no score.
"""

from functools import cache

from django import template
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import NOTE_MAX_LENGTH

register = template.Library()

STELLING_VRAAG = "Hoe waar is dit voor jou? Kies 0 tot en met 10."


def _checked(chosen):
    return " checked" if chosen else ""


@cache
def _schaal_keuzes(schaal):
    """(value, attributes after the name, the rest of the label) per point, escaped once."""
    return tuple(
        (
            waarde,
            f'" value="{waarde}" data-tekst="{escape(woorden)}"',
            f'><span aria-hidden="true">{waarde}</span>'
            f'<span class="visually-hidden">{escape(woorden)}</span></label>',
        )
        for waarde, woorden in schaal
    )


@register.simple_tag
def schaal(*, naam, id, vraag, schaal, score, laag, hoog):
    """Eleven radio buttons plus "nog niet gekozen". `schaal`: ((value, words), …);
    `score`: the chosen value or None; `laag`/`hoog`: the words at the ends."""
    naam, id = escape(naam), escape(id)
    rij = "".join(
        f'<label class="gt-schaal__keuze"><input type="radio" name="{naam}{attrs}'
        f"{_checked(score == waarde)}{rest}"
        for waarde, attrs, rest in _schaal_keuzes(schaal)
    )
    return mark_safe(  # noqa: S308 - every value in it is escaped
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


def _keuze_pictogrammen(context):
    """The five pictures' addresses, looked up once per page (render_context), not per
    statement."""
    if "gesprekstool-pictogrammen" not in context.render_context:
        context.render_context["gesprekstool-pictogrammen"] = [
            escape(static(f"gesprekstool/pictogrammen/{plaatje}.svg"))
            for _, _, plaatje in context["keuzes"]
        ]
    return context.render_context["gesprekstool-pictogrammen"]


def keuzes(*, p, keuzes, pictogrammen, keuze):
    """The simple mode: five choices as dots of growing size, then "nog niet gekozen".
    `keuzes`: [(value, label, pictogram)]; `pictogrammen`: their addresses; `keuze`: the
    chosen value or None."""
    lijst = "".join(
        f'\n    <label class="gt-keuze">\n'
        f'      <input type="radio" name="{p}-keuze" value="{waarde}" '
        f'data-tekst="{escape(label.lower())}"{_checked(keuze == waarde)}>\n'
        f'      <img src="{src}" alt="" width="48" height="48">\n'
        f"      <span>{escape(label)}</span>\n"
        f"    </label>"
        for (waarde, label, _), src in zip(keuzes, pictogrammen, strict=True)
    )
    return (
        f'<fieldset class="gt-keuzes gt-schaal" id="{p}-keuzes" data-schaal="keuzes">\n'
        f'  <legend class="gt-vraag" id="{p}-keuzes-vraag">Hoe waar is dit voor jou?</legend>\n'
        f'  <div class="gt-keuzes__lijst">{lijst}\n'
        f"  </div>\n"
        f'  <label class="gt-schaal__geen"><input type="radio" name="{p}-keuze" value=""'
        f"{_checked(keuze is None)}> Nog niet gekozen</label>\n"
        f"</fieldset>"
    )


def _vorige(vorige):
    """Last time's answer, for a follow-up that shows it."""
    if not vorige:
        return ""
    if vorige["score"] is not None:
        antwoord = escape(vorige["score_text"])
    else:
        antwoord = "weet ik niet" if vorige["weet_niet"] else "geen keuze"
    praten = " · toen wilde je hierover praten" if vorige["bespreken"] else ""
    return f'\n  <p class="gt-vorige">Vorige keer: <strong>{antwoord}</strong>{praten}</p>'


@register.simple_tag(takes_context=True)
def stelling(context, item, nummer, totaal):
    """One statement of the part page as a fieldset: its text, the scale (or the five choices
    in the simple mode), "weet ik niet", "hier wil ik over praten" and the note. `item` comes
    from views._part_items: what this conversation chose, or what was just posted."""
    stelling, p = item["stelling"], escape(item["prefix"])
    if context["gesprek"].eenvoudig:
        antwoord = keuzes(
            p=p,
            keuzes=context["keuzes"],
            pictogrammen=_keuze_pictogrammen(context),
            keuze=item["keuze"],
        )
    else:
        antwoord = schaal(
            naam=f"{p}-score",
            id=f"{p}-schaal",
            vraag=STELLING_VRAAG,
            schaal=context["schaal"],
            score=item["score"],
            laag="helemaal niet waar",
            hoog="helemaal waar",
        )
    fouten = ""
    if item["errors"]:
        regels = "".join(f"<li>{escape(error)}</li>" for error in item["errors"])
        fouten = f'\n  <ul class="errorlist" id="{p}-fouten">{regels}</ul>'
    doorvragen = "".join(f"<li>{escape(vraag)}</li>" for vraag in stelling.doorvraag_lijst)
    notitie_fout = item["notitie_fout"]
    ongeldig = ' aria-invalid="true"' if notitie_fout else ""
    return mark_safe(  # noqa: S308 - every value in it is escaped
        f'<fieldset class="gt-stelling{" gt-stelling--fout" if item["errors"] else ""}" '
        f'id="{p}" data-stelling="{stelling.id}">\n'
        f"  <legend>\n"
        f'    <span class="gt-stelling__nummer">Stelling {nummer} van {totaal}</span>\n'
        f'    <span class="gt-stelling__tekst" id="{p}-tekst">{escape(stelling.tekst)}</span>\n'
        f"  </legend>\n"
        f'  <input type="hidden" name="stelling" value="{stelling.id}">\n'
        f'  <input type="hidden" name="{p}-versie" value="{escape(item["versie"])}">\n'
        f'  <input type="hidden" name="{p}-bewaard" value="{"1" if item["bewaard"] else ""}">'
        f"{fouten}{_vorige(item['vorige'])}\n"
        f"  {antwoord}\n"
        f'  <div class="gt-checks">\n'
        f'    <div class="form-check">\n'
        f'      <input type="checkbox" class="form-check-input" id="{p}-weet_niet" '
        f'name="{p}-weet_niet"{_checked(item["weet_niet"])}>\n'
        f'      <label class="form-check-label" for="{p}-weet_niet">Weet ik niet / sla over'
        f"</label>\n"
        f"    </div>\n"
        f'    <div class="form-check">\n'
        f'      <input type="checkbox" class="form-check-input" id="{p}-bespreken" '
        f'name="{p}-bespreken"{_checked(item["bespreken"])}>\n'
        f'      <label class="form-check-label" for="{p}-bespreken">Hier wil ik over praten'
        f"</label>\n"
        f"    </div>\n"
        f"  </div>\n"
        f'  <details class="gt-notitie"{" open" if item["notitie"] or notitie_fout else ""}>\n'
        f'    <summary>Doorvragen en notitie <span class="gt-muted">(voor de professional)'
        f"</span></summary>\n"
        f'    <ul class="gt-doorvragen">{doorvragen}</ul>\n'
        f'    <label for="{p}-notitie">Notitie: wat zegt de jongere zelf?</label>\n'
        f'    <p class="form-text" id="{p}-notitie-uitleg">Geen namen, telefoonnummers, '
        f"e-mailadressen of geboortedata.</p>\n"
        f'    <textarea id="{p}-notitie" name="{p}-notitie" rows="3" '
        f'maxlength="{NOTE_MAX_LENGTH}" aria-describedby="{p}-notitie-uitleg'
        f'{f" {p}-fouten" if notitie_fout else ""}"'
        f"{ongeldig}>{escape(item['notitie'])}"
        f"</textarea>\n"
        f"  </details>\n"
        f'  <p class="gt-autosave" role="status" id="{p}-status"></p>\n'
        f"</fieldset>"
    )
