"""Which leads (aanknopingspunten) a conversation gets, chosen by its answers."""

import pytest

from gesprekstool.models import Regel
from gesprekstool.summary import gesprek_resultaten
from tests.factories import (
    AanknopingspuntFactory,
    AntwoordFactory,
    GesprekFactory,
    OnderdeelFactory,
    StellingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def part():
    onderdeel = OnderdeelFactory(titel="Ik zelf")
    stellingen = [StellingFactory(onderdeel=onderdeel) for _ in range(3)]
    return onderdeel, stellingen


def titles(gesprek, onderdeel):
    result = gesprek_resultaten(gesprek, onderdelen=[onderdeel])[0]
    return [punt.titel for punt in result.aanknopingspunten]


@pytest.mark.parametrize(
    ("regel", "drempel", "score", "shown"),
    [
        (Regel.STELLING_LAAG, 4, 4, True),
        (Regel.STELLING_LAAG, 4, 5, False),
        (Regel.STELLING_LAAG, 4, 0, True),
        (Regel.STELLING_HOOG, 7, 7, True),
        (Regel.STELLING_HOOG, 7, 6, False),
        (Regel.STELLING_HOOG, 7, 10, True),
    ],
)
def test_statement_rules_compare_the_score_with_the_threshold(part, regel, drempel, score, shown):
    onderdeel, stellingen = part
    AanknopingspuntFactory(
        onderdeel=onderdeel, titel="De tip", regel=regel, stelling=stellingen[0], drempel=drempel
    )
    gesprek = GesprekFactory()
    AntwoordFactory(gesprek=gesprek, stelling=stellingen[0], score=score)
    assert titles(gesprek, onderdeel) == (["De tip"] if shown else [])


def test_dont_know_never_triggers_a_score_rule(part):
    onderdeel, stellingen = part
    AanknopingspuntFactory(
        onderdeel=onderdeel,
        titel="Laag",
        regel=Regel.STELLING_LAAG,
        stelling=stellingen[0],
        drempel=4,
    )
    gesprek = GesprekFactory()
    AntwoordFactory(gesprek=gesprek, stelling=stellingen[0], score=None, weet_niet=True)
    assert titles(gesprek, onderdeel) == []


def test_average_rules_use_only_real_scores(part):
    onderdeel, stellingen = part
    AanknopingspuntFactory(
        onderdeel=onderdeel, titel="Laag gemiddeld", regel=Regel.GEMIDDELDE_LAAG, drempel=5
    )
    AanknopingspuntFactory(
        onderdeel=onderdeel, titel="Hoog gemiddeld", regel=Regel.GEMIDDELDE_HOOG, drempel=7
    )
    gesprek = GesprekFactory()
    AntwoordFactory(gesprek=gesprek, stelling=stellingen[0], score=2)
    AntwoordFactory(gesprek=gesprek, stelling=stellingen[1], score=6)
    AntwoordFactory(gesprek=gesprek, stelling=stellingen[2], score=None, weet_niet=True)
    # Average of 2 and 6 is 4; the skipped statement does not count as 0.
    assert titles(gesprek, onderdeel) == ["Laag gemiddeld"]
    result = gesprek_resultaten(gesprek, onderdelen=[onderdeel])[0]
    assert result.gemiddelde == 4


def test_marked_for_talking_rule(part):
    onderdeel, stellingen = part
    AanknopingspuntFactory(
        onderdeel=onderdeel, titel="Praten", regel=Regel.BESPREKEN, stelling=stellingen[1]
    )
    gesprek = GesprekFactory()
    AntwoordFactory(gesprek=gesprek, stelling=stellingen[1], score=8, bespreken=False)
    assert titles(gesprek, onderdeel) == []
    gesprek.antwoorden.update(bespreken=True)
    assert titles(gesprek, onderdeel) == ["Praten"]


def test_no_leads_before_the_part_is_answered(part):
    onderdeel, _ = part
    AanknopingspuntFactory(onderdeel=onderdeel, titel="Altijd", regel=Regel.ALTIJD)
    gesprek = GesprekFactory()
    assert titles(gesprek, onderdeel) == []
    AntwoordFactory(gesprek=gesprek, stelling=onderdeel.stellingen.first(), score=5)
    assert titles(gesprek, onderdeel) == ["Altijd"]


def test_leads_of_another_part_are_not_shown(part):
    onderdeel, stellingen = part
    other = OnderdeelFactory(titel="Anders")
    AanknopingspuntFactory(onderdeel=other, titel="Van een ander deel", regel=Regel.ALTIJD)
    gesprek = GesprekFactory()
    AntwoordFactory(gesprek=gesprek, stelling=stellingen[0], score=5)
    assert titles(gesprek, onderdeel) == []


def test_a_rule_without_its_statement_is_refused_by_the_database(part):
    from django.db import IntegrityError

    onderdeel, _ = part
    with pytest.raises(IntegrityError):
        AanknopingspuntFactory(onderdeel=onderdeel, regel=Regel.STELLING_LAAG, drempel=4)


def test_seeded_leads_link_to_published_items(seed):
    from gesprekstool.models import Aanknopingspunt

    for punt in Aanknopingspunt.objects.prefetch_related("items"):
        assert punt.items.exists(), f"{punt} links to no kennisplein item"
