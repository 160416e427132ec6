"""Only what the young person chose is recorded: no code path stores a score that was not sent."""

import itertools

import pytest
from django.db import IntegrityError

from gesprekstool.forms import tekst_versie
from gesprekstool.models import Antwoord, Gesprek, Onderdeel, Stelling
from gesprekstool.services import AntwoordInvoer, gesprek_save_part
from tests.gesprekstool.conftest import part_data

pytestmark = pytest.mark.django_db


def zelfherstel():
    return Onderdeel.objects.get(slug="zelfherstel")


def untouched_form(part, **extra):
    """What the part page sends when nobody touched anything: every statement, no choice."""
    data = {"stelling": []}
    for stelling in Stelling.objects.active().filter(onderdeel=part):
        data["stelling"].append(str(stelling.id))
        data[f"s{stelling.id}-versie"] = tekst_versie(stelling.tekst)
        data[f"s{stelling.id}-score"] = ""  # the checked "nog niet gekozen"
        data[f"s{stelling.id}-keuze"] = ""
        data[f"s{stelling.id}-notitie"] = ""
        data[f"s{stelling.id}-bewaard"] = ""
    data.update(extra)
    return data


def test_the_untouched_part_page_has_nothing_chosen(client, gesprek_url):
    page = client.get(gesprek_url + "zelfherstel/").content.decode()
    assert page.count('value="" checked') == 8  # "nog niet gekozen", once per statement
    assert page.count("checked") == 8


def test_submitting_an_untouched_part_stores_nothing(client, gesprek_url):
    response = client.post(gesprek_url + "zelfherstel/", untouched_form(zelfherstel()))
    assert response.status_code == 302
    assert not Antwoord.objects.exists()
    page = client.get(response.url).content.decode()
    assert "0 van de 8 stellingen zijn beantwoord" in page


def test_submitting_an_untouched_part_in_simple_mode_stores_nothing(client, gesprek_url):
    client.post(gesprek_url + "instellingen/", {"trajectcode": "", "eenvoudig": "on"})
    client.post(gesprek_url + "zelfherstel/", untouched_form(zelfherstel()))
    assert not Antwoord.objects.exists()


FIELD_CHOICES = {
    "score": [None, "0", "5", "10"],
    "weet_niet": [None, "on"],
    "bespreken": [None, "on"],
    "notitie": [None, "Zegt: het gaat beter."],
}


@pytest.mark.parametrize("eenvoudig", [False, True])
def test_the_stored_score_is_exactly_the_score_that_was_sent(client, gesprek_url, eenvoudig):
    """Every combination of fields sent for one statement, in both modes: the stored row holds
    exactly what was sent, and nothing at all when nothing was."""
    if eenvoudig:
        client.post(gesprek_url + "instellingen/", {"trajectcode": "", "eenvoudig": "on"})
    stelling = Stelling.objects.filter(onderdeel=zelfherstel()).first()
    p = f"s{stelling.id}"
    score_field = "keuze" if eenvoudig else "score"
    scores = ["0", "5", "10"] if not eenvoudig else ["0", "5", "10"]
    for score, weet_niet, bespreken, notitie in itertools.product(
        [None, *scores], *[FIELD_CHOICES[k] for k in ("weet_niet", "bespreken", "notitie")]
    ):
        Antwoord.objects.all().delete()
        data = {"stelling": [str(stelling.id)], f"{p}-versie": tekst_versie(stelling.tekst)}
        for name, value in [
            (score_field, score),
            ("weet_niet", weet_niet),
            ("bespreken", bespreken),
            ("notitie", notitie),
        ]:
            if value is not None:
                data[f"{p}-{name}"] = value
        response = client.post(gesprek_url + "zelfherstel/", data, HTTP_X_GESPREKSTOOL_AUTOSAVE="1")
        assert response.status_code == 204
        sent = (score, weet_niet, bespreken, notitie)
        row = Antwoord.objects.filter(stelling=stelling).first()
        if not any(sent):
            assert row is None, f"stored {row.score} for nothing sent"
            continue
        expected_score = None if weet_niet or score is None else int(score)
        assert row is not None, sent
        assert row.score == expected_score, sent
        assert row.weet_niet == bool(weet_niet), sent
        assert row.bespreken == bool(bespreken), sent
        assert row.notitie == (notitie or ""), sent


def test_the_service_has_no_default_score():
    with pytest.raises(TypeError):
        AntwoordInvoer(stelling=None, weet_niet=False, bespreken=True, notitie="")  # no score
    with pytest.raises(ValueError):
        AntwoordInvoer(stelling=None, score=4, weet_niet=True, bespreken=False, notitie="")


def test_an_empty_answer_is_never_stored(seed):
    gesprek = Gesprek.objects.create()
    stelling = Stelling.objects.first()
    empty = AntwoordInvoer(
        stelling=stelling, score=None, weet_niet=False, bespreken=False, notitie=""
    )
    gesprek_save_part(gesprek=gesprek, antwoorden=[empty])
    assert not Antwoord.objects.exists()
    with pytest.raises(IntegrityError):
        Antwoord.objects.create(gesprek=gesprek, stelling=stelling, stelling_tekst="x")


def test_a_mark_without_a_score_is_kept_but_does_not_count_as_answered(client, gesprek_url):
    stelling = Stelling.objects.filter(onderdeel=zelfherstel()).first()
    data = untouched_form(zelfherstel(), **{f"s{stelling.id}-bespreken": "on"})
    response = client.post(gesprek_url + "zelfherstel/", data)
    row = Antwoord.objects.get()
    assert (row.score, row.weet_niet, row.bespreken) == (None, False, True)
    assert "0 van de 8 stellingen zijn beantwoord" in client.get(response.url).content.decode()
    assert "Nog niet begonnen" in client.get(gesprek_url).content.decode()


def test_progress_counts_chosen_answers_only(client, gesprek_url):
    stellingen = list(Stelling.objects.filter(onderdeel=zelfherstel()))
    data = untouched_form(
        zelfherstel(),
        **{
            f"s{stellingen[0].id}-score": "5",
            f"s{stellingen[1].id}-weet_niet": "on",
            f"s{stellingen[2].id}-notitie": "Alleen een notitie.",
        },
    )
    client.post(gesprek_url + "zelfherstel/", data)
    assert "2 van 8 beantwoord" in client.get(gesprek_url).content.decode()


def test_a_cleared_choice_is_deleted_but_an_open_statement_never_erases(client, gesprek_url):
    part = zelfherstel()
    first, second = Stelling.objects.filter(onderdeel=part)[:2]
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[7, 8]))
    # The worker clears the first one ("Wis keuze") on a page that showed it as saved.
    data = untouched_form(part, **{f"s{first.id}-bewaard": "1"})
    # A stale tab where the second one was still open sends nothing for it.
    client.post(gesprek_url + "zelfherstel/", data)
    assert not Antwoord.objects.filter(stelling=first).exists()
    assert Antwoord.objects.get(stelling=second).score == 8


def test_the_closing_check_stores_nothing_until_chosen(client, gesprek_url):
    empty = {"check_gehoord": "", "check_belangrijk": "", "check_manier": ""}
    response = client.post(gesprek_url + "afsluiting/", empty, follow=True)
    assert "Er is nog niets gekozen, dus er is niets bewaard." in response.content.decode()
    gesprek = Gesprek.objects.get()
    assert (gesprek.check_gehoord, gesprek.check_belangrijk, gesprek.check_manier) == (
        None,
        None,
        None,
    )
    assert not gesprek.heeft_afsluiting
    client.post(gesprek_url + "afsluiting/", {**empty, "check_belangrijk": "5"})
    gesprek.refresh_from_db()
    assert (gesprek.check_gehoord, gesprek.check_belangrijk, gesprek.check_manier) == (
        None,
        5,
        None,
    )
    export = client.get(gesprek_url + "gespreksbestand.json").json()
    assert export["afsluiting"] == {"gehoord": None, "belangrijk": 5, "manier": None}


def test_an_empty_conversation_has_no_closing_check_in_pdf_or_file(client, gesprek_url):
    export = client.get(gesprek_url + "gespreksbestand.json").json()
    assert export["afsluiting"] == {"gehoord": None, "belangrijk": None, "manier": None}
    assert "Niet ingevuld." in client.get(gesprek_url + "afdrukken/").content.decode()


def test_the_statement_markup_escapes_content_and_what_was_typed(client, gesprek_url):
    # The statements and scales are written out in Python (templatetags/stellingen.py), not by
    # the template engine: everything in them must still be escaped.
    part = zelfherstel()
    stelling = Stelling.objects.active().filter(onderdeel=part).first()
    stelling.tekst = 'Ik zeg "sorry" <b>echt</b> & meen het'
    stelling.doorvragen = "Wat <i>bedoel</i> je?"
    stelling.save()
    typed = '</textarea><script>alert("x")</script>'
    response = client.post(
        gesprek_url + "zelfherstel/", untouched_form(part, **{f"s{stelling.id}-notitie": typed})
    )
    assert response.status_code == 302
    page = client.get(gesprek_url + "zelfherstel/").content.decode()
    assert "Ik zeg &quot;sorry&quot; &lt;b&gt;echt&lt;/b&gt; &amp; meen het" in page
    assert "<li>Wat &lt;i&gt;bedoel&lt;/i&gt; je?</li>" in page
    assert "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>" in page
    assert "<script>alert" not in page
