"""What the room answered: the distribution per statement, per background, and how divided it was.

One query counts every answer of a session by statement, background and value; everything else
is arithmetic on those counts, shared by the facilitator's screen, the summary, the PDF and the
CSV.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from .models import Achtergrond, Antwoord, Schaal


@dataclass
class Optie:
    waarde: str
    label: str
    aantal: int
    procent: int  # of the answers to this statement (or of this background), rounded


@dataclass
class Groep:
    """The answers of the participants with one background."""

    label: str
    totaal: int
    opties: list


@dataclass
class Uitslag:
    stelling: object
    totaal: int
    opties: list
    groepen: list = field(default_factory=list)
    verdeeldheid: float = 0.0

    @property
    def verdeeldheid_procent(self):
        return round(self.verdeeldheid * 100)


def _side(schaal, waarde):
    """+1 for agreeing, -1 for disagreeing, 0 for no side."""
    if schaal == Schaal.EENS_ONEENS:
        return {"eens": 1, "oneens": -1}.get(waarde, 0)
    score = int(waarde)
    return (score > 5) - (score < 5)


def divisiveness(schaal, counts):
    """How divided the room was about one statement, from 0 to 1.

    Everyone who took a side is in one of two camps: 'eens' or 6–10 against 'oneens' or 0–4
    ('weet ik niet' and 5 take no side). The measure is the share of the smaller camp, doubled:
    0 when all took the same side (or nobody took one), 1 when the room split in two equal
    camps; 0.5 means the smaller camp was a quarter. `counts` maps answer values to numbers.
    """
    camps = Counter()
    for waarde, aantal in counts.items():
        camps[_side(schaal, waarde)] += aantal
    sided = camps[1] + camps[-1]
    return 2 * min(camps[1], camps[-1]) / sided if sided else 0.0


def _options(options, counts):
    total = sum(counts.values())
    return [
        Optie(waarde, label, counts[waarde], round(100 * counts[waarde] / total) if total else 0)
        for waarde, label in options
    ]


def session_results(sessie, stellingen):
    """An Uitslag per statement of the session (in the order given) with its counts, its counts
    per chosen background and its divisiveness. One query."""
    rows = (
        Antwoord.objects.filter(stelling__in=stellingen)
        .values_list("stelling_id", "deelnemer__achtergrond", "waarde")
        .annotate(aantal=Count("id"))
        .order_by()
    )
    per_stelling, per_groep = {}, {}
    for stelling_id, achtergrond, waarde, aantal in rows:
        per_stelling.setdefault(stelling_id, Counter())[waarde] += aantal
        per_groep.setdefault((stelling_id, achtergrond), Counter())[waarde] += aantal
    labels = dict(Achtergrond.choices)
    uitslagen = []
    for stelling in stellingen:
        counts = per_stelling.get(stelling.pk, Counter())
        groepen = []
        if sessie.achtergronden:
            for value in [*sessie.achtergronden, ""]:
                group_counts = per_groep.get((stelling.pk, value), Counter())
                if value or group_counts:
                    groepen.append(
                        Groep(
                            label=labels.get(value, "Niet gekozen"),
                            totaal=sum(group_counts.values()),
                            opties=_options(sessie.options, group_counts),
                        )
                    )
        uitslagen.append(
            Uitslag(
                stelling=stelling,
                totaal=sum(counts.values()),
                opties=_options(sessie.options, counts),
                groepen=groepen,
                verdeeldheid=divisiveness(sessie.schaal, counts),
            )
        )
    return uitslagen


def most_divided_first(uitslagen):
    """The statements to discuss first: most divided on top, then the order they were played."""
    return sorted(uitslagen, key=lambda u: (-u.verdeeldheid, u.stelling.volgorde))
