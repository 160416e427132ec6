"""The reading-level measure on known easy and hard Dutch sentences."""

import pytest

from kennisplein.leesbaarheid import B1, JONGEREN, measure, syllables

EASY = "Ik praat met mijn moeder. Zij helpt mij. Samen maken we een plan."
HARD = (
    "Door de jeugdreclasseringsmedewerker wordt in samenspraak met de betrokken ketenpartners "
    "een herstelgerichte interventie geïndiceerd, waarbij nadrukkelijk rekening gehouden wordt "
    "met de specifieke beschermende factoren en risicofactoren van de betreffende jeugdige."
)


@pytest.mark.parametrize(
    ("word", "count"),
    [("ik", 1), ("brief", 1), ("slachtoffer", 3), ("herstelgerichte", 5), ("ideeën", 3)],
)
def test_syllables_of_dutch_words(word, count):
    assert syllables(word) == count


def test_an_easy_text_is_on_target_for_young_people():
    result = measure(EASY, JONGEREN)
    assert result.on_target
    assert result.verdict == "goed leesbaar"
    assert result.hints == []
    assert result.flesch_douma >= 80
    assert result.sentences == 3


def test_a_hard_text_is_far_from_b1_and_says_why():
    result = measure(HARD, B1)
    assert not result.on_target
    assert result.verdict == "te moeilijk"
    assert result.flesch_douma < 30
    assert result.lix > 60
    assert result.long_sentences == 1
    assert "jeugdreclasseringsmedewerker" in result.long_words
    assert result.passive_sentences == 1
    assert any("langer dan 20 woorden" in hint for hint in result.hints)
    assert any("Schrijf actief" in hint for hint in result.hints)
    assert measure(HARD, B1).distance > measure(EASY, B1).distance


def test_statements_for_young_people_have_a_stricter_target():
    sentence = "Ik vind het soms lastig om met mijn ouders te praten over wat er gebeurd is."
    assert measure(sentence, B1).on_target
    young = measure(sentence, JONGEREN)
    assert not young.on_target
    assert young.hints[0].startswith("1 zin is langer dan 12 woorden")


def test_passive_sentences_are_found_and_active_ones_are_not():
    assert measure("De brief werd door de jongere geschreven.").passive_sentences == 1
    assert measure("Er wordt veel gepraat.").passive_sentences == 1
    assert measure("De jongere schreef de brief.").passive_sentences == 0
    assert measure("Ik word later kok.").passive_sentences == 0


def test_markdown_is_measured_as_the_reader_sees_it():
    text = "## Kop\n\n- Een korte regel\n- Nog een regel\n\n[Lees meer](/kennisplein/x/)."
    result = measure(text)
    assert result.sentences == 4
    assert "kennisplein" not in [word.lower() for word in result.long_words]


def test_abbreviations_do_not_end_a_sentence():
    assert measure("Schrijf bijv. een brief aan het slachtoffer.").sentences == 1


def test_no_text_has_no_score():
    result = measure("")
    assert result.words == 0
    assert result.flesch_douma is None
    assert result.verdict == "nog geen tekst"


def test_a_short_title_is_judged_on_its_words_not_on_the_formula():
    title = measure("De excuusbrief: samen voorbereiden en schrijven", B1)
    assert not title.scored
    assert title.on_target
    assert not measure("Handleiding jeugdreclasseringsmedewerkers", B1).on_target
