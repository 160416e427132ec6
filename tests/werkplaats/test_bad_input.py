"""Bad input on every form: a Dutch message and a 4xx, never a 500, and nothing saved is lost."""

import pytest
from django.test import Client

from werkplaats.limits import ANSWERS, STARTS, WRONG_CODES
from werkplaats.models import Antwoord, Deelnemer, Sessie

from .conftest import act, answer, join, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code, message",
    [
        ("", "Vul de code in"),
        ("ABC", "Een code heeft 7 tekens"),
        ("ABCDEFGHIJ", "Een code heeft 7 tekens"),
        ("0O1IL5S", "Een code heeft 7 tekens"),  # characters a code never has
        ("<script>", "Een code heeft 7 tekens"),
    ],
)
def test_join_form_with_a_malformed_code(client, code, message):
    response = client.get("/doe-mee/", {"code": code})
    assert response.status_code == 400
    assert message in text(response)
    assert 'aria-invalid="true"' in response.content.decode()


def test_unknown_code_is_a_dutch_404(client, db):
    response = client.get("/doe-mee/KKKKKKK/")
    assert response.status_code == 404
    assert "Deze code werkt niet (meer)" in text(response)


@pytest.mark.usefixtures("clock_stands_still")
def test_codes_cannot_be_tried_in_bulk_from_one_address(started):
    sessie, _ = started
    guesser = Client()
    for number in range(WRONG_CODES.maximum):
        assert guesser.get(f"/doe-mee/WRONG{number:02d}/").status_code == 404
    response = guesser.get(f"/doe-mee/{sessie.code}/")  # even the right code, for a while
    assert response.status_code == 429
    assert "te veel pogingen" in text(response)
    # Another address is not affected.
    assert Client(REMOTE_ADDR="10.0.0.9").get(f"/doe-mee/{sessie.code}/").status_code == 200


@pytest.mark.usefixtures("clock_stands_still")
def test_a_room_behind_one_router_can_join_with_the_right_code(started):
    sessie, _ = started
    for _ in range(WRONG_CODES.maximum + 5):
        join(sessie)
    assert Deelnemer.objects.count() == WRONG_CODES.maximum + 5


@pytest.mark.usefixtures("clock_stands_still")
def test_starting_sessions_is_rate_limited_per_address(client, stellingenset):
    for _ in range(STARTS.maximum):
        assert client.post(f"/werkplaats/{stellingenset.slug}/", {}).status_code == 302
    response = client.post(f"/werkplaats/{stellingenset.slug}/", {})
    assert response.status_code == 429
    assert "veel sessies gestart" in text(response)
    assert Sessie.objects.count() == STARTS.maximum


def test_start_form_with_an_unknown_background(client, stellingenset):
    response = client.post(f"/werkplaats/{stellingenset.slug}/", {"achtergronden": ["piraat"]})
    assert response.status_code == 400
    assert "Kies alleen achtergronden uit de lijst" in text(response)
    assert not Sessie.objects.exists()


def test_a_set_without_statements_cannot_be_started(client, stellingenset):
    stellingenset.stellingen.all().delete()
    response = client.post(f"/werkplaats/{stellingenset.slug}/", {})
    assert response.status_code == 400
    assert "Deze set heeft nog geen stellingen" in text(response)
    assert not Sessie.objects.exists()


def test_unknown_or_unpublished_set_is_404(client, stellingenset):
    assert client.get("/werkplaats/bestaat-niet/").status_code == 404
    stellingenset.gepubliceerd = False
    stellingenset.save()
    assert client.get(f"/werkplaats/{stellingenset.slug}/").status_code == 404
    assert client.post(f"/werkplaats/{stellingenset.slug}/", {}).status_code == 404


def test_join_with_a_background_the_session_does_not_offer(started):
    sessie, _ = started
    response = Client().post(f"/doe-mee/{sessie.code}/", {"achtergrond": "halt"})
    assert response.status_code == 400
    assert "Kies een achtergrond uit de lijst" in text(response)
    assert not Deelnemer.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"stelling": "0"}, "Kies een antwoord."),
        ({"stelling": "0", "waarde": "misschien"}, "Kies een van de antwoorden."),
        ({"stelling": "0", "waarde": "7"}, "Kies een van de antwoorden."),  # not this scale
        ({"waarde": "eens"}, "Er ging iets mis"),
        ({"stelling": "abc", "waarde": "eens"}, "Er ging iets mis"),
        ({"stelling": "-3", "waarde": "eens"}, "Er ging iets mis"),
    ],
)
def test_bad_answers_keep_the_saved_one(started, data, message):
    sessie, _ = started
    phone = join(sessie)
    answer(phone, sessie, "eens")
    response = phone.post(f"/doe-mee/{sessie.code}/antwoord/", data)
    assert response.status_code == 400
    assert message in text(response)
    assert Antwoord.objects.get().waarde == "eens"


def test_an_answer_for_a_statement_that_does_not_exist(started):
    sessie, _ = started
    response = answer(join(sessie), sessie, "eens", stelling=99)
    assert response.status_code == 409
    assert not Antwoord.objects.exists()


def test_answering_without_joining_is_refused(started):
    sessie, _ = started
    response = Client().post(f"/doe-mee/{sessie.code}/antwoord/", {"stelling": 0, "waarde": "eens"})
    assert response.status_code == 403
    assert "Je doet nog niet mee" in text(response)


@pytest.mark.usefixtures("clock_stands_still")
def test_answering_is_rate_limited_per_participant(started):
    sessie, _ = started
    phone = join(sessie)
    for number in range(ANSWERS.maximum):
        answer(phone, sessie, "eens" if number % 2 else "oneens")
    response = answer(phone, sessie, "weet_niet")
    assert response.status_code == 429
    assert "Wacht een minuut" in text(response)
    assert Antwoord.objects.get().waarde == "eens"
    # Another participant in the same room is not affected.
    assert answer(join(sessie), sessie, "eens").status_code == 302


@pytest.mark.parametrize(
    "data, message",
    [
        ({"actie": "volgende"}, "Laad de pagina opnieuw"),
        ({"actie": "ontplof", "stelling": "0"}, "Deze knop kennen we niet"),
        ({"stelling": "0"}, "Kies wat je wilt doen"),
        ({"actie": "volgende", "stelling": "9"}, "Deze stelling bestaat niet"),
        ({"actie": "volgende", "stelling": "-1"}, "Deze stelling bestaat niet"),
        ({"actie": "volgende", "stelling": "een"}, "Laad de pagina opnieuw"),
    ],
)
def test_bad_facilitator_actions(started, client, data, message):
    sessie, leider_url = started
    response = client.post(leider_url + "actie/", data)
    assert response.status_code == 400
    assert message in text(response)
    sessie.refresh_from_db()
    assert sessie.huidige == 0 and sessie.versie == 1


def test_wrong_methods_are_405(started, client):
    sessie, leider_url = started
    assert client.get(leider_url + "actie/").status_code == 405
    assert client.post(leider_url, {}).status_code == 405
    assert client.get(f"/doe-mee/{sessie.code}/antwoord/").status_code == 405


def test_facilitator_token_of_any_shape_is_a_404(client, db):
    for token in ["a", "x" * 500, "..", "ü", "%ff"]:
        assert client.get(f"/werkplaats/leiden/{token}/").status_code == 404
    # A NUL gets the site-wide 400 before any view (herstel/middleware.py).


def test_a_closed_session_refuses_actions_with_a_message(started, client):
    sessie, leider_url = started
    act(client, leider_url, "afsluiten", 0)
    response = act(client, leider_url, "onthul", 0)
    assert response.status_code == 409
    assert "Deze sessie is afgesloten" in text(response)
