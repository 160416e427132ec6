"""Layout of the reach bar chart, computed here so the template only draws SVG shapes."""

from dataclasses import dataclass

WIDTH = 640
LABEL_HEIGHT = 20
BAR_HEIGHT = 22
ROW_GAP = 14
GROUP_HEADING_HEIGHT = 30
VALUE_SPACE = 70  # room right of the longest bar for its number


@dataclass
class Bar:
    label: str
    value: int
    toelichting: str
    label_y: int
    bar_y: int
    width: int
    value_x: int
    value_y: int


@dataclass
class Group:
    name: str
    heading_y: int
    bars: list


@dataclass
class Chart:
    groups: list
    width: int
    height: int
    bar_height: int = BAR_HEIGHT


def bar_chart(rows):
    """Horizontal bars, grouped by `groep`, scaled to the largest figure."""
    rows = list(rows)
    if not rows:
        return None
    largest = max(row.aantal for row in rows) or 1
    usable = WIDTH - VALUE_SPACE
    groups, y = [], 0
    for row in rows:
        if not groups or groups[-1].name != row.groep:
            heading_y = None
            if row.groep:
                heading_y = y + 20
                y += GROUP_HEADING_HEIGHT
            groups.append(Group(name=row.groep, heading_y=heading_y, bars=[]))
        width = max(round(usable * row.aantal / largest), 2 if row.aantal else 0)
        label_y = y + 15
        bar_y = y + LABEL_HEIGHT
        groups[-1].bars.append(
            Bar(
                label=row.label,
                value=row.aantal,
                toelichting=row.toelichting,
                label_y=label_y,
                bar_y=bar_y,
                width=width,
                value_x=width + 8,
                value_y=bar_y + 16,
            )
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return Chart(groups=groups, width=WIDTH, height=y)
