"""The relevance set: what professionals type, and which seed items must be in the top three.

`measure()` runs every query through the list page's search and gives the share of queries
whose expected items are all in the top three, and the mean reciprocal rank of the first
expected item. `manage.py kennisplein_relevantie` prints it; a test requires every query to
pass (tests/kennisplein/test_relevance.py). Add a query when a search disappoints someone.
"""

from dataclasses import dataclass

from django.http import QueryDict

from .listing import build_list, parse_state

TOP = 3

# (query, slugs that must all be in the top three)
QUERIES = [
    # single words
    ("tijdlijn", ["dit-zijn-wij-tijdlijnen"]),
    ("keukentafel", ["keukentafeluitdaging"]),
    ("halt", ["halt-afdoening"]),
    ("factsheet", ["factsheet-herstelgericht-werken"]),
    ("groeiplan", ["groeiplan"]),
    ("modekaarten", ["safe-path-modekaarten"]),
    ("slachtofferbewustzijn", ["slachtofferbewustzijn"]),
    ("maatjes", ["maatjes"]),
    ("burgervoogd", ["burgervoogd"]),
    ("businesscase", ["maatschappelijke-businesscase-werken-zonder-maatregel"]),
    # plurals and other forms
    ("brieven", ["excuusbrief-schrijven"]),
    ("tijdlijnen", ["dit-zijn-wij-tijdlijnen"]),
    ("excuses", ["excuses-aanbieden-checklist"]),
    ("afstemmingsgesprekken", ["afstemmingsgesprek"]),
    ("leerbijeenkomst", ["draaiboek-leerbijeenkomsten"]),
    ("vrijwilliger", ["vrijwilligers-borsele"]),
    ("video", ["succesfilmpjes-jongeren", "animatiefilm-signs-of-success"]),
    # compounds, both ways
    ("herstelbemiddeling", ["perspectief-herstelbemiddeling"]),
    ("excuusbrieven", ["excuusbrief-schrijven"]),
    ("herstelgesprek", ["herstelgesprek-voorbereiden"]),
    ("bemiddeling", ["perspectief-herstelbemiddeling"]),
    ("schadevergoeding", ["schade-herstellen"]),
    ("jongerenambassadeur", ["jongerenambassadeurs"]),
    # synonyms and accents
    ("sorry zeggen", ["excuses-aanbieden-checklist"]),
    ("clientbureau", ["clientbureau"]),
    ("cliëntentafel", ["spiegelgesprek-en-cliententafel"]),
    # two words and questions
    ("methode signs of success", ["signs-of-success"]),
    ("safe path", ["safe-path-jeugdzorg"]),
    ("schade vergoeden", ["schade-herstellen"]),
    ("slachtoffer wil geen contact", ["slachtoffer-wil-geen-contact"]),
    ("hoe schrijf je een excuusbrief aan het slachtoffer", ["excuusbrief-schrijven"]),
    ("netwerk betrekken", ["tipsheet-netwerk-betrekken"]),
    ("complexe scheiding", ["beschermen-en-versterken"]),
    ("kleinschalige voorziening", ["hand-out-kleinschalige-voorzieningen"]),
    ("tips zelfherstel", ["tips-zelfherstel"]),
    ("ontmoeting met het slachtoffer voorbereiden", ["herstelgesprek-voorbereiden"]),
    ("feedback na elk gesprek", ["wat-werkt-feedback"]),
    # typos: the suggestion is followed, as a visitor would
    ("herstelbemidelingg", ["perspectief-herstelbemiddeling"]),
    ("keukentafeluitdagin", ["keukentafeluitdaging"]),
]


@dataclass
class Outcome:
    query: str
    expected: list[str]
    found: list[str]  # the top slugs

    @property
    def passed(self):
        return set(self.expected) <= set(self.found[:TOP])

    @property
    def reciprocal_rank(self):
        ranks = [self.found.index(slug) + 1 for slug in self.expected if slug in self.found]
        return 1 / min(ranks) if ranks else 0.0


def top(query: str, count: int = 10) -> list[str]:
    """The first slugs the list page shows for this query, following "Bedoelde je …?"."""
    from .listing import spelling_suggestion

    params = QueryDict(mutable=True)
    params["q"] = query
    state = parse_state(params)
    found = list(build_list(state).items.values_list("slug", flat=True)[:count])
    if not found and (suggestion := spelling_suggestion(state, params)):
        return top(suggestion["query"], count)
    return found


def measure() -> list[Outcome]:
    return [Outcome(query, expected, top(query)) for query, expected in QUERIES]


def summary(outcomes: list[Outcome]) -> str:
    share = sum(o.passed for o in outcomes) / len(outcomes)
    mrr = sum(o.reciprocal_rank for o in outcomes) / len(outcomes)
    return f"{len(outcomes)} zoekvragen: {share:.0%} in de top {TOP}, MRR {mrr:.2f}"
