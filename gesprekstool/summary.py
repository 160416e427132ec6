"""Read-side of a conversation: progress, averages, the leads chosen by the answers, and what
changed since the conversation before it (for a follow-up)."""

from dataclasses import dataclass, field

from django.utils.formats import number_format

from herstel.fragments import kept_in_process

from .models import (
    Aanknopingspunt,
    Antwoord,
    Onderdeel,
    Stelling,
    gesprek_antwoorden,
    onderdeel_antwoorden,
)


def average(scores):
    """The one average of the site: of real scores only ("weet ik niet" has none), one decimal."""
    scores = [s for s in scores if s is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


@dataclass(frozen=True)
class Verandering:
    """A score (or average) last time and now, and the difference in words."""

    vorige: float | None
    nu: float | None

    @property
    def verschil(self):
        if self.vorige is None or self.nu is None:
            return None
        return round(self.nu - self.vorige, 1)

    @property
    def woorden(self):
        if self.vorige is None and self.nu is None:
            return "niet beantwoord"
        if self.vorige is None:
            return "vorige keer geen score"
        if self.nu is None:
            return "nu (nog) geen score"
        if self.verschil == 0:
            return "gelijk gebleven"
        richting = "hoger" if self.verschil > 0 else "lager"
        return f"{number_format(abs(self.verschil))} {richting}"

    @property
    def kort(self):
        """For the chart: +1,5 / −0,5 / =."""
        if self.verschil is None:
            return ""
        if self.verschil == 0:
            return "="
        sign = "+" if self.verschil > 0 else "−"
        return f"{sign}{number_format(abs(self.verschil))}"


@dataclass(frozen=True)
class Tip:
    """A lead as one page shows it: the lead (shared content) and the kennisplein items it
    recommends there."""

    punt: Aanknopingspunt
    aanbevolen: list


@dataclass
class OnderdeelResultaat:
    onderdeel: Onderdeel
    stellingen: list = field(default_factory=list)
    antwoorden: dict = field(default_factory=dict)  # stelling_id -> Antwoord
    aanknopingspunten: list = field(default_factory=list)  # the leads the answers chose
    tips: list = field(default_factory=list)  # those leads as Tips (`recommend_once`)
    vorige: float | None = None
    vorige_stellingen: dict = field(default_factory=dict)  # code -> earlier answer (a dict)

    @property
    def beantwoord(self):
        """Statements with a chosen score or "weet ik niet"; a mark or a note alone is not."""
        return sum(
            1 for s in self.stellingen if s.id in self.antwoorden and self.antwoorden[s.id].gekozen
        )

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
    def gemiddelde(self):
        return average(a.score for a in self.antwoorden.values())

    @property
    def verandering(self):
        return Verandering(self.vorige, self.gemiddelde)

    @property
    def vorige_bespreken(self):
        """Statements of this part marked "hier wil ik over praten" last time."""
        return [
            s for s in self.stellingen if self.vorige_stellingen.get(s.code, {}).get("bespreken")
        ]

    @property
    def stelling_veranderingen(self):
        """(statement text, Verandering) for every statement answered last time or now."""
        rows = []
        for stelling, antwoord in self.rijen:
            earlier = self.vorige_stellingen.get(stelling.code)
            if earlier is None and (antwoord is None or not antwoord.gekozen):
                continue
            tekst = antwoord.stelling_tekst if antwoord else stelling.tekst
            rows.append(
                (tekst, Verandering(earlier and earlier["score"], antwoord and antwoord.score))
            )
        return rows

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


@dataclass(frozen=True)
class ToolContent:
    """The parts, their active statements and their leads, as each process holds them for the
    current content version, shared by all its requests: nothing changes these objects (what a
    page adds, such as the items a lead recommends there, goes into its own
    `OnderdeelResultaat`)."""

    onderdelen: list
    stellingen_per_onderdeel: dict  # onderdeel_id -> its active statements, in their order
    leads: dict  # onderdeel_id -> [Aanknopingspunt with its `links`]

    def stellingen(self, onderdeel_id):
        """The active statements of one part, in their order."""
        return self.stellingen_per_onderdeel.get(onderdeel_id, [])


def tool_content(request=None):
    """The tool's content (`ToolContent`): the same for every conversation, so kept per content
    version (herstel/fragments.kept). Only content is kept; a conversation's answers are read
    for each request and never put in a cache. Each process unpickles it once per content
    version (`kept_in_process`): unpickling it for every request cost a filled result page
    about a twentieth of its CPU."""

    def read():
        stellingen, leads = {}, {}
        onderdelen = list(Onderdeel.objects.select_related("pijler"))
        for stelling in Stelling.objects.active():
            stellingen.setdefault(stelling.onderdeel_id, []).append(stelling)
        for punt in Aanknopingspunt.objects.for_onderdelen(onderdelen):
            leads.setdefault(punt.onderdeel_id, []).append(punt)
        return ToolContent(onderdelen, stellingen, leads)

    return kept_in_process(request, "gesprekstool-inhoud-4", [], read)


def _antwoorden(gesprek, results, content):
    """This conversation's answers in these parts (each with its statement), in statement
    order: one query; one more only when answers of archived statements are among them."""
    if len(results) == 1:
        rows = onderdeel_antwoorden(gesprek_id=gesprek.id, onderdeel_id=next(iter(results)))
    else:
        rows = gesprek_antwoorden(gesprek_id=gesprek.id)
    stellingen = {s.id: s for onderdeel_id in results for s in content.stellingen(onderdeel_id)}
    archived = {row.stelling_id for row in rows} - stellingen.keys()
    if archived:
        stellingen.update(Stelling.objects.in_bulk(archived))
    for antwoord in rows:
        antwoord.stelling = stellingen[antwoord.stelling_id]
    rows = [a for a in rows if a.stelling.onderdeel_id in results]
    return sorted(rows, key=lambda a: (a.stelling.volgorde, a.stelling_id))


def gesprek_resultaten(gesprek, *, onderdelen=None, with_leads=True, request=None, content=None):
    """One OnderdeelResultaat per part: the kept content (`tool_content`) and one query for
    this conversation's answers. With the `request`, the content version is the one the page's
    fragments use (read once)."""
    content = content or tool_content(request)
    if onderdelen is None:
        onderdelen = content.onderdelen
    results = {o.id: OnderdeelResultaat(onderdeel=o) for o in onderdelen}
    for onderdeel_id, result in results.items():
        result.stellingen = list(content.stellingen(onderdeel_id))
    # Ordered within a part only (each part has its own dict).
    for antwoord in _antwoorden(gesprek, results, content):
        results[antwoord.stelling.onderdeel_id].antwoorden[antwoord.stelling_id] = antwoord
    # A part without answers shows no leads.
    answered = with_leads and any(result.antwoorden for result in results.values())
    leads = content.leads if answered else {}
    for onderdeel_id, result in results.items():
        if not result.antwoorden:
            continue
        gemiddelde = result.gemiddelde
        for punt in leads.get(onderdeel_id, []):
            if punt.applies(result.antwoorden, gemiddelde):
                result.aanknopingspunten.append(punt)
    recommend_once(results.values())
    vorige = gesprek.vorige or {}
    for result in results.values():
        result.vorige = vorige.get("onderdelen", {}).get(result.onderdeel.slug)
        result.vorige_stellingen = vorige.get("stellingen", {})
    return list(results.values())


def onderdeel_resultaat(gesprek, slug, *, with_leads=True, request=None):
    """The OnderdeelResultaat of the part `slug`, the part itself taken from the kept content
    (no query of its own); None when there is no such part."""
    content = tool_content(request)
    onderdeel = next((o for o in content.onderdelen if o.slug == slug), None)
    if onderdeel is None:
        return None
    return gesprek_resultaten(
        gesprek, onderdelen=[onderdeel], with_leads=with_leads, content=content
    )[0]


def tips_sleutel(resultaten):
    """What the tips on the result page show besides the content: the answered parts and the
    leads their answers chose (their items follow from those). Keys the kept fragment."""
    return [
        (r.onderdeel.id, [p.id for p in r.aanknopingspunten]) for r in resultaten if r.antwoorden
    ]


def recommend_once(resultaten):
    """Show every chosen lead as a Tip with the kennisplein items not already recommended by a
    lead before it (in part order), so one item is recommended once on a page."""
    seen = set()
    for result in resultaten:
        result.tips = []
        for punt in result.aanknopingspunten:
            aanbevolen = [link for link in punt.links if link.id not in seen]
            seen.update(link.id for link in aanbevolen)
            result.tips.append(Tip(punt, aanbevolen))


def scores_per_gesprek(gesprekken):
    """{gesprek_id: {stelling_id: Antwoord}} for several conversations, in one query."""
    answers = {}
    for antwoord in Antwoord.objects.filter(gesprek__in=[g.id for g in gesprekken]).select_related(
        "stelling"
    ):
        answers.setdefault(antwoord.gesprek_id, {})[antwoord.stelling_id] = antwoord
    return answers


def gemiddelden_per_onderdeel(answers):
    """{gesprek_id: {onderdeel_id: average}} from scores_per_gesprek(): "weet ik niet" has no
    score and does not count."""
    averages = {}
    for gesprek_id, per_statement in answers.items():
        per_part = {}
        for antwoord in per_statement.values():
            per_part.setdefault(antwoord.stelling.onderdeel_id, []).append(antwoord.score)
        averages[gesprek_id] = {part: average(scores) for part, scores in per_part.items()}
    return averages


def veranderingen(onderdelen, earlier, later):
    """What changed between two conversations ({stelling_id: Antwoord} each), per part:
    [(onderdeel, Verandering of the average, [(statement text, Verandering), …]), …]."""
    rows = []
    for onderdeel in onderdelen:
        before, after = (
            {sid: a for sid, a in answers.items() if a.stelling.onderdeel_id == onderdeel.id}
            for answers in (earlier, later)
        )
        # Statements chosen in either conversation; the text as asked most recently.
        chosen = {sid: a for answers in (before, after) for sid, a in answers.items() if a.gekozen}
        asked = {**chosen, **{sid: after[sid] for sid in chosen if sid in after}}
        statements = [
            (
                asked[sid].stelling_tekst,
                Verandering(
                    before[sid].score if sid in before else None,
                    after[sid].score if sid in after else None,
                ),
            )
            for sid in sorted(chosen, key=lambda sid: (chosen[sid].stelling.volgorde, sid))
        ]
        average_change = Verandering(
            average(a.score for a in before.values()), average(a.score for a in after.values())
        )
        rows.append((onderdeel, average_change, statements))
    return rows
