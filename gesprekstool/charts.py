"""Geometry of the result chart (inline SVG), computed here so the template only draws."""

from dataclasses import dataclass

# Presentation attributes, not style=: the strict CSP forbids inline styles. Same palette as the
# pillar variables in site.css.
COLOURS = {
    "groen": "#2f6b3a",
    "blauw": "#1d4f91",
    "oranje": "#9a4a00",
    "paars": "#5b3a8c",
    "algemeen": "#0b5d5b",
}
EARLIER = "#8a9491"
LABEL_WIDTH = 230
BAR_WIDTH = 380
ROW = 56


@dataclass
class Bar:
    y: int
    width: int
    value: float | None
    fill: str

    @property
    def text_x(self):
        return LABEL_WIDTH + self.width + 8


@dataclass
class ChartRow:
    label: str
    label_y: int
    now: Bar
    earlier: Bar | None


def _bar(y, value, fill):
    width = 0 if value is None else round(value / 10 * BAR_WIDTH)
    return Bar(y=y, width=width, value=value, fill=fill)


def resultaat_chart(resultaten, *, vorige_datum=None):
    compare = vorige_datum is not None
    rows = []
    for index, result in enumerate(resultaten):
        top = 30 + index * (ROW + (18 if compare else 0))
        colour = COLOURS.get(result.onderdeel.kleur, COLOURS["algemeen"])
        if compare:
            earlier = _bar(top, result.vorige, EARLIER)
            now = _bar(top + 24, result.gemiddelde, colour)
        else:
            earlier, now = None, _bar(top, result.gemiddelde, colour)
        rows.append(
            ChartRow(label=result.onderdeel.titel, label_y=top + 18, now=now, earlier=earlier)
        )
    height = 40 + len(rows) * (ROW + (18 if compare else 0))
    ticks = [{"x": LABEL_WIDTH + round(v / 10 * BAR_WIDTH), "value": v} for v in (0, 5, 10)]
    return {
        "rows": rows,
        "width": LABEL_WIDTH + BAR_WIDTH + 60,
        "height": height,
        "label_width": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "ticks": ticks,
        "compare": compare,
        "vorige_datum": vorige_datum,
        "earlier_colour": EARLIER,
    }
