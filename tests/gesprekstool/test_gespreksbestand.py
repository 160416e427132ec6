"""The gespreksbestand reader with hostile files, the new format version and old files.

Every refusal is a clear Dutch message with status 400, on the anonymous page and on the
trajectory import alike; nothing in a file, signed or not, can cause a server error.
"""

import io
import json

import pytest

from gesprekstool import gespreksbestand
from gesprekstool.models import Afspraak, Antwoord, Gesprek, Onderdeel, Terugblik
from tests.gesprekstool.conftest import part_data

pytestmark = pytest.mark.django_db


def sign(body):
    body = {k: v for k, v in body.items() if k != "handtekening"}
    return json.dumps({**body, "handtekening": gespreksbestand._signature(body)})


def upload(client, content, doel="verder", url="/gesprekstool/bestand-openen/"):
    file = io.BytesIO(content if isinstance(content, bytes) else content.encode())
    file.name = "gesprek.json"
    return client.post(url, {"bestand": file, "doel": doel})


@pytest.fixture
def exported(client, gesprek_url):
    part = Onderdeel.objects.get(slug="zelfherstel")
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[4] * 8))
    client.post(
        gesprek_url + "afspraken/",
        {"onderdeel": part.id, "wat": "Oma bellen", "wie_rol": "jongere", "wanneer": "zondag"},
    )
    return json.loads(client.get(gesprek_url + "gespreksbestand.json").content)


def nested(depth):
    return "[" * depth + "]" * depth


HOSTILE = [
    # A value replaced by a list nested ~940 levels deep: refused before parsing.
    (lambda d: json.dumps(d).replace('"score": 4', '"score": ' + nested(940), 1), "te diep"),
    (lambda d: sign({**d, "gemaakt": json.loads(nested(5))}), "gemaakt is geen tekst"),
    # Signed, with a NUL byte in a note, a statement text or an agreement.
    (lambda d: sign(_set(d, "antwoorden", 0, "notitie", "a\x00b")), "niet in een tekst horen"),
    (lambda d: sign(_set(d, "antwoorden", 0, "tekst", "\x00")), "niet in een tekst horen"),
    (lambda d: sign(_set(d, "afspraken", 0, "wat", "bel\x00len")), "niet in een tekst horen"),
    # A lone surrogate cannot even be signed: the schema refuses it before the signature.
    (lambda d: json.dumps(_set(d, "antwoorden", 0, "notitie", "\ud800")), "niet in een tekst"),
    # Signed, with a list where a string belongs.
    (lambda d: sign(_set(d, "antwoorden", 0, "notitie", ["a"])), "notitie is geen tekst"),
    (lambda d: sign(_set(d, "afspraken", 0, "wie", [])), "afspraak 1, wie is geen tekst"),
    (lambda d: sign({**d, "gesprek": []}), "het gesprek heeft de verkeerde vorm"),
    # Signed, with personal data in free text.
    (
        lambda d: sign(_set(d, "antwoorden", 0, "notitie", "belt 06-12345678")),
        "lijkt op een telefoonnummer",
    ),
    (lambda d: sign(_set(d, "afspraken", 0, "wanneer", "12-03-2008")), "geboortedatum"),
    # Not JSON as we write it.
    (lambda d: sign(d).replace('"versie": 2', '"versie": 2, "versie": 2'), "geen gespreksbestand"),
    (lambda d: sign(d).replace('"score": 4', '"score": NaN', 1), "geen gespreksbestand"),
    (lambda d: sign(d).encode("utf-16"), "geen gespreksbestand"),
]


def _set(data, key, index, field, value):
    data[key][index][field] = value
    return data


@pytest.mark.parametrize(("make", "message"), HOSTILE)
def test_hostile_files_get_a_dutch_400_on_the_open_page(client, exported, make, message):
    before = Gesprek.objects.count()
    response = upload(client, make(exported))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Gesprek.objects.count() == before


def test_the_reader_checks_depth_before_it_parses():
    assert gespreksbestand._depth('{"a": "[[[[[[[[[[", "b": [[1]]}') == 3
    with pytest.raises(gespreksbestand.BestandFout, match="te diep"):
        gespreksbestand._parse(nested(100_000).encode())


def version_1_file(codes):
    """A file as the site wrote it before version 2: agreements with free-text "wie"."""
    return sign(
        {
            "formaat": "werken-aan-herstel/gespreksbestand",
            "versie": 1,
            "gemaakt": "2026-10-01T10:15:00+02:00",
            "gesprek": {"datum": "2026-10-01", "trajectcode": "JR-2026-17", "eenvoudig": False},
            "antwoorden": [
                {
                    "stelling": codes[0],
                    "onderdeel": "zelfherstel",
                    "tekst": "Ik snap hoe het zo ver kwam.",
                    "score": 6,
                    "weet_niet": False,
                    "bespreken": True,
                    "notitie": "Zegt: ik was bang.",
                },
                {
                    "stelling": codes[1],
                    "onderdeel": "zelfherstel",
                    "tekst": "Ik weet waar ik goed in ben.",
                    "score": None,
                    "weet_niet": True,
                    "bespreken": False,
                    "notitie": "",
                },
            ],
            "afspraken": [
                {
                    "onderdeel": "herstel-met-het-netwerk",
                    "wat": "Samen met oma koken",
                    "wie": "ik en oma",
                    "wanneer": "zondag",
                }
            ],
            "afsluiting": {"gehoord": 8, "belangrijk": None, "manier": 9},
        }
    )


CODES = ["ik-snap-hoe-het-zo-ver-kwam", "ik-weet-waar-ik-goed-in-ben"]


def test_an_old_version_1_file_still_opens_and_keeps_everything(client, seed):
    response = upload(client, version_1_file(CODES))
    assert response.status_code == 302
    gesprek = Gesprek.objects.get()
    assert gesprek.trajectcode == "JR-2026-17"
    assert sorted(
        gesprek.antwoorden.values_list("stelling__code", "score", "weet_niet", "bespreken")
    ) == [
        ("ik-snap-hoe-het-zo-ver-kwam", 6, False, True),
        ("ik-weet-waar-ik-goed-in-ben", None, True, False),
    ]
    afspraak = Afspraak.objects.get()
    assert (afspraak.wie_rol, afspraak.wie, afspraak.wie_tekst) == ("", "ik en oma", "ik en oma")
    assert (gesprek.check_gehoord, gesprek.check_belangrijk, gesprek.check_manier) == (8, None, 9)
    # Saved again, it is a version 2 file with the same content.
    again = json.loads(client.get(response.url + "gespreksbestand.json").content)
    assert again["versie"] == 2
    assert again["afspraken"][0] == {
        "onderdeel": "herstel-met-het-netwerk",
        "wat": "Samen met oma koken",
        "wie_rol": "",
        "wie": "ik en oma",
        "wanneer": "zondag",
    }


def test_an_old_version_1_file_starts_a_follow_up(client, seed):
    response = upload(client, version_1_file(CODES), doel="vervolg")
    assert response.status_code == 302
    assert response.url.endswith("/terugblik/")
    gesprek = Gesprek.objects.get()
    assert not gesprek.antwoorden.exists()
    terugblik = Terugblik.objects.get()
    assert (terugblik.wat, terugblik.wie_tekst, terugblik.status) == (
        "Samen met oma koken",
        "ik en oma",
        "",
    )
    assert gesprek.vorige["stellingen"]["ik-snap-hoe-het-zo-ver-kwam"]["bespreken"] is True


def test_version_2_round_trip_keeps_review_and_previous_answers(client, seed):
    first = upload(client, version_1_file(CODES), doel="vervolg").url.removesuffix("terugblik/")
    terugblik = Terugblik.objects.get()
    client.post(
        first + "terugblik/",
        {f"t{terugblik.pk}-status": "deels", f"t{terugblik.pk}-notitie": "Een keer gelukt."},
    )
    data = json.loads(client.get(first + "gespreksbestand.json").content)
    assert data["terugblik"][0]["status"] == "deels"
    assert data["vorige"]["datum"] == "2026-10-01"
    # Continue it in another browser: the review and the comparison come along.
    from django.test import Client

    other = Client()
    response = upload(other, json.dumps(data), doel="verder")
    assert response.status_code == 302
    original, copy = Gesprek.objects.order_by("id")
    assert list(copy.terugblikken.values_list("status", "notitie")) == [
        ("deels", "Een keer gelukt.")
    ]
    assert copy.vorige == original.vorige
    assert not Antwoord.objects.exists()


def test_after_rotating_secret_key_files_open_while_the_old_key_is_a_fallback(
    client, exported, settings
):
    """README, "SECRET_KEY vervangen": the old key goes to SECRET_KEY_FALLBACKS first."""
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "een-nieuwe-sleutel-" + "x" * 40
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert upload(client, json.dumps(exported)).status_code == 302
    settings.SECRET_KEY_FALLBACKS = []  # the old key dropped: the file no longer opens
    response = upload(client, json.dumps(exported))
    assert response.status_code == 400
    assert "van een andere website" in response.content.decode()
