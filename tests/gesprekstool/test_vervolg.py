"""A follow-up carries on: last time's agreements to look back on, last time's marks and
scores beside the statements, and what changed, in words and in the chart."""

import io
import json
import re

import pytest
from pypdf import PdfReader

from gesprekstool.models import Gesprek, Onderdeel, Stelling, Terugblik
from tests.gesprekstool.conftest import part_data
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def zelf():
    return Onderdeel.objects.get(slug="zelfherstel")


def first_conversation(client, url):
    """Zelfherstel answered 2, 4, 6, … with the first statement marked; two agreements."""
    data = part_data(zelf(), scores=[2, 4, 6, 8, 2, 4, 6, 8])
    first = Stelling.objects.filter(onderdeel=zelf()).first()
    data[f"s{first.id}-bespreken"] = "on"
    client.post(url + "zelfherstel/", data)
    for wat, rol in [("Oma bellen", "jongere"), ("Samen naar de sportclub", "ouder")]:
        client.post(
            url + "afspraken/",
            {"onderdeel": zelf().id, "wat": wat, "wie_rol": rol, "wanneer": "deze week"},
        )


def follow_up_from_file(client, url):
    first_conversation(client, url)
    file = io.BytesIO(client.get(url + "gespreksbestand.json").content)
    file.name = "gesprek.json"
    response = client.post("/gesprekstool/bestand-openen/", {"bestand": file, "doel": "vervolg"})
    assert response.status_code == 302 and response.url.endswith("/terugblik/")
    return response.url.removesuffix("terugblik/")


def review(client, vervolg, statuses):
    data = {}
    for row, (status, note) in zip(Terugblik.objects.order_by("volgorde"), statuses, strict=True):
        data[f"t{row.pk}-status"] = status
        data[f"t{row.pk}-notitie"] = note
    return client.post(vervolg + "terugblik/", data)


def test_a_follow_up_from_a_file_opens_with_last_times_agreements_and_marks(client, gesprek_url):
    vervolg = follow_up_from_file(client, gesprek_url)
    page = client.get(vervolg + "terugblik/").content.decode()
    assert "Oma bellen" in page and "Samen naar de sportclub" in page
    assert "ouder of verzorger" in page
    assert "Hier wilde de jongere vorige keer over praten" in page
    assert Stelling.objects.filter(onderdeel=zelf()).first().tekst in page
    # Nothing is chosen until it is chosen.
    assert list(Terugblik.objects.values_list("status", "notitie")) == [("", ""), ("", "")]
    assert len(re.findall(r'value="" id="id_t\d+-status_0" checked', page)) == 2


def test_the_review_is_stored_and_shown_in_result_pdf_and_file(client, gesprek_url):
    vervolg = follow_up_from_file(client, gesprek_url)
    response = review(client, vervolg, [("gedaan", "Twee keer gebeld."), ("niet_nodig", "")])
    assert response.status_code == 302
    assert list(Terugblik.objects.order_by("volgorde").values_list("status", "notitie")) == [
        ("gedaan", "Twee keer gebeld."),
        ("niet_nodig", ""),
    ]
    assert "2 van 2 afspraken besproken" in client.get(vervolg).content.decode()
    result = client.get(vervolg + "resultaat/").content.decode()
    assert "Terugblik op de afspraken van vorige keer" in result
    assert "Twee keer gebeld." in result and "niet meer nodig" in result
    pdf = client.get(vervolg + "gesprek.pdf").content
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Terugblik op vorige keer" in text and "Twee keer gebeld." in text
    data = json.loads(client.get(vervolg + "gespreksbestand.json").content)
    assert [(t["wat"], t["status"], t["notitie"]) for t in data["terugblik"]] == [
        ("Oma bellen", "gedaan", "Twee keer gebeld."),
        ("Samen naar de sportclub", "niet_nodig", ""),
    ]


def test_a_review_note_is_checked_for_personal_data(client, gesprek_url):
    vervolg = follow_up_from_file(client, gesprek_url)
    response = review(client, vervolg, [("gedaan", "oma: 06-12345678"), ("", "")])
    assert response.status_code == 400
    assert "lijkt op een telefoonnummer" in response.content.decode()
    assert not Terugblik.objects.exclude(status="").exists()


def test_the_previous_score_is_beside_each_statement_and_can_be_hidden(client, gesprek_url):
    vervolg = follow_up_from_file(client, gesprek_url)
    page = client.get(vervolg + "zelfherstel/").content.decode()
    assert "Vorige keer: <strong>2: niet waar</strong> · toen wilde je hierover praten" in page
    assert "Vorige keer: <strong>8: waar</strong>" in page
    # Hidden, so it does not steer the young person; the other settings stay as they were.
    response = client.post(
        vervolg + "instellingen/", {"terug": "zelfherstel", "trajectcode": "", "eenvoudig": ""}
    )
    assert response.status_code == 302
    page = client.get(vervolg + "zelfherstel/").content.decode()
    assert "Vorige keer:" not in page
    assert "Laat de vorige antwoorden zien" in page
    assert Gesprek.objects.get(uuid=vervolg.split("/")[3]).vorige_tonen is False


def test_what_changed_is_in_words_and_in_the_chart(client, gesprek_url):
    vervolg = follow_up_from_file(client, gesprek_url)
    # Earlier average 5.0; now 7 everywhere: 2,0 higher. The first statement went from 2 to 7.
    client.post(vervolg + "zelfherstel/", part_data(zelf(), scores=[7] * 8))
    page = client.get(vervolg + "resultaat/").content.decode()
    assert "<strong>Ik zelf:</strong> 5,0 → 7,0, 2,0 hoger" in page
    first = Stelling.objects.filter(onderdeel=zelf()).first()
    assert f'<th scope="row">{first.tekst}</th><td>2</td><td>7</td><td>5 hoger</td>' in page
    assert "7,0 (+2,0)</text>" in page  # beside the bar in the chart
    assert "<td>2,0 hoger</td>" in page  # and in the chart's table


def test_the_terugblik_page_query_count_does_not_grow(client, gesprek_url):
    vervolg = follow_up_from_file(client, gesprek_url)

    def more():
        gesprek = Gesprek.objects.get(uuid=vervolg.split("/")[3])
        for n in range(5):
            Terugblik.objects.create(
                gesprek=gesprek, onderdeel=zelf(), wat=f"x{n}", wie_rol="jongere", wanneer="nu"
            )

    client.get(vervolg + "terugblik/")  # the tool's content is kept from here on
    assert_queries_do_not_grow(client, vervolg + "terugblik/", more, max_queries=9)


def test_a_conversation_that_is_no_follow_up_has_no_review(client, gesprek_url):
    response = client.get(gesprek_url + "terugblik/")
    assert response.status_code == 302 and response.url == gesprek_url


def test_a_follow_up_made_before_statements_were_kept_still_works(client, gesprek_url):
    """Follow-ups stored before this version kept only the averages per part."""
    gesprek = Gesprek.objects.get(uuid=gesprek_url.split("/")[3])
    gesprek.vorige = {"datum": "2026-10-01", "onderdelen": {"zelfherstel": 4.5}}
    gesprek.save()
    client.post(gesprek_url + "zelfherstel/", part_data(zelf(), scores=[6] * 8))
    page = client.get(gesprek_url + "resultaat/").content.decode()
    assert "<strong>Ik zelf:</strong> 4,5 → 6,0, 1,5 hoger" in page
    assert "Vorige keer:" not in client.get(gesprek_url + "zelfherstel/").content.decode()
    content = client.get(gesprek_url + "gespreksbestand.json").content
    assert json.loads(content)["vorige"]["stellingen"] == {}
    file = io.BytesIO(content)
    file.name = "gesprek.json"
    response = client.post("/gesprekstool/bestand-openen/", {"bestand": file, "doel": "verder"})
    assert response.status_code == 302
    assert Gesprek.objects.order_by("id").last().vorige["onderdelen"] == {"zelfherstel": 4.5}
