"""What a follow-up keeps of the conversation before it.

A follow-up starts from a snapshot of the earlier conversation, whether that comes from a saved
conversation in a trajectory or from a gespreksbestand: its date, the average per part, the
answer per statement (score, "weet ik niet", "hier wil ik over praten") and its agreements,
which become the follow-up's Terugblik rows. The snapshot is copied, not referenced, so the
follow-up keeps it when the earlier conversation is deleted.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from .models import Afspraak, Antwoord
from .summary import average


@dataclass(frozen=True)
class Snapshot:
    vorige: dict  # stored as Gesprek.vorige
    afspraken: list = field(default_factory=list)  # fields of Terugblik rows


def _vorige(datum, antwoorden):
    """antwoorden: (onderdeel slug, statement code, score, weet_niet, bespreken)."""
    per_part = {}
    for slug, _, score, _, _ in antwoorden:
        if score is not None:
            per_part.setdefault(slug, []).append(score)
    return {
        "datum": datum.isoformat(),
        "onderdelen": {slug: average(scores) for slug, scores in per_part.items()},
        "stellingen": {
            code: {"onderdeel": slug, "score": score, "weet_niet": weet_niet, "bespreken": mark}
            for slug, code, score, weet_niet, mark in antwoorden
        },
    }


def afspraak_fields(afspraak, onderdelen=None):
    """The what/who/when of an agreement (a model or a file's entry) as model fields."""
    onderdeel = onderdelen[afspraak.onderdeel] if onderdelen else afspraak.onderdeel
    return {
        "onderdeel": onderdeel,
        "wat": afspraak.wat,
        "wie_rol": afspraak.wie_rol,
        "wie": afspraak.wie,
        "wanneer": afspraak.wanneer,
    }


def from_gesprek(gesprek):
    antwoorden = Antwoord.objects.filter(gesprek=gesprek).values_list(
        "stelling__onderdeel__slug", "stelling__code", "score", "weet_niet", "bespreken"
    )
    afspraken = Afspraak.objects.filter(gesprek=gesprek).select_related("onderdeel")
    return Snapshot(
        vorige=_vorige(timezone.localdate(gesprek.aangemaakt), list(antwoorden)),
        afspraken=[afspraak_fields(a) for a in afspraken],
    )


def from_bestand(bestand):
    inhoud = bestand.inhoud
    antwoorden = [
        (a.onderdeel, a.stelling, a.score, a.weet_niet, a.bespreken) for a in inhoud.antwoorden
    ]
    return Snapshot(
        vorige=_vorige(bestand.datum, antwoorden),
        afspraken=[afspraak_fields(a, bestand.onderdelen) for a in inhoud.afspraken],
    )
