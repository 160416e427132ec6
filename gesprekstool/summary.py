"""Read-side of a conversation: progress, averages and the leads chosen by the answers."""

from dataclasses import dataclass, field

from django.db.models import Avg

from .models import Aanknopingspunt, Antwoord, Onderdeel, Stelling


@dataclass
class OnderdeelResultaat:
    onderdeel: Onderdeel
    stellingen: list = field(default_factory=list)
    antwoorden: dict = field(default_factory=dict)  # stelling_id -> Antwoord
    aanknopingspunten: list = field(default_factory=list)
    vorige: float | None = None

    @property
    def beantwoord(self):
        return sum(1 for s in self.stellingen if s.id in self.antwoorden)

    @property
    def totaal(self):
        return len(self.stellingen)

    @property
    def klaar(self):
        return self.totaal > 0 and self.beantwoord == self.totaal

    @property
    def status(self):
        if self.klaar:
            return "Klaar"
        if self.beantwoord:
            return f"{self.beantwoord} van {self.totaal} beantwoord"
        return "Nog niet begonnen"

    @property
    def scores(self):
        return [a.score for a in self.antwoorden.values() if a.score is not None]

    @property
    def gemiddelde(self):
        scores = self.scores
        return round(sum(scores) / len(scores), 1) if scores else None

    @property
    def te_bespreken(self):
        return [a for a in self.antwoorden.values() if a.bespreken]

    @property
    def rijen(self):
        """(stelling, antwoord or None) for every active statement plus archived answered ones."""
        rows = [(s, self.antwoorden.get(s.id)) for s in self.stellingen]
        shown = {s.id for s in self.stellingen}
        rows += [(a.stelling, a) for sid, a in self.antwoorden.items() if sid not in shown]
        return rows


def gesprek_resultaten(gesprek, *, onderdelen=None, with_leads=True):
    """One OnderdeelResultaat per part, in a fixed number of queries (no N+1)."""
    if onderdelen is None:
        onderdelen = list(Onderdeel.objects.select_related("pijler"))
    results = {o.id: OnderdeelResultaat(onderdeel=o) for o in onderdelen}
    for stelling in Stelling.objects.active().filter(onderdeel__in=results):
        results[stelling.onderdeel_id].stellingen.append(stelling)
    for antwoord in Antwoord.objects.filter(
        gesprek=gesprek, stelling__onderdeel__in=results
    ).select_related("stelling"):
        results[antwoord.stelling.onderdeel_id].antwoorden[antwoord.stelling_id] = antwoord
    leads = Aanknopingspunt.objects.for_onderdelen(list(results)) if with_leads else []
    for punt in leads:
        result = results[punt.onderdeel_id]
        if result.antwoorden and punt.applies(result.antwoorden, result.gemiddelde):
            result.aanknopingspunten.append(punt)
    vorige = (gesprek.vorige or {}).get("onderdelen", {})
    for result in results.values():
        result.vorige = vorige.get(result.onderdeel.slug)
    return list(results.values())


def gemiddelden_per_onderdeel(gesprekken):
    """{gesprek_id: {onderdeel_id: average score}} for several conversations, in one query.

    "Weet ik niet" has no score and does not count.
    """
    averages = {}
    rows = (
        Antwoord.objects.filter(gesprek__in=[g.id for g in gesprekken], score__isnull=False)
        .values("gesprek_id", "stelling__onderdeel_id")
        .order_by()
        .annotate(gemiddelde=Avg("score"))
    )
    for row in rows:
        averages.setdefault(row["gesprek_id"], {})[row["stelling__onderdeel_id"]] = round(
            row["gemiddelde"], 1
        )
    return averages
