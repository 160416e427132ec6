"""The anonymous conversation: saving, reopening, leads, agreements, closing check, closing."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import ProtectedError
from django.test import Client
from django.utils import timezone

from gesprekstool.models import Afspraak, Antwoord, Gesprek, Onderdeel, Stelling
from tests.gesprekstool.conftest import part_data

pytestmark = pytest.mark.django_db


def onderdeel(slug="zelfherstel"):
    return Onderdeel.objects.get(slug=slug)


def test_start_page_explains_and_starts_without_login(client, seed):
    response = client.get("/gesprekstool/")
    assert response.status_code == 200
    assert "Start een gesprek" in response.content.decode()
    response = client.post("/gesprekstool/nieuw/")
    assert response.status_code == 302
    assert Gesprek.objects.count() == 1
    overview = client.get(response.url).content.decode()
    for part in seed:
        assert part.titel in overview


def test_saving_a_part_stores_answers_and_shows_its_leads(client, gesprek_url):
    part = onderdeel()
    data = part_data(part, scores=[2, 3, 4, 2, 1, 2, 3, 2])
    first = Stelling.objects.filter(onderdeel=part).first()
    data[f"s{first.id}-bespreken"] = "on"
    data[f"s{first.id}-notitie"] = "Hij zegt: ik was bang."
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 302
    assert response.url.endswith("/zelfherstel/klaar/")
    assert Antwoord.objects.count() == 8
    saved = Antwoord.objects.get(stelling=first)
    assert (saved.score, saved.bespreken, saved.notitie) == (2, True, "Hij zegt: ik was bang.")
    page = client.get(response.url).content.decode()
    # Average 2.4 ≤ 5 and "geld" = 2 ≤ 4: both leads appear, with links to the kennisplein.
    assert "Een plan in eigen woorden" in page
    assert "Geld en schulden aanpakken" in page
    assert "/kennisplein/ik-plan/" in page
    assert "Bouw voort op wat goed gaat" not in page
    assert first.tekst in page  # marked "hier wil ik over praten"


def test_reopening_a_part_shows_what_was_saved(client, gesprek_url):
    part = onderdeel()
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[9, 1]))
    page = client.get(gesprek_url + "zelfherstel/").content.decode()
    assert 'value="9" data-tekst="9: bijna helemaal waar" checked' in page
    assert 'value="1" data-tekst="1: bijna helemaal niet waar" checked' in page
    assert page.count("checked") == 8  # 9, 1, and 5 for the other six statements
    overview = client.get(gesprek_url).content.decode()
    assert "Klaar" in overview


def test_changing_an_answer_updates_it_in_place(client, gesprek_url):
    part = onderdeel()
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[3]))
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[8]))
    first = Stelling.objects.filter(onderdeel=part).first()
    assert Antwoord.objects.get(stelling=first).score == 8
    assert Antwoord.objects.count() == 8


def test_dont_know_is_saved_without_a_score(client, gesprek_url):
    part = onderdeel()
    first = Stelling.objects.filter(onderdeel=part).first()
    data = part_data(part, scores=[7])
    data[f"s{first.id}-weet_niet"] = "on"
    client.post(gesprek_url + "zelfherstel/", data)
    answer = Antwoord.objects.get(stelling=first)
    assert answer.score is None and answer.weet_niet


def test_double_submit_keeps_one_answer_per_statement(client, gesprek_url):
    part = onderdeel()
    data = part_data(part, scores=[6])
    assert client.post(gesprek_url + "zelfherstel/", data).status_code == 302
    assert client.post(gesprek_url + "zelfherstel/", data).status_code == 302
    assert Antwoord.objects.count() == 8


def test_two_tabs_on_different_parts_do_not_overwrite_each_other(client, gesprek_url):
    zelf, ander = onderdeel(), onderdeel("herstel-naar-het-slachtoffer")
    # Both tabs were opened first, then submitted one after the other.
    form_zelf = part_data(zelf, scores=[1])
    form_ander = part_data(ander, scores=[9])
    client.post(gesprek_url + "zelfherstel/", form_zelf)
    client.post(gesprek_url + "herstel-naar-het-slachtoffer/", form_ander)
    assert Antwoord.objects.filter(stelling__onderdeel=zelf).count() == 8
    assert Antwoord.objects.filter(stelling__onderdeel=ander).count() == 7
    assert Antwoord.objects.filter(stelling__onderdeel=zelf, score=1).exists()


def test_a_form_with_only_some_statements_leaves_the_others_alone(client, gesprek_url):
    part = onderdeel()
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[4] * 8))
    stellingen = list(Stelling.objects.filter(onderdeel=part))
    data = part_data(part, scores=[10])
    # A stale tab that only had the first statement.
    data["stelling"] = [str(stellingen[0].id)]
    client.post(gesprek_url + "zelfherstel/", data)
    scores = list(Antwoord.objects.order_by("stelling__volgorde").values_list("score", flat=True))
    assert scores == [10, 4, 4, 4, 4, 4, 4, 4]


def test_simple_mode_saves_the_chosen_pictogram_and_leaves_the_rest_open(client, gesprek_url):
    client.post(gesprek_url + "instellingen/", {"trajectcode": "", "eenvoudig": "on"})
    part = onderdeel()
    page = client.get(gesprek_url + "zelfherstel/").content.decode()
    assert 'data-schaal="schuif"' not in page
    assert page.count('type="radio"') == 6 * 8  # five choices and "nog niet gekozen"
    data = part_data(part)
    stellingen = list(Stelling.objects.filter(onderdeel=part))
    for stelling in stellingen:
        del data[f"s{stelling.id}-score"]
    data[f"s{stellingen[0].id}-keuze"] = "7"
    client.post(gesprek_url + "zelfherstel/", data)
    assert list(Antwoord.objects.values_list("stelling_id", "score")) == [(stellingen[0].id, 7)]


def test_the_answer_keeps_the_text_as_asked_when_an_editor_changes_it(client, gesprek_url):
    part = onderdeel()
    client.post(gesprek_url + "zelfherstel/", part_data(part))
    first = Stelling.objects.filter(onderdeel=part).first()
    old_text = first.tekst
    first.tekst = "Een nieuwe zin."
    first.save()
    assert Antwoord.objects.get(stelling=first).stelling_tekst == old_text
    result = client.get(gesprek_url + "afdrukken/").content.decode()
    assert old_text in result


def test_a_statement_with_answers_can_be_archived_not_deleted(client, gesprek_url):
    part = onderdeel()
    client.post(gesprek_url + "zelfherstel/", part_data(part))
    first = Stelling.objects.filter(onderdeel=part).first()
    with pytest.raises(ProtectedError):
        first.delete()
    first.gearchiveerd = True
    first.save()
    page = client.get(gesprek_url + "zelfherstel/").content.decode()
    assert first.tekst not in page
    # The earlier answer still shows in the report, with the text as it was asked.
    assert first.tekst in client.get(gesprek_url + "afdrukken/").content.decode()


def test_agreements_and_closing_check(client, gesprek_url):
    part = onderdeel("herstel-met-het-netwerk")
    response = client.post(
        gesprek_url + "afspraken/",
        {"onderdeel": part.id, "wat": "Oma bellen", "wie_rol": "jongere", "wanneer": "zaterdag"},
    )
    assert response.status_code == 302
    afspraak = Afspraak.objects.get()
    page = client.get(gesprek_url + "resultaat/").content.decode()
    assert "Oma bellen" in page
    response = client.post(
        gesprek_url + "afsluiting/",
        {"check_gehoord": "8", "check_belangrijk": "6", "check_manier": "9"},
    )
    assert response.status_code == 302
    gesprek = Gesprek.objects.get()
    assert (gesprek.check_gehoord, gesprek.check_belangrijk, gesprek.check_manier) == (8, 6, 9)
    client.post(gesprek_url + f"afspraken/{afspraak.id}/weghalen/")
    assert not Afspraak.objects.exists()


def test_result_page_shows_chart_table_and_marks(client, gesprek_url):
    part = onderdeel()
    data = part_data(part, scores=[2, 4])
    first = Stelling.objects.filter(onderdeel=part).first()
    data[f"s{first.id}-bespreken"] = "on"
    client.post(gesprek_url + "zelfherstel/", data)
    page = client.get(gesprek_url + "resultaat/").content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "<table" in page and "8 van 8" in page
    assert first.tekst in page


def test_closing_deletes_everything_at_once(client, gesprek_url):
    part = onderdeel()
    client.post(gesprek_url + "zelfherstel/", part_data(part))
    assert client.post(gesprek_url + "afsluiten/").status_code == 302
    assert not Gesprek.objects.exists()
    assert not Antwoord.objects.exists()
    assert client.get(gesprek_url).status_code == 404


URLS = [
    "",
    "zelfherstel/",
    "zelfherstel/klaar/",
    "resultaat/",
    "afdrukken/",
    "gesprek.pdf",
    "gespreksbestand.json",
    "afsluiten/",
]


@pytest.mark.parametrize("path", URLS)
def test_another_browser_gets_404(client, gesprek_url, path):
    other = Client()
    response = other.get(gesprek_url + path)
    assert response.status_code == 404
    assert "alleen te openen in de browser waarin het begon" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["zelfherstel/", "instellingen/", "afspraken/", "afsluiting/", "afsluiten/"]
)
def test_another_browser_cannot_post_either(client, gesprek_url, path):
    part = onderdeel()
    other = Client()
    response = other.post(gesprek_url + path, part_data(part))
    assert response.status_code == 404
    assert Gesprek.objects.count() == 1
    assert not Antwoord.objects.exists()


def test_anonymous_conversations_are_deleted_after_24_hours(client, gesprek_url):
    part = onderdeel()
    client.post(gesprek_url + "zelfherstel/", part_data(part))
    gesprek = Gesprek.objects.get()
    Gesprek.objects.filter(pk=gesprek.pk).update(gewijzigd=timezone.now() - timedelta(hours=23))
    call_command("gesprekken_opruimen", verbosity=0)
    assert Gesprek.objects.exists()
    Gesprek.objects.filter(pk=gesprek.pk).update(gewijzigd=timezone.now() - timedelta(hours=25))
    # Expired but not yet cleaned up: already out of reach.
    assert client.get(gesprek_url).status_code == 404
    call_command("gesprekken_opruimen", verbosity=0)
    assert not Gesprek.objects.exists()
    assert not Antwoord.objects.exists()
    # Safe to run again (cron).
    call_command("gesprekken_opruimen", verbosity=0)


def test_every_change_restarts_the_24_hours(client, gesprek_url):
    gesprek = Gesprek.objects.get()
    Gesprek.objects.filter(pk=gesprek.pk).update(gewijzigd=timezone.now() - timedelta(hours=20))
    client.post(gesprek_url + "zelfherstel/", part_data(onderdeel()))
    gesprek.refresh_from_db()
    assert timezone.now() - gesprek.gewijzigd < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("jan@example.nl", "e-mailadres"),
        ("06-12345678", "telefoonnummer"),
        ("+31 6 1234 5678", "telefoonnummer"),
        ("123456782", "burgerservicenummer"),
        ("1234.56.782", "burgerservicenummer"),
        ("Jan <script>", "letters, cijfers"),
    ],
)
def test_trajectcode_refuses_personal_data(client, gesprek_url, code, message):
    response = client.post(gesprek_url + "instellingen/", {"trajectcode": code})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Gesprek.objects.get().trajectcode == ""


@pytest.mark.parametrize("code", ["JR-2026-17", "abc 123", "T/45"])
def test_trajectcode_accepts_codes(client, gesprek_url, code):
    response = client.post(gesprek_url + "instellingen/", {"trajectcode": code})
    assert response.status_code == 302
    assert Gesprek.objects.get().trajectcode == code


def test_autosave_of_one_statement_answers_204_and_touches_only_that_one(client, gesprek_url):
    part = onderdeel()
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[4] * 8))
    second = Stelling.objects.filter(onderdeel=part)[1]
    data = part_data(part, scores=[9] * 8)
    data["stelling"] = [str(second.id)]
    response = client.post(
        gesprek_url + "zelfherstel/", data, headers={"X-Gesprekstool-Autosave": "1"}
    )
    assert response.status_code == 204
    scores = list(Antwoord.objects.order_by("stelling__volgorde").values_list("score", flat=True))
    assert scores == [4, 9, 4, 4, 4, 4, 4, 4]


def test_start_page_offers_the_open_conversation_of_this_browser(client, gesprek_url):
    page = client.get("/gesprekstool/").content.decode()
    assert f'href="{gesprek_url}"' in page
    assert "Ga verder met dat gesprek" in page
    assert "Ga verder met dat gesprek" not in Client().get("/gesprekstool/").content.decode()
    client.post(gesprek_url + "afsluiten/")
    assert "Ga verder met dat gesprek" not in client.get("/gesprekstool/").content.decode()
