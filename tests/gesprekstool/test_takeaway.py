"""What the worker takes home: the gespreksbestand (round trip, follow-up) and the PDF."""

import io
import json

import pytest
from django.test import Client
from pypdf import PdfReader

from gesprekstool.models import Antwoord, Gesprek, Onderdeel, Stelling
from tests.gesprekstool.conftest import part_data

pytestmark = pytest.mark.django_db


def fill(client, url):
    zelf = Onderdeel.objects.get(slug="zelfherstel")
    data = part_data(zelf, scores=[2, 3, 9, 0, 10, 5, 6, 7])
    stellingen = list(Stelling.objects.filter(onderdeel=zelf))
    data[f"s{stellingen[1].id}-bespreken"] = "on"
    data[f"s{stellingen[2].id}-notitie"] = "Slaapt slecht door de zorgen — zegt ‘pfff’."
    data[f"s{stellingen[3].id}-weet_niet"] = "on"
    client.post(url + "zelfherstel/", data)
    netwerk = Onderdeel.objects.get(slug="herstel-met-het-netwerk")
    client.post(url + "herstel-met-het-netwerk/", part_data(netwerk, scores=[8] * 8))
    client.post(url + "instellingen/", {"trajectcode": "JR-2026-17"})
    client.post(
        url + "afspraken/",
        {
            "onderdeel": netwerk.id,
            "wat": "Samen met oma koken",
            "wie_rol": "anders",
            "wie": "ik en oma",
            "wanneer": "zondag",
        },
    )
    client.post(url + "afsluiting/", {"check_gehoord": 9, "check_belangrijk": 7, "check_manier": 8})


def answers_of(gesprek):
    return sorted(
        Antwoord.objects.filter(gesprek=gesprek).values_list(
            "stelling__code", "stelling_tekst", "score", "weet_niet", "bespreken", "notitie"
        )
    )


def upload(client, content, doel):
    file = io.BytesIO(content)
    file.name = "gesprek.json"
    return client.post("/gesprekstool/bestand-openen/", {"bestand": file, "doel": doel})


def test_file_round_trip_gives_identical_answers(client, gesprek_url):
    fill(client, gesprek_url)
    original = Gesprek.objects.get()
    response = client.get(gesprek_url + "gespreksbestand.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["formaat"] == "werken-aan-herstel/gespreksbestand" and data["versie"] == 2

    # A week later, on another laptop: a fresh browser opens the file.
    later = Client()
    response = upload(later, response.content, "verder")
    assert response.status_code == 302
    copy = Gesprek.objects.exclude(pk=original.pk).get()
    assert answers_of(copy) == answers_of(original)
    assert copy.trajectcode == "JR-2026-17"
    assert (copy.check_gehoord, copy.check_belangrijk, copy.check_manier) == (9, 7, 8)
    assert list(copy.afspraken.values_list("wat", "wie", "wanneer")) == [
        ("Samen met oma koken", "ik en oma", "zondag")
    ]
    # The copy belongs to the browser that opened it, not to the first one.
    assert later.get(response.url).status_code == 200
    assert client.get(response.url).status_code == 404
    # And exporting the copy gives the same answers again.
    again = json.loads(later.get(response.url + "gespreksbestand.json").content)
    assert again["antwoorden"] == data["antwoorden"]


def test_follow_up_compares_per_part(client, gesprek_url):
    fill(client, gesprek_url)
    content = client.get(gesprek_url + "gespreksbestand.json").content
    response = upload(client, content, "vervolg")
    assert response.status_code == 302
    assert response.url.endswith("/terugblik/")  # it opens with last time's agreement
    follow_up = Gesprek.objects.get(uuid=response.url.split("/")[3])
    url = follow_up.get_absolute_url()
    assert not follow_up.antwoorden.exists()
    netwerk = Onderdeel.objects.get(slug="herstel-met-het-netwerk")
    client.post(url + "herstel-met-het-netwerk/", part_data(netwerk, scores=[10] * 8))
    page = client.get(url + "resultaat/").content.decode()
    assert "Vorig gesprek" in page and "Grijze balk: vorig gesprek" in page
    # zelfherstel earlier: (2+3+9+10+5+6+7)/7 = 6.0, the skipped one does not count.
    # netwerk: 8 then, 10 now.
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert '<th scope="row">Ik zelf</th><td>6,0</td><td>–</td>' in rows
    assert '<th scope="row">Mensen om mij heen</th><td>8,0</td><td>10,0</td>' in rows
    # Both bars are in the chart.
    assert page.count('fill="#8a9491"') >= 2


def test_pdf_contains_the_whole_conversation(client, gesprek_url):
    fill(client, gesprek_url)
    response = client.get(gesprek_url + "gesprek.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    for expected in [
        "Gesprek over herstel",
        "Trajectcode: JR-2026-17",
        "Ik weet waar ik goed in ben.",
        "3 van 10",
        "weet ik niet / overgeslagen",
        "Slaapt slecht door de zorgen",
        "Samen met oma koken",
        "Ik voelde me gehoord. 9 van 10",
        "Samen aan tafel",
    ]:
        assert expected in flat, f"{expected!r} missing from the PDF"


def test_print_view_is_the_same_report(client, gesprek_url):
    fill(client, gesprek_url)
    page = client.get(gesprek_url + "afdrukken/").content.decode()
    assert "Samen met oma koken" in page and "JR-2026-17" in page


def test_statement_cards_for_every_part(client, seed):
    for part in seed:
        page = client.get(f"/gesprekstool/kaarten/{part.slug}/").content.decode()
        for stelling in Stelling.objects.filter(onderdeel=part):
            assert stelling.tekst in page
