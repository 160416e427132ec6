"""Bad input: a clear Dutch message and a 4xx, never a 500, never losing what was saved."""

import io
import json

import pytest
from django.test import Client

from gesprekstool import gespreksbestand
from gesprekstool.models import Antwoord, Gesprek, Onderdeel, Stelling
from tests.gesprekstool.conftest import part_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(client, gesprek_url):
    """A conversation whose part 'zelfherstel' is answered with 4 everywhere."""
    part = Onderdeel.objects.get(slug="zelfherstel")
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[4] * 8))
    return part


def scores():
    return list(Antwoord.objects.order_by("stelling__volgorde").values_list("score", flat=True))


def first(part):
    return Stelling.objects.filter(onderdeel=part).first()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("11", "0 tot en met 10"),
        ("-1", "0 tot en met 10"),
        ("acht", "0 tot en met 10"),
        ("5.5", "0 tot en met 10"),
    ],
)
def test_score_outside_the_scale(client, gesprek_url, saved, value, message):
    data = part_data(saved, scores=[9] * 8)
    data[f"s{first(saved).id}-score"] = value
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Wat je eerder bewaarde, is niet veranderd" in response.content.decode()
    assert scores() == [4] * 8


def test_a_refused_form_shows_what_was_typed_again(client, gesprek_url, saved):
    stellingen = list(Stelling.objects.filter(onderdeel=saved))
    data = part_data(saved, scores=[9] * 8)
    data[f"s{stellingen[0].id}-score"] = "11"
    data[f"s{stellingen[1].id}-notitie"] = "Zij zegt: ik wil het goedmaken met mijn broer."
    data[f"s{stellingen[2].id}-bespreken"] = "on"
    page = client.post(gesprek_url + "zelfherstel/", data).content.decode()
    assert "Zij zegt: ik wil het goedmaken met mijn broer." in page
    assert (
        f'id="s{stellingen[2].id}-bespreken" name="s{stellingen[2].id}-bespreken" checked' in page
    )
    assert (
        f'name="s{stellingen[3].id}-score" value="9" data-tekst="9: bijna helemaal waar" checked'
        in page
    )


def test_invalid_pictogram_choice(client, gesprek_url, saved):
    Gesprek.objects.update(eenvoudig=True)
    data = part_data(saved)
    data[f"s{first(saved).id}-keuze"] = "4"
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 400
    assert "Kies een van de vijf plaatjes" in response.content.decode()
    assert scores() == [4] * 8


def test_oversized_note(client, gesprek_url, saved):
    data = part_data(saved, scores=[9] * 8)
    data[f"s{first(saved).id}-notitie"] = "x" * 1001
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 400
    assert "hooguit 1000 tekens" in response.content.decode()
    assert scores() == [4] * 8


def test_a_form_without_statements_saves_nothing(client, gesprek_url, saved):
    # gesprekstool.js leaves untouched statements out; with none touched nothing is sent.
    response = client.post(gesprek_url + "zelfherstel/", {})
    assert response.status_code == 302
    assert scores() == [4] * 8


def test_statement_from_another_part(client, gesprek_url, saved):
    other = Stelling.objects.filter(onderdeel__slug="herstel-met-het-netwerk").first()
    data = part_data(saved, scores=[9] * 8)
    data["stelling"].append(str(other.id))
    data[f"s{other.id}-score"] = "1"
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 400
    assert "niet bij dit onderdeel" in response.content.decode()
    assert scores() == [4] * 8


@pytest.mark.parametrize("ids", [["abc"], ["999999"], ["1e3"], ["12", "x"]])
def test_malformed_or_unknown_statement_ids(client, gesprek_url, saved, ids):
    response = client.post(gesprek_url + "zelfherstel/", {"stelling": ids})
    assert response.status_code == 400
    assert scores() == [4] * 8


def test_archived_statement_in_a_stale_form(client, gesprek_url, saved):
    data = part_data(saved, scores=[9] * 8)
    archived = first(saved)
    archived.gearchiveerd = True
    archived.save()
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 409
    assert "intussen aangepast" in response.content.decode()
    # The other answers were saved; the archived one kept its earlier answer.
    assert scores() == [4] + [9] * 7


def test_stale_form_after_an_editor_changed_a_statement(client, gesprek_url, saved):
    data = part_data(saved, scores=[9] * 8)
    changed = first(saved)
    changed.tekst = "Ik snap nu heel goed hoe het kwam."
    changed.save()
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 409
    assert changed.tekst in response.content.decode()
    assert scores() == [4] + [9] * 7


def test_unknown_part(client, gesprek_url):
    assert client.get(gesprek_url + "bestaat-niet/").status_code == 404


def test_post_to_a_deleted_conversation(client, gesprek_url, saved):
    data = part_data(saved)
    client.post(gesprek_url + "afsluiten/")
    response = client.post(gesprek_url + "zelfherstel/", data)
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()


def test_expired_session(client, gesprek_url, saved):
    client.cookies.pop("sessionid")
    response = client.post(gesprek_url + "zelfherstel/", part_data(saved))
    assert response.status_code == 404
    assert scores() == [4] * 8


def test_not_a_uuid(client, seed):
    assert client.get("/gesprekstool/gesprek/123/").status_code == 404


def test_wrong_method(client, gesprek_url):
    assert client.get(gesprek_url + "afsluiting/").status_code == 405
    assert client.post("/gesprekstool/").status_code == 405


def test_agreement_without_fields(client, gesprek_url):
    response = client.post(gesprek_url + "afspraken/", {"onderdeel": "999", "wat": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Schrijf op wat jullie gaan doen" in page
    assert "Kies een onderdeel uit de lijst" in page


def test_agreement_of_another_conversation_cannot_be_removed(client, gesprek_url, seed):
    other = Client()
    other_url = other.post("/gesprekstool/nieuw/").url
    part = Onderdeel.objects.first()
    other.post(
        other_url + "afspraken/",
        {"onderdeel": part.id, "wat": "a", "wie_rol": "jongere", "wanneer": "c"},
    )
    afspraak_id = Gesprek.objects.get(uuid=other_url.split("/")[3]).afspraken.get().id
    response = client.post(gesprek_url + f"afspraken/{afspraak_id}/weghalen/")
    assert response.status_code == 404
    assert Gesprek.objects.get(uuid=other_url.split("/")[3]).afspraken.exists()


@pytest.mark.parametrize("value", ["11", "-3", "tien"])
def test_closing_check_outside_the_scale(client, gesprek_url, value):
    response = client.post(
        gesprek_url + "afsluiting/",
        {"check_gehoord": value, "check_belangrijk": "5", "check_manier": "5"},
    )
    assert response.status_code == 400
    assert Gesprek.objects.get().check_gehoord is None


def test_trajectcode_too_long(client, gesprek_url):
    response = client.post(gesprek_url + "instellingen/", {"trajectcode": "A" * 31})
    assert response.status_code == 400
    assert "hooguit 30 tekens" in response.content.decode()


def test_the_settings_form_shows_each_conversations_own_settings(client, gesprek_url):
    # The empty settings fields' HTML is kept in the process; what one conversation chose
    # or typed never shows in another's, and a refused code stays with its message.
    other = client.post("/gesprekstool/nieuw/").url
    assert 'name="eenvoudig" id="id_eenvoudig">' in client.get(gesprek_url).content.decode()
    client.post(other + "instellingen/", {"trajectcode": "HB-0042", "eenvoudig": "on"})
    page = client.get(other).content.decode()
    assert 'name="eenvoudig" id="id_eenvoudig" checked>' in page
    assert 'value="HB-0042"' in page
    page = client.get(gesprek_url).content.decode()
    assert 'name="eenvoudig" id="id_eenvoudig">' in page and "HB-0042" not in page
    response = client.post(gesprek_url + "instellingen/", {"trajectcode": "Jan 12-03-2008"})
    page = response.content.decode()
    assert response.status_code == 400 and "csrfmiddlewaretoken" in page
    assert "lijkt op een geboortedatum" in page and 'value="Jan 12-03-2008"' in page
    assert "lijkt op een geboortedatum" not in client.get(gesprek_url).content.decode()


# --- gespreksbestand -------------------------------------------------------------------------


def upload(client, content, doel="verder", name="gesprek.json"):
    file = io.BytesIO(content if isinstance(content, bytes) else content.encode())
    file.name = name
    return client.post("/gesprekstool/bestand-openen/", {"bestand": file, "doel": doel})


def exported(client, gesprek_url):
    return json.loads(client.get(gesprek_url + "gespreksbestand.json").content)


def resign(data):
    body = {k: v for k, v in data.items() if k != "handtekening"}
    return json.dumps({**body, "handtekening": gespreksbestand._signature(body)})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "geen gespreksbestand"),
        (b"{not json", "geen gespreksbestand"),
        (b"[1, 2, 3]", "geen gespreksbestand"),
        (b'{"formaat": "iets-anders"}', "geen gespreksbestand"),
        (b"[" * 100000 + b"]" * 100000, "te diep genest"),
    ],
)
def test_foreign_files_are_refused(client, seed, content, message):
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Gesprek.objects.exists()


def test_oversized_file(client, seed):
    response = upload(client, b" " * (gespreksbestand.MAX_BYTES + 1))
    assert response.status_code == 400
    assert "te groot" in response.content.decode()


def test_a_huge_upload_is_refused_before_it_is_read(client, seed):
    response = upload(client, b"{" + b" " * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert not Gesprek.objects.exists()


def test_upload_still_needs_a_csrf_token(seed):
    strict = Client(enforce_csrf_checks=True)
    file = io.BytesIO(b"{}")
    file.name = "gesprek.json"
    response = strict.post("/gesprekstool/bestand-openen/", {"bestand": file, "doel": "verder"})
    assert response.status_code == 403


def test_unknown_version(client, gesprek_url, saved):
    data = exported(client, gesprek_url)
    data["versie"] = 3
    response = upload(client, resign(data))
    assert response.status_code == 400
    assert "versie" in response.content.decode()


def test_tampered_file(client, gesprek_url, saved):
    data = exported(client, gesprek_url)
    data["antwoorden"][0]["score"] = 10
    response = upload(client, json.dumps(data))
    assert response.status_code == 400
    assert "veranderd" in response.content.decode()
    assert Gesprek.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["antwoorden"][0].update(stelling="bestaat-niet"),
            "stellingen die deze website niet kent",
        ),
        (lambda d: d["antwoorden"][0].update(onderdeel="herstel-met-het-netwerk"), "niet kent"),
        (lambda d: d["antwoorden"][0].update(score=11), "0 tot en met 10"),
        (lambda d: d["antwoorden"][0].update(score=True), "0 tot en met 10"),
        (lambda d: d["antwoorden"][0].update(extra="x"), "hoort niet in een gespreksbestand"),
        (lambda d: d["antwoorden"][0].pop("notitie"), "antwoord 1, notitie ontbreekt"),
        (lambda d: d["antwoorden"].append(dict(d["antwoorden"][0])), "twee keer"),
        (lambda d: d["antwoorden"][0].update(notitie="x" * 1001), "te lang"),
        (lambda d: d["gesprek"].update(trajectcode="jan@example.nl"), "e-mailadres"),
        (lambda d: d["gesprek"].update(datum="gisteren"), "geen datum"),
        (
            lambda d: d["afspraken"].append(
                {"onderdeel": "x", "wat": "a", "wie_rol": "jongere", "wie": "", "wanneer": "c"}
            ),
            "onbekend onderdeel",
        ),
        (lambda d: d.update(antwoorden="alles"), "de antwoorden is geen lijst"),
    ],
)
def test_signed_but_invalid_content_is_still_refused(client, gesprek_url, saved, change, message):
    data = exported(client, gesprek_url)
    change(data)
    response = upload(client, resign(data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Gesprek.objects.count() == 1


def test_no_file_at_all(client, seed):
    response = client.post("/gesprekstool/bestand-openen/", {"doel": "verder"})
    assert response.status_code == 400
    assert "Kies een gespreksbestand" in response.content.decode()


def test_invalid_choice_of_what_to_do(client, gesprek_url, saved):
    response = upload(client, client.get(gesprek_url + "gespreksbestand.json").content, doel="x")
    assert response.status_code == 400
    assert "Kies of je verder gaat" in response.content.decode()
