"""A session from start to end, as the facilitator and the participants see it."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.test import Client
from pypdf import PdfReader

from werkplaats.models import Antwoord, Deelnemer, Sessie, hash_token

from .conftest import act, answer, join, make_set, text

pytestmark = pytest.mark.django_db


def test_start_a_session_without_an_account(client, stellingenset):
    response = client.post(f"/werkplaats/{stellingenset.slug}/", {})
    assert response.status_code == 302
    leider_url = response["Location"]
    token = leider_url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40

    sessie = Sessie.objects.get()
    assert sessie.leider_hash == hash_token(token)
    assert token not in str(Sessie.objects.values().get())  # only the hash is kept
    # The untouched form asks nobody for a background.
    assert sessie.achtergronden == []
    assert [s.tekst for s in sessie.stellingen.all()] == [
        s.tekst for s in stellingenset.stellingen.all()
    ]

    page = client.get(leider_url)
    assert page.status_code == 200
    assert sessie.code_leesbaar in text(page)
    assert "Stelling 1 van 3" in text(page)


def test_editing_the_set_later_leaves_a_played_session_alone(started, stellingenset):
    sessie, _ = started
    first = stellingenset.stellingen.first()
    first.tekst = "Iets heel anders"
    first.save()
    assert sessie.stellingen.first().tekst == "Het gezin houdt de regie."


def test_another_person_gets_404_for_the_facilitator_pages(started):
    sessie, leider_url = started
    wrong = leider_url.replace(leider_url[-10:-1], "x" * 9)
    for suffix in ["", "status/", "qr.svg", "samenvatting/", "uitslag.pdf", "uitslag.csv"]:
        assert Client().get(wrong + suffix).status_code == 404, suffix
        assert Client().get(leider_url + suffix).status_code == 200, suffix
    assert Client().post(wrong + "actie/", {"actie": "volgende", "stelling": 0}).status_code == 404
    # The join code is not a facilitator link either.
    assert Client().get(f"/werkplaats/leiden/{sessie.code}/").status_code == 404


def test_join_answer_and_change_the_answer(started):
    sessie, leider_url = started
    phone = join(sessie, "wijkteam")
    page = phone.get(f"/doe-mee/{sessie.code}/")
    assert "Het gezin houdt de regie." in text(page)

    assert answer(phone, sessie, "eens").status_code == 302
    assert "Jouw antwoord: Eens" in text(phone.get(f"/doe-mee/{sessie.code}/"))
    assert answer(phone, sessie, "oneens").status_code == 302
    assert "Jouw antwoord: Oneens" in text(phone.get(f"/doe-mee/{sessie.code}/"))

    # werkplaats.js sends the form with fetch and gets back only the line under the choices.
    response = phone.post(
        f"/doe-mee/{sessie.code}/antwoord/",
        {"stelling": 0, "waarde": "weet_niet"},
        headers={"X-Werkplaats-Fetch": "1"},
    )
    assert response.status_code == 200
    assert response.content.decode().startswith('<div id="wp-bewaard">')
    assert "Jouw antwoord: Weet ik niet" in text(response)
    assert "Verander mijn antwoord" in text(response)
    assert "Het gezin houdt de regie." not in text(response)  # not the page again
    assert answer(phone, sessie, "oneens").status_code == 302

    # After a poll saw a change, the script fetches only the part it swaps in.
    fragment = phone.get(f"/doe-mee/{sessie.code}/", headers={"X-Werkplaats-Fetch": "1"})
    assert fragment.content.decode().startswith('<div id="wp-live"')
    assert "Jouw antwoord: Oneens" in text(fragment)
    assert "X-Werkplaats-Fetch" in fragment["Vary"]

    antwoord = Antwoord.objects.get()  # changed in place: still one answer
    assert antwoord.waarde == "oneens"
    assert antwoord.deelnemer.achtergrond == "wijkteam"


def test_answering_with_javascript_is_small_and_cheap(started, django_assert_max_num_queries):
    sessie, _ = started
    phone = join(sessie)
    # The session, the statement on screen, the answer saved.
    with django_assert_max_num_queries(3):
        response = phone.post(
            f"/doe-mee/{sessie.code}/antwoord/",
            {"stelling": 0, "waarde": "eens"},
            headers={"X-Werkplaats-Fetch": "1"},
        )
    assert response.status_code == 200
    assert len(response.content) < 1000
    assert Antwoord.objects.get().waarde == "eens"


def test_a_kept_statement_shows_each_phone_only_its_own_answer(started):
    sessie, leider_url = started
    page = f"/doe-mee/{sessie.code}/"
    een, twee, drie = (join(sessie) for _ in range(3))
    answer(een, sessie, "eens")
    answer(twee, sessie, "oneens")
    for _ in range(2):  # rendered, then kept
        assert "Jouw antwoord: Eens" in text(een.get(page))
        assert "Jouw antwoord: Oneens" in text(twee.get(page))
        mine = text(drie.get(page))
        assert "Jouw antwoord" not in mine and "Bewaar mijn antwoord" in mine
    assert re.search(r'value="oneens"[^>]* checked>', twee.get(page).content.decode())
    assert "checked" not in drie.get(page).content.decode()

    # Closing the statement moves the session's version on: no phone sees the open form.
    act(Client(), leider_url, "sluit", 0)
    assert "Deze stelling is gesloten. Jouw antwoord: Eens" in text(een.get(page))
    assert "Je hebt niet geantwoord" in text(drie.get(page))


def test_each_phone_gets_its_own_csrf_token_next_to_a_kept_statement(started):
    sessie, _ = started
    page = f"/doe-mee/{sessie.code}/"
    for _ in range(2):  # the second phone gets the statement from the cache
        phone = Client(enforce_csrf_checks=True)
        html = phone.get(page).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert phone.post(page, {"csrfmiddlewaretoken": token}).status_code == 302
        html = phone.get(page).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        response = phone.post(
            page + "antwoord/", {"csrfmiddlewaretoken": token, "stelling": 0, "waarde": "eens"}
        )
        assert response.status_code == 302
    assert Antwoord.objects.count() == 2


def test_joining_twice_in_one_browser_stays_one_participant(started):
    sessie, _ = started
    phone = join(sessie)
    phone.post(f"/doe-mee/{sessie.code}/", {})
    assert Deelnemer.objects.count() == 1


def test_one_answer_per_participant_per_statement_in_the_database(started):
    sessie, _ = started
    deelnemer = Deelnemer.objects.create(sessie=sessie)
    stelling = sessie.stellingen.first()
    Antwoord.objects.create(deelnemer=deelnemer, stelling=stelling, waarde="eens")
    with pytest.raises(IntegrityError):
        Antwoord.objects.create(deelnemer=deelnemer, stelling=stelling, waarde="oneens")


def test_the_code_can_be_typed_in_any_case_with_spaces(started):
    sessie, _ = started
    typed = f" {sessie.code[:3].lower()} {sessie.code[3:]} "
    response = Client().get("/doe-mee/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/doe-mee/{sessie.code}/"


def test_reveal_shows_the_distribution_only_when_asked(started, client):
    sessie, leider_url = started
    for waarde, achtergrond in [("eens", "wijkteam"), ("eens", "wijkteam"), ("oneens", "politie")]:
        answer(join(sessie, achtergrond), sessie, waarde)

    hidden = text(client.get(leider_url))
    assert "3 van 3 deelnemers hebben geantwoord" in hidden
    assert "De uitslag is nog verborgen" in hidden
    assert "Zo is er geantwoord" not in hidden

    assert act(client, leider_url, "onthul", 0).status_code == 302
    shown = client.get(leider_url)
    uitslag = shown.context["uitslag"]
    assert [(o.label, o.aantal, o.procent) for o in uitslag.opties] == [
        ("Eens", 2, 67),
        ("Oneens", 1, 33),
        ("Weet ik niet", 0, 0),
    ]
    assert "Zo is er geantwoord (3 antwoorden)" in text(shown)

    act(client, leider_url, "verberg", 0)
    assert "De uitslag is nog verborgen" in text(client.get(leider_url))


def test_per_background_counts(started, client):
    sessie, leider_url = started
    answer(join(sessie, "wijkteam"), sessie, "eens")
    answer(join(sessie, "wijkteam"), sessie, "weet_niet")
    answer(join(sessie, "politie"), sessie, "oneens")
    answer(join(sessie, ""), sessie, "oneens")
    act(client, leider_url, "onthul", 0)

    groepen = client.get(leider_url).context["uitslag"].groepen
    assert [(g.label, g.totaal, [o.aantal for o in g.opties]) for g in groepen] == [
        ("Wijkteam", 2, [1, 0, 1]),
        ("Politie", 1, [0, 1, 0]),
        ("Niet gekozen", 1, [0, 1, 0]),
    ]


def test_a_session_without_backgrounds_does_not_ask(stellingenset, client):
    response = client.post(f"/werkplaats/{stellingenset.slug}/", {})
    sessie = Sessie.objects.get()
    join_page = text(Client().get(f"/doe-mee/{sessie.code}/"))
    assert "achtergrond" not in join_page
    answer(join(sessie), sessie, "eens")
    act(client, response["Location"], "onthul", 0)
    assert client.get(response["Location"]).context["uitslag"].groepen == []


def test_next_and_previous_move_every_phone_along(started, client):
    sessie, leider_url = started
    phone = join(sessie)
    assert act(client, leider_url, "volgende", 0).status_code == 302
    assert "Stelling 2 van 3" in text(client.get(leider_url))
    assert "Een plan zonder netwerk is geen plan." in text(phone.get(f"/doe-mee/{sessie.code}/"))
    # A double click sent from the same screen moves on once, not twice.
    act(client, leider_url, "volgende", 0)
    sessie.refresh_from_db()
    assert sessie.huidige == 1
    act(client, leider_url, "volgende", 2)  # already the last: stays there
    act(client, leider_url, "vorige", 1)
    sessie.refresh_from_db()
    assert sessie.huidige == 0


def test_an_answer_for_a_statement_no_longer_on_screen_is_refused(started, client):
    sessie, leider_url = started
    phone = join(sessie)
    act(client, leider_url, "volgende", 0)
    response = answer(phone, sessie, "eens", stelling=0)
    assert response.status_code == 409
    assert "De stelling is intussen veranderd" in text(response)
    assert not Antwoord.objects.exists()


def test_closing_a_statement_locks_the_answers(started, client):
    sessie, leider_url = started
    phone = join(sessie)
    answer(phone, sessie, "eens")
    act(client, leider_url, "sluit", 0)

    response = answer(phone, sessie, "oneens")
    assert response.status_code == 409
    assert "Deze stelling is gesloten" in text(response)
    assert Antwoord.objects.get().waarde == "eens"  # what was saved stays
    assert "Deze stelling is gesloten. Jouw antwoord: Eens" in text(
        phone.get(f"/doe-mee/{sessie.code}/")
    )

    act(client, leider_url, "heropen", 0)
    assert answer(phone, sessie, "oneens").status_code == 302
    assert Antwoord.objects.get().waarde == "oneens"


def test_closing_the_session_locks_everything_and_expires_the_code(started, client):
    sessie, leider_url = started
    phone = join(sessie)
    answer(phone, sessie, "eens")

    response = act(client, leider_url, "afsluiten", 0)
    assert response["Location"] == leider_url + "samenvatting/"
    assert "De sessie is afgelopen" in text(phone.get(f"/doe-mee/{sessie.code}/"))
    assert answer(phone, sessie, "oneens").status_code == 409
    assert Client().get(f"/doe-mee/{sessie.code}/").status_code == 404  # nobody new joins
    assert Client().post(f"/doe-mee/{sessie.code}/", {}).status_code == 404
    assert act(client, leider_url, "volgende", 0).status_code == 409
    # The facilitator keeps the results.
    assert client.get(leider_url + "uitslag.csv").status_code == 200


def test_the_code_expires_after_twelve_hours(started):
    sessie, _ = started
    phone = join(sessie)
    Sessie.objects.filter(pk=sessie.pk).update(aangemaakt=sessie.aangemaakt - timedelta(hours=12))
    assert Client().get(f"/doe-mee/{sessie.code}/").status_code == 404
    assert "De sessie is afgelopen" in text(phone.get(f"/doe-mee/{sessie.code}/"))
    assert answer(phone, sessie, "eens").status_code == 409
    assert not Antwoord.objects.exists()


def test_the_summary_puts_the_most_divided_statement_first(started, client):
    sessie, leider_url = started
    phones = [join(sessie) for _ in range(4)]
    # Statement 1: all agree. Statement 2: two against two. Statement 3: three against one.
    for volgorde, waarden in enumerate(
        [["eens"] * 4, ["eens", "oneens", "eens", "oneens"], ["eens", "eens", "eens", "oneens"]]
    ):
        act(client, leider_url, "volgende", volgorde - 1) if volgorde else None
        for phone, waarde in zip(phones, waarden, strict=True):
            assert answer(phone, sessie, waarde).status_code == 302

    page = client.get(leider_url + "samenvatting/")
    order = [u.stelling.nummer for u in page.context["verdeeld"]]
    assert order == [2, 3, 1]
    assert [u.verdeeldheid_procent for u in page.context["verdeeld"]] == [100, 50, 0]


def test_pdf_and_csv_of_the_results(started, client):
    sessie, leider_url = started
    answer(join(sessie, "wijkteam"), sessie, "eens")
    answer(join(sessie, "politie"), sessie, "oneens")

    response = client.get(leider_url + "uitslag.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = PdfReader(io.BytesIO(response.content))
    assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged
    assert "/StructTreeRoot" in pdf.trailer["/Root"]
    content = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Het gezin houdt de regie." in content
    assert "Wijkteam" in content and "Verdeeldheid" in content

    response = client.get(leider_url + "uitslag.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["nummer", "stelling", "achtergrond", "antwoord", "aantal", "verdeeldheid"]
    assert ["1", "Het gezin houdt de regie.", "alle deelnemers", "Eens", "1", "100"] in rows
    assert ["1", "Het gezin houdt de regie.", "Politie", "Oneens", "1", "100"] in rows


def test_csv_cells_never_start_a_formula(client, db):
    from werkplaats import services

    stellingenset = make_set(slug="formule", stellingen=["=HYPERLINK(1)"])
    _, token = services.sessie_start(stellingenset=stellingenset)
    body = client.get(f"/werkplaats/leiden/{token}/uitslag.csv").content.decode("utf-8-sig")
    assert ";'=HYPERLINK(1);" in body


def test_qr_code_is_an_svg_file_with_the_join_address(started, client):
    sessie, leider_url = started
    response = client.get(leider_url + "qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert sessie.code in svg  # in its title


def test_no_address_is_stored_with_participants_or_answers(started):
    sessie, _ = started
    answer(join(sessie, "wijkteam"), sessie, "eens")
    stored = [
        *Deelnemer.objects.values().get().values(),
        *Antwoord.objects.values().get().values(),
        *Sessie.objects.values().get().values(),
    ]
    assert not any("127.0.0.1" in str(value) for value in stored)
    field_names = {f.name for m in (Deelnemer, Antwoord) for f in m._meta.get_fields()}
    assert not field_names & {"ip", "adres", "naam", "ip_adres"}


def test_a_phone_cannot_claim_another_participants_answers(started):
    sessie, _ = started
    other = join(sessie)
    answer(other, sessie, "eens")
    deelnemer_id = Deelnemer.objects.get().pk

    forger = Client()
    forger.cookies["werkplaats"] = f'{{"{sessie.pk}": {deelnemer_id}}}'  # not signed
    response = forger.post(f"/doe-mee/{sessie.code}/antwoord/", {"stelling": 0, "waarde": "oneens"})
    assert response.status_code == 403
    assert Antwoord.objects.get().waarde == "eens"


def test_joining_makes_no_server_session(started):
    sessie, _ = started
    phone = join(sessie)
    answer(phone, sessie, "eens")
    assert "sessionid" not in phone.cookies
    cookie = phone.cookies["werkplaats"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert 0 < int(cookie["max-age"]) <= 12 * 60 * 60
