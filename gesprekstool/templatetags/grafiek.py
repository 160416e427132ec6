"""`{% grafiek %}`: the result chart (inline SVG, geometry from charts.resultaat_chart) and its
table, written out in Python like the statements (templatetags/stellingen.py).

The template engine spent ~0.8 ms a result page on it, most of it localising some sixty
numbers of the drawing one by one. The markup is fixed; the coordinates are whole numbers,
written as they are; the scores and averages are localised (6,5) as a template would.
"""

from django import template
from django.template.defaultfilters import date
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

VERANDERING = '<th scope="col">Verandering</th>'
INK = 'fill="#1f2933"'


def _waarde(value, empty):
    return empty if value is None else escape(localize(value))


def _svg(chart):
    width, height, left = chart["width"], chart["height"], chart["label_width"]
    parts = [
        f'<figure class="gt-grafiek">\n'
        f'  <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="grafiek-titel" '
        f'class="gt-grafiek__svg">\n'
        f'    <title id="grafiek-titel">Gemiddelde score per onderdeel'
        f"{', vergeleken met het vorige gesprek' if chart['compare'] else ''}. "
        f"De getallen staan ook in de tabel.</title>\n    "
    ]
    for tick in chart["ticks"]:
        x = tick["x"]
        parts.append(
            f'\n    <line x1="{x}" x2="{x}" y1="16" y2="{height}" stroke="#c9d1cf" '
            f'stroke-width="1"/>\n'
            f'    <text x="{x}" y="12" font-size="12" text-anchor="middle" fill="#4a5563">'
            f"{escape(localize(tick['value']))}</text>\n    "
        )
    parts.append("\n    ")
    now_height = 20 if chart["compare"] else 28
    for row in chart["rows"]:
        parts.append(
            f'\n    <text x="0" y="{row.label_y}" font-size="15" {INK}>{escape(row.label)}'
            f"</text>\n    "
        )
        if row.earlier:
            earlier = row.earlier
            parts.append(
                f'\n    <rect x="{left}" y="{earlier.y}" width="{earlier.width}" height="20" '
                f'rx="3" fill="{escape(earlier.fill)}"/>\n'
                f'    <text x="{earlier.text_x}" y="{earlier.y + 15}" font-size="13" {INK}>'
                f"{_waarde(earlier.value, '–')}</text>\n    "
            )
        now = row.now
        change = f" ({escape(row.change)})" if row.change else ""
        parts.append(
            f'\n    <rect x="{left}" y="{now.y}" width="{now.width}" height="{now_height}" '
            f'rx="3" fill="{escape(now.fill)}"/>\n'
            f'    <text x="{now.text_x}" y="{now.y + 18}" font-size="14" font-weight="bold" '
            f"{INK}>{_waarde(now.value, 'nog niet')}{change}</text>\n    "
        )
    parts.append("\n  </svg>\n  ")
    if chart["compare"]:
        parts.append(
            '<figcaption class="gt-legenda"><span class="gt-legenda__vak '
            'gt-legenda__vak--vorig" aria-hidden="true"></span> Grijze balk: vorig gesprek '
            f"({escape(date(chart['vorige_datum'], 'j F Y'))}). "
            '<span class="gt-legenda__vak" aria-hidden="true"></span> Gekleurde balk: nu, met '
            "tussen haakjes hoeveel hoger (+) of lager (−).</figcaption>"
        )
    parts.append("\n</figure>\n")
    return parts


def _tabel(chart, resultaten):
    compare = chart["compare"]
    vorig = (
        f'<th scope="col">Vorig gesprek ({escape(date(chart["vorige_datum"], "j-n-Y"))})</th>'
        if compare
        else ""
    )
    parts = [
        '<table class="gt-tabel">\n'
        "  <caption>Gemiddelde score per onderdeel (0 tot en met 10)</caption>\n"
        "  <thead>\n"
        f'    <tr><th scope="col">Onderdeel</th>{vorig}<th scope="col">Nu</th>'
        f"{VERANDERING if compare else ''}"
        '<th scope="col">Beantwoord</th></tr>\n'
        "  </thead>\n"
        "  <tbody>\n    "
    ]
    for r in resultaten:
        cells = [f'<th scope="row">{escape(r.onderdeel.titel)}</th>']
        if compare:
            cells.append(f"<td>{_waarde(r.vorige, '–')}</td>")
        cells.append(f"<td>{_waarde(r.gemiddelde, '–')}</td>")
        if compare:
            cells.append(f"<td>{escape(r.verandering.woorden)}</td>")
        cells.append(f"<td>{r.beantwoord} van {r.totaal}</td>")
        parts.append(f"\n    <tr>{''.join(cells)}</tr>\n    ")
    parts.append("\n  </tbody>\n</table>\n")
    return parts


@register.simple_tag(takes_context=True)
def grafiek(context):
    """The chart and its table for `chart` and `resultaten` in the context."""
    chart = context["chart"]
    html = "".join([*_svg(chart), *_tabel(chart, context["resultaten"])])
    return mark_safe(html)  # noqa: S308 - every value in it is escaped
