"""Geometry of the result chart (inline SVG), computed here so the template only draws."""

from dataclasses import dataclass

from .summary import Verandering

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
    change: str = ""  # "+1,5" beside the bar of now, for a follow-up


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
            ChartRow(
                label=result.onderdeel.titel,
                label_y=top + 18,
                now=now,
                earlier=earlier,
                change=result.verandering.kort if compare else "",
            )
        )
    height = 40 + len(rows) * (ROW + (18 if compare else 0))
    ticks = [{"x": LABEL_WIDTH + round(v / 10 * BAR_WIDTH), "value": v} for v in (0, 5, 10)]
    return {
        "rows": rows,
        "width": LABEL_WIDTH + BAR_WIDTH + 110,
        "height": height,
        "label_width": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "ticks": ticks,
        "compare": compare,
        "vorige_datum": vorige_datum,
        "earlier_colour": EARLIER,
    }


# --- progress over time (a trajectory's conversations) ------------------------------------------

LINE_LEFT = 48
LINE_TOP = 20
LINE_WIDTH = 560
LINE_HEIGHT = 240
# A different marker per part, so the lines are told apart without colour too.
MARKERS = ["circle", "square", "diamond", "triangle", "circle-open"]


def _marker_points(shape, x, y):
    if shape == "diamond":
        return f"{x},{y - 7} {x + 7},{y} {x},{y + 7} {x - 7},{y}"
    if shape == "triangle":
        return f"{x},{y - 7} {x + 7},{y + 6} {x - 7},{y + 6}"
    return ""


def verloop_chart(reeksen, labels):
    """A line per part over the chosen conversations: reeksen = [(onderdeel, [avg or None, …])].

    Conversations are spaced evenly (not by date) so that two on close dates stay readable;
    the dates are written under the axis.
    """
    count = len(labels)
    step = LINE_WIDTH / (count - 1) if count > 1 else 0

    def x_of(index):
        return round(LINE_LEFT + index * step) if count > 1 else LINE_LEFT + LINE_WIDTH // 2

    def y_of(value):
        return round(LINE_TOP + LINE_HEIGHT - value / 10 * LINE_HEIGHT)

    lines = []
    for number, (onderdeel, values) in enumerate(reeksen):
        colour = COLOURS.get(onderdeel.kleur, COLOURS["algemeen"])
        shape = MARKERS[number % len(MARKERS)]
        points = [
            {"x": x_of(i), "y": y_of(v), "value": v, "shape": shape}
            for i, v in enumerate(values)
            if v is not None
        ]
        for point in points:
            point["polygon"] = _marker_points(shape, point["x"], point["y"])
        last = points[-1] if points else None
        lines.append(
            {
                "titel": onderdeel.titel,
                # The change from the one-but-last to the last conversation, beside the last point.
                "change": Verandering(*values[-2:]).kort if len(values) >= 2 else "",
                "last": last,
                "colour": colour,
                "shape": shape,
                "dash": "" if number % 2 == 0 else "6 4",
                "points": points,
                "path": " ".join(f"{p['x']},{p['y']}" for p in points),
            }
        )
    return {
        "width": LINE_LEFT + LINE_WIDTH + 70,
        "height": LINE_TOP + LINE_HEIGHT + 50,
        "left": LINE_LEFT,
        "right": LINE_LEFT + LINE_WIDTH,
        "top": LINE_TOP,
        "bottom": LINE_TOP + LINE_HEIGHT,
        "label_y": LINE_TOP + LINE_HEIGHT + 22,
        "grid": [{"y": y_of(v), "value": v} for v in (0, 2, 4, 6, 8, 10)],
        "x_labels": [{"x": x_of(i), "label": label} for i, label in enumerate(labels)],
        "lines": lines,
    }
