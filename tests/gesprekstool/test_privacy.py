"""No names in free text: what is refused, what passes, and that the message says why."""

import html
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gesprekstool.models import Afspraak, Antwoord, Onderdeel, Stelling
from gesprekstool.validators import find_personal_data, validate_trajectcode
from tests.gesprekstool.conftest import part_data

TODAY = date(2026, 11, 30)

ACCEPTED = [
    "3 keer per week",
    "om 14.30 uur",
    "week 12",
    "in 2024 begonnen",
    "sinds 2019",
    "JR-2026-17",
    "voor 1 maart",
    "gesprek op 12-03-2026",
    "volgende afspraak 2026-12-07",
    "kamer 0.12",
    "€ 1.250,00 schuld",
    "bus 12 om 8:15",
    "bel 112 bij nood",
    "tussen 10 - 12 uur",
    "scores 1 2 3 4 5 6 7 8 9 10",
    "123456789",  # nine digits, but not a BSN (fails the elfproef)
    "ik@home werkt niet",
    "Wil naar de MBO-open dag op 14 maart",
]

REFUSED = [
    ("mail me: jan.jansen@example.nl", "email", "jan.jansen@example.nl"),
    ("06-12345678", "telefoon", "06-12345678"),
    ("belt vaak 06 1234 5678", "telefoon", "06 1234 5678"),
    ("+31 6 12345678", "telefoon", "+31 6 12345678"),
    ("0031612345678", "telefoon", "0031612345678"),
    ("moeder: 020-1234567", "telefoon", "020-1234567"),
    ("(020) 123 45 67", "telefoon", "(020) 123 45 67"),
    ("in 2024 0612345678 gekregen", "telefoon", "0612345678"),
    ("bsn 111222333", "bsn", "111222333"),
    ("1112.22.333", "bsn", "1112.22.333"),
    ("geboren 12-03-2008", "geboortedatum", "12-03-2008"),
    ("Jan 12-03-2008", "geboortedatum", "12-03-2008"),
    ("12 maart 2008", "geboortedatum", "12 maart 2008"),
    ("2008-03-12", "geboortedatum", "2008-03-12"),
    ("12/3/09", "geboortedatum", "12/3/09"),
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_ordinary_text_and_numbers_pass(text):
    assert find_personal_data(text, today=TODAY) == []


@pytest.mark.parametrize(("text", "kind", "fragment"), REFUSED)
def test_identifying_data_is_found_and_named(text, kind, fragment):
    findings = find_personal_data(text, today=TODAY)
    assert findings, f"{text!r} passed"
    assert (findings[0].kind, findings[0].fragment) == (kind, fragment)
    assert f"“{fragment}”" in findings[0].message
    assert "te herkennen" in findings[0].message


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("Jan Jansen", "lijkt op een naam"),
        ("Sara de Vries 17", "lijkt op een naam"),
        ("Jan 12-03-2008", "lijkt op een geboortedatum"),
        ("JR", "heeft cijfers"),
        ("111222333", "burgerservicenummer"),
    ],
)
def test_trajectcode_refuses_names_and_dates_of_birth(code, message):
    with pytest.raises(ValidationError) as error:
        validate_trajectcode(code)
    assert message in error.value.messages[0]


@pytest.mark.parametrize("code", ["JR-2026-17", "HALT 2025 0042", "vj/2026/123", "T17"])
def test_trajectcode_accepts_codes(code):
    validate_trajectcode(code)


@pytest.mark.django_db
def test_a_note_with_a_phone_number_is_refused_with_the_reason(client, gesprek_url):
    part = Onderdeel.objects.get(slug="zelfherstel")
    first = Stelling.objects.filter(onderdeel=part).first()
    data = part_data(part, scores=[3])
    data["stelling"] = [str(first.id)]
    data[f"s{first.id}-notitie"] = "Zijn moeder belt 06-12345678"
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 400
    assert "“06-12345678” lijkt op een telefoonnummer" in response.content.decode()
    assert not Antwoord.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"wie_rol": "anders", "wie": "oom 06-12345678"}, "lijkt op een telefoonnummer"),
        ({"wie_rol": "anders", "wie": ""}, "Schrijf op wie het doet"),
        ({"wie_rol": "ouder", "wie": "mijn moeder"}, "Kies 'anders'"),
        ({"wie_rol": "buurman"}, "Kies wie het doet uit de lijst"),
        ({}, "Kies wie het doet."),
        ({"wie_rol": "jongere", "onderdeel": ""}, "Kies bij welk onderdeel de afspraak hoort."),
        ({"wie_rol": "jongere", "wat": "mail naar x@y.nl"}, "lijkt op een e-mailadres"),
        ({"wie_rol": "jongere", "wanneer": "voor 12-03-2008"}, "lijkt op een geboortedatum"),
    ],
)
def test_agreement_who_is_a_role_and_free_text_is_checked(client, gesprek_url, fields, message):
    netwerk = Onderdeel.objects.get(slug="herstel-met-het-netwerk")
    data = {"onderdeel": netwerk.id, "wat": "Samen koken", "wanneer": "zondag", **fields}
    response = client.post(gesprek_url + "afspraken/", data)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not Afspraak.objects.exists()


@pytest.mark.django_db
def test_agreement_with_a_role_or_a_short_other(client, gesprek_url):
    netwerk = Onderdeel.objects.get(slug="herstel-met-het-netwerk")
    base = {"onderdeel": netwerk.id, "wat": "Samen koken", "wanneer": "zondag"}
    client.post(gesprek_url + "afspraken/", {**base, "wie_rol": "ouder"})
    client.post(gesprek_url + "afspraken/", {**base, "wie_rol": "anders", "wie": "trainer"})
    assert [a.wie_tekst for a in Afspraak.objects.order_by("id")] == [
        "ouder of verzorger",
        "trainer",
    ]


def test_one_young_persons_answers_never_show_on_anothers_pages(client, gesprek_url, seed):
    """The tool's content is kept in a shared cache; the answers never are. A second browser
    that opens the same pages right after the first sees only its own (empty) conversation."""
    from django.test import Client

    from gesprekstool.models import Onderdeel
    from tests.gesprekstool.conftest import part_data

    zelf = Onderdeel.objects.get(slug="zelfherstel")
    note = "Mijn eigen woorden over herstel"
    data = part_data(zelf, scores=[9] * 20)
    first = next(iter(data["stelling"]))
    data[f"s{first}-notitie"] = note
    data[f"s{first}-bespreken"] = "on"
    assert client.post(gesprek_url + "zelfherstel/", data).status_code == 302
    pages = ["", "zelfherstel/", "zelfherstel/klaar/", "resultaat/"]
    for page in pages:  # the first browser's pages are rendered (and the content kept)
        assert client.get(gesprek_url + page).status_code == 200
    assert note in client.get(gesprek_url + "zelfherstel/").content.decode()
    other = Client()
    other_url = other.post("/gesprekstool/nieuw/").url
    for page in pages:
        html = other.get(other_url + page).content.decode()
        assert note not in html, page
        assert "checked" not in html.replace('value="" checked', ""), page
