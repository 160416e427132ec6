"""Saved conversations: owner-only access, handover, access log, retention, deletion, bad input."""

import json
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gesprekstool.gespreksbestand import export_bytes
from gesprekstool.models import Actie, Afspraak, Antwoord, Gesprek, Onderdeel, Toegang, Traject
from gesprekstool.views import EXPORTS
from tests.factories import UserFactory
from tests.gesprekstool.conftest import part_data
from tests.helpers import assert_valid_html


def answer(client, gesprek, slug="algemeen", scores=(3, 4, 5, 6, 7, 8, 9, 2, 1, 0)):
    onderdeel = Onderdeel.objects.get(slug=slug)
    response = client.post(
        f"/gesprekstool/gesprek/{gesprek.uuid}/{slug}/", part_data(onderdeel, list(scores))
    )
    assert response.status_code == 302, response.content.decode()[:500]


def algemeen_count():
    return Onderdeel.objects.get(slug="algemeen").stellingen.filter(gearchiveerd=False).count()


def all_urls(traject, gesprek):
    g = f"/gesprekstool/gesprek/{gesprek.uuid}/"
    t = traject.get_absolute_url()
    gets = [
        g,
        g + "algemeen/",
        g + "algemeen/klaar/",
        g + "resultaat/",
        g + "afdrukken/",
        g + "gesprek.pdf",
        g + "gespreksbestand.json",
        g + "afsluiten/",
        t,
        t + "vergelijken/",
        t + "verwijderen/",
        t + f"gesprek/{gesprek.uuid}/verwijderen/",
    ]
    posts = [
        (g + "algemeen/", part_data(Onderdeel.objects.get(slug="algemeen"), [0] * 10)),
        (g + "instellingen/", {"eenvoudig": "on"}),
        (
            g + "afspraken/",
            {
                "onderdeel": Onderdeel.objects.first().pk,
                "wat": "x",
                "wie_rol": "jongere",
                "wanneer": "z",
            },
        ),
        (g + "afsluiting/", {"check_gehoord": 1, "check_belangrijk": 1, "check_manier": 1}),
        (g + "afsluiten/", {}),
        (t + "vervolg/", {}),
        (t + "overdragen/", {"collega": traject.eigenaar_id, "zeker": "on"}),
        (t + "importeren/", {}),
        (t + f"gesprek/{gesprek.uuid}/verwijderen/", {}),
        (t + "verwijderen/", {}),
    ]
    return gets, posts


@pytest.fixture
def gevuld(pro_client, traject):
    """A trajectory with one answered part and an agreement."""
    gesprek = traject.gesprekken.get()
    answer(pro_client, gesprek)
    pro_client.post(
        f"/gesprekstool/gesprek/{gesprek.uuid}/afspraken/",
        {
            "onderdeel": Onderdeel.objects.first().pk,
            "wat": "Samen koken",
            "wie_rol": "jongere",
            "wanneer": "zondag",
        },
    )
    return traject, gesprek


@pytest.mark.parametrize("who", ["collega", "buitenstaander", "editor", "superuser", "anoniem"])
def test_only_the_owner_gets_in_everyone_else_404(
    who, client, gevuld, collega, buitenstaander, editor
):
    traject, gesprek = gevuld
    users = {
        "collega": collega,
        "buitenstaander": buitenstaander,
        "editor": editor,
        "superuser": UserFactory(username="baas", is_staff=True, is_superuser=True),
    }
    client.logout()
    if who in users:
        client.force_login(users[who])
    gets, posts = all_urls(traject, gesprek)
    answers_before = list(Antwoord.objects.filter(gesprek=gesprek).values_list("score", flat=True))
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert list(Antwoord.objects.filter(gesprek=gesprek).values_list("score", flat=True)) == (
        answers_before
    )
    traject.refresh_from_db()
    assert traject.eigenaar.username == "anna"
    assert Gesprek.objects.filter(traject=traject).count() == 1
    assert Afspraak.objects.filter(gesprek=gesprek).count() == 1
    # Nobody else's visit ends up in the owner's log either.
    assert not Toegang.objects.exclude(gebruiker__username="anna").exists()


def test_anonymous_visitor_of_mijn_gesprekken_is_sent_to_login(client, seed):
    response = client.get("/gesprekstool/mijn/")
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/?next=")


def test_owner_sees_everything_and_the_pdf_and_file_work(pro_client, gevuld):
    traject, gesprek = gevuld
    gets, _ = all_urls(traject, gesprek)
    for url in gets:
        response = pro_client.get(url)
        assert response.status_code in (200, 302), url
    body = json.loads(
        pro_client.get(f"/gesprekstool/gesprek/{gesprek.uuid}/gespreksbestand.json").content
    )
    assert body["gesprek"]["trajectcode"] == "JR-2026-17"
    assert len(body["antwoorden"]) == Antwoord.objects.filter(gesprek=gesprek).count()


def test_saved_conversation_survives_24_hours_and_keeps_its_trajectcode(pro_client, gevuld):
    traject, gesprek = gevuld
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        pro_client.force_login(traject.eigenaar)
        call_command("gesprekken_opruimen", verbosity=0)
        assert pro_client.get(gesprek.get_absolute_url()).status_code == 200
        pro_client.post(
            f"/gesprekstool/gesprek/{gesprek.uuid}/instellingen/", {"trajectcode": "ANDERS-1"}
        )
    gesprek.refresh_from_db()
    assert gesprek.trajectcode == "JR-2026-17"


def test_retention_deletes_saved_conversations_after_the_period(pro_client, gevuld, settings):
    traject, gesprek = gevuld
    html = pro_client.get(traject.get_absolute_url()).content.decode()
    verloopt = timezone.localdate() + timedelta(days=365)
    assert f"{verloopt.day} " in html and str(verloopt.year) in html
    with time_machine.travel(timezone.now() + timedelta(days=364)):
        call_command("gesprekken_opruimen", verbosity=0)
        assert Gesprek.objects.filter(pk=gesprek.pk).exists()
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        pro_client.force_login(traject.eigenaar)
        # Gone for the owner at once, even before the command runs.
        assert pro_client.get(gesprek.get_absolute_url()).status_code == 404
        assert pro_client.get(traject.get_absolute_url()).status_code == 404
        call_command("gesprekken_opruimen", verbosity=0)
    assert not Gesprek.objects.filter(pk=gesprek.pk).exists()
    assert not Traject.objects.filter(pk=traject.pk).exists()
    assert not Antwoord.objects.filter(gesprek_id=gesprek.pk).exists()
    assert not Toegang.objects.filter(traject_id=traject.pk).exists()


def test_retention_is_configurable_and_counts_from_the_last_change(
    pro_client, gevuld, settings, professional
):
    settings.GESPREKSTOOL_RETENTION_DAYS = 30
    traject, gesprek = gevuld
    with time_machine.travel(timezone.now() + timedelta(days=20)):
        pro_client.force_login(professional)  # the session itself has expired by then
        answer(pro_client, gesprek, scores=[1] * 10)
    with time_machine.travel(timezone.now() + timedelta(days=45)):
        call_command("gesprekken_opruimen", verbosity=0)
        assert Gesprek.objects.filter(pk=gesprek.pk).exists()
    with time_machine.travel(timezone.now() + timedelta(days=51)):
        call_command("gesprekken_opruimen", verbosity=0)
        assert not Gesprek.objects.filter(pk=gesprek.pk).exists()


def test_follow_up_and_compare(pro_client, gevuld):
    traject, eerste = gevuld
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        pro_client.force_login(traject.eigenaar)
        response = pro_client.post(f"{traject.get_absolute_url()}vervolg/")
        tweede = traject.gesprekken.latest("aangemaakt")
        # It opens with last time's agreement to look back on.
        assert response.url == f"/gesprekstool/gesprek/{tweede.uuid}/terugblik/"
        assert list(tweede.terugblikken.values_list("wat", "status")) == [("Samen koken", "")]
        scores = list(eerste.antwoorden.values_list("score", flat=True))
        assert tweede.vorige["onderdelen"]["algemeen"] == round(sum(scores) / len(scores), 1)
        answer(pro_client, tweede, scores=[9] * 10)
        resultaat = pro_client.get(
            f"/gesprekstool/gesprek/{tweede.uuid}/resultaat/"
        ).content.decode()
        assert "Vorig gesprek" in resultaat
        response = pro_client.get(f"{traject.get_absolute_url()}vergelijken/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<polyline" in html
    assert "<td>9,0</td>" in html
    eerste_gemiddelde = (
        sum([3, 4, 5, 6, 7, 8, 9, 2, 1, 0][: eerste.antwoorden.count()]) / eerste.antwoorden.count()
    )
    assert f"<td>{round(eerste_gemiddelde, 1)}</td>".replace(".", ",") in html
    # What changed since last time, in words per part and per statement, and in the chart.
    verschil = f"{9 - round(eerste_gemiddelde, 1):.1f}".replace(".", ",")
    assert (
        f"<strong>Over jou en herstel:</strong> {round(eerste_gemiddelde, 1)}".replace(".", ",")
        in html
    )
    assert f"9,0, {verschil} hoger</li>" in html
    assert f">+{verschil}</text>" in html
    assert "<td>9</td><td>" in html.split("Over jou en herstel: per stelling")[1]
    # Any two of them.
    derde = pro_client.post(f"{traject.get_absolute_url()}vervolg/")
    assert derde.status_code == 302
    response = pro_client.get(
        f"{traject.get_absolute_url()}vergelijken/?gesprek={eerste.uuid}&gesprek={tweede.uuid}"
    )
    assert response.status_code == 200
    chart_table = response.content.decode().split('id="veranderd"')[0]
    assert chart_table.count('<th scope="col">') == 3


@pytest.mark.parametrize(
    "query, message",
    [
        ("gesprek=kapot", "Kies gesprekken uit dit traject."),
        (
            "gesprek=00000000-0000-0000-0000-000000000000&gesprek=kapot",
            "Kies gesprekken uit dit traject.",
        ),
        ("gesprek={eerste}", "Kies minstens twee gesprekken"),
    ],
)
def test_compare_refuses_bad_choices(pro_client, gevuld, query, message):
    traject, eerste = gevuld
    pro_client.post(f"{traject.get_absolute_url()}vervolg/")
    response = pro_client.get(
        f"{traject.get_absolute_url()}vergelijken/?" + query.format(eerste=eerste.uuid)
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_compare_refuses_a_conversation_of_another_trajectory(pro_client, gevuld):
    traject, eerste = gevuld
    pro_client.post("/gesprekstool/mijn/", {"trajectcode": "JR-2026-18"})
    ander = Gesprek.objects.get(trajectcode="JR-2026-18")
    response = pro_client.get(
        f"{traject.get_absolute_url()}vergelijken/?gesprek={eerste.uuid}&gesprek={ander.uuid}"
    )
    assert response.status_code == 400


def test_handover_to_a_colleague(pro_client, client, gevuld, collega):
    traject, gesprek = gevuld
    response = pro_client.post(
        f"{traject.get_absolute_url()}overdragen/", {"collega": collega.pk, "zeker": "on"}
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    gesprek.refresh_from_db()
    assert traject.eigenaar == collega and gesprek.eigenaar == collega
    assert pro_client.get(traject.get_absolute_url()).status_code == 404
    assert pro_client.get(gesprek.get_absolute_url()).status_code == 404
    client.force_login(collega)
    html = client.get(traject.get_absolute_url()).content.decode()
    assert "overgedragen: aan bram" in html
    assert client.get(gesprek.get_absolute_url()).status_code == 200
    assert Antwoord.objects.filter(gesprek=gesprek).count() == algemeen_count()


@pytest.mark.parametrize("target", ["buitenstaander", "self", "bogus", "none", "inactive"])
def test_handover_refuses_anyone_but_an_active_colleague(
    pro_client, gevuld, collega, buitenstaander, professional, target
):
    traject, _ = gevuld
    inactive = UserFactory(username="weg", is_active=False)
    from tests.factories import ProfielFactory

    ProfielFactory(gebruiker=inactive, organisatie=traject.organisatie)
    value = {
        "buitenstaander": buitenstaander.pk,
        "self": professional.pk,
        "bogus": "abc",
        "none": "",
        "inactive": inactive.pk,
    }[target]
    response = pro_client.post(
        f"{traject.get_absolute_url()}overdragen/", {"collega": value, "zeker": "on"}
    )
    assert response.status_code == 400
    assert "Kies een collega" in response.content.decode()
    traject.refresh_from_db()
    assert traject.eigenaar == professional


def test_handover_needs_the_confirmation(pro_client, gevuld, collega, professional):
    traject, _ = gevuld
    response = pro_client.post(f"{traject.get_absolute_url()}overdragen/", {"collega": collega.pk})
    assert response.status_code == 400
    assert "Vink aan dat je dit begrijpt." in response.content.decode()
    traject.refresh_from_db()
    assert traject.eigenaar == professional


def test_access_log_records_open_change_export_and_delete(pro_client, gevuld):
    traject, gesprek = gevuld
    pro_client.get(gesprek.get_absolute_url())
    pro_client.get(f"/gesprekstool/gesprek/{gesprek.uuid}/gesprek.pdf")
    pro_client.get(f"/gesprekstool/gesprek/{gesprek.uuid}/gespreksbestand.json")
    pro_client.post(f"{traject.get_absolute_url()}vervolg/")
    tweede = traject.gesprekken.latest("aangemaakt")
    pro_client.post(f"{traject.get_absolute_url()}gesprek/{tweede.uuid}/verwijderen/")
    acties = list(Toegang.objects.filter(traject=traject).values_list("actie", "omschrijving"))
    kinds = {a for a, _ in acties}
    assert {
        Actie.AANGEMAAKT,
        Actie.GEOPEND,
        Actie.GEWIJZIGD,
        Actie.GEEXPORTEERD,
        Actie.VERWIJDERD,
    } <= kinds
    assert any("(PDF)" in o for _, o in acties) and any("(gespreksbestand)" in o for _, o in acties)
    html = pro_client.get(traject.get_absolute_url()).content.decode()
    assert "geëxporteerd" in html and "verwijderd" in html


@pytest.mark.parametrize(
    ("page", "export"),
    [
        ("gesprek.pdf", "PDF"),
        ("gespreksbestand.json", "gespreksbestand"),
        ("afdrukken/", "afdrukversie"),
        ("resultaat/", None),
    ],
)
def test_access_log_names_each_export_by_its_page(pro_client, gevuld, page, export):
    traject, gesprek = gevuld
    Toegang.objects.filter(traject=traject).delete()
    assert pro_client.get(f"/gesprekstool/gesprek/{gesprek.uuid}/{page}").status_code == 200
    logged = list(Toegang.objects.filter(traject=traject).values_list("actie", "omschrijving"))
    beschrijving = f"gesprek van {timezone.localdate(gesprek.aangemaakt):%d-%m-%Y}"
    if export:
        assert logged == [(Actie.GEEXPORTEERD, f"{beschrijving} ({export})")]
    else:
        assert logged == [(Actie.GEOPEND, beschrijving)]


def test_access_log_exports_are_keyed_on_url_names_that_exist():
    """The log names exports by URL name (stable, used by reverse), not by a function's name."""
    for name in EXPORTS:
        assert reverse(name, kwargs={"gesprek": uuid.uuid4()})


def test_repeated_saves_are_logged_once_per_ten_minutes(pro_client, gevuld):
    traject, gesprek = gevuld
    for _ in range(5):
        answer(pro_client, gesprek)
    assert Toegang.objects.filter(traject=traject, actie=Actie.GEWIJZIGD).count() == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        answer(pro_client, gesprek)
    assert Toegang.objects.filter(traject=traject, actie=Actie.GEWIJZIGD).count() == 2


def test_delete_a_conversation_keeps_the_others(pro_client, gevuld):
    traject, eerste = gevuld
    pro_client.post(f"{traject.get_absolute_url()}vervolg/")
    tweede = traject.gesprekken.latest("aangemaakt")
    response = pro_client.get(f"{traject.get_absolute_url()}gesprek/{eerste.uuid}/verwijderen/")
    assert "wissen?" in response.content.decode()
    response = pro_client.post(f"{traject.get_absolute_url()}gesprek/{eerste.uuid}/verwijderen/")
    assert response.status_code == 302
    assert not Antwoord.objects.filter(gesprek_id=eerste.pk).exists()
    assert not Afspraak.objects.filter(gesprek_id=eerste.pk).exists()
    assert Gesprek.objects.filter(pk=tweede.pk).exists()
    # "Gesprek afsluiten" of a saved conversation goes to the same confirmation.
    response = pro_client.get(f"/gesprekstool/gesprek/{tweede.uuid}/afsluiten/")
    assert response.url.endswith(f"gesprek/{tweede.uuid}/verwijderen/")


def test_delete_a_whole_trajectory_cascades(pro_client, gevuld):
    traject, gesprek = gevuld
    response = pro_client.post(f"{traject.get_absolute_url()}verwijderen/")
    assert response.status_code == 302
    for model, filters in [
        (Traject, {"pk": traject.pk}),
        (Gesprek, {"pk": gesprek.pk}),
        (Antwoord, {"gesprek_id": gesprek.pk}),
        (Afspraak, {"gesprek_id": gesprek.pk}),
        (Toegang, {"traject_id": traject.pk}),
    ]:
        assert not model.objects.filter(**filters).exists(), model
    first = pro_client.get("/gesprekstool/mijn/").content.decode()
    assert "Traject JR-2026-17 en alle gesprekken erin zijn gewist." in first
    assert traject.get_absolute_url() not in pro_client.get("/gesprekstool/mijn/").content.decode()


def test_deleting_a_user_deletes_their_trajectories(gevuld, professional):
    traject, gesprek = gevuld
    professional.delete()
    assert not Traject.objects.filter(pk=traject.pk).exists()
    assert not Antwoord.objects.filter(gesprek_id=gesprek.pk).exists()


@pytest.mark.parametrize(
    "code, message",
    [
        ("", "Vul een trajectcode in."),
        ("jan@example.org", "e-mailadres"),
        ("123456782", "burgerservicenummer"),
        ("0612345678", "telefoonnummer"),
        ("x" * 31, "hooguit 30 tekens"),
        ("JR-2026-17", "al een traject met deze code"),
    ],
)
def test_new_trajectory_refuses_bad_codes(pro_client, traject, code, message):
    response = pro_client.post("/gesprekstool/mijn/", {"trajectcode": code})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Traject.objects.count() == 1


def test_import_a_file_into_a_trajectory(pro_client, gevuld, seed):
    from django.test import Client

    client = Client()
    traject, gesprek = gevuld
    # A conversation held earlier without logging in, kept as a file.
    anon = client.post("/gesprekstool/nieuw/").url
    anon_gesprek = Gesprek.objects.get(uuid=anon.split("/")[-2])
    answer(client, anon_gesprek, slug="zelfherstel", scores=[2] * 10)
    Gesprek.objects.filter(pk=anon_gesprek.pk).update(
        aangemaakt=timezone.now() - timedelta(days=60)
    )
    anon_gesprek.refresh_from_db()
    data = export_bytes(anon_gesprek)
    upload = SimpleUploadedFile("gesprek.json", data, content_type="application/json")
    response = pro_client.post(f"{traject.get_absolute_url()}importeren/", {"bestand": upload})
    assert response.status_code == 302
    imported = traject.gesprekken.order_by("aangemaakt").first()
    assert imported.pk != gesprek.pk
    # The imported conversation keeps the day it was held (compared as local days: sixty days back
    # may cross a change of summer time, so it is not "today minus 60" at every hour).
    assert timezone.localdate(imported.aangemaakt) == timezone.localdate(anon_gesprek.aangemaakt)
    assert timezone.localdate(imported.aangemaakt) <= timezone.localdate() - timedelta(days=59)
    assert imported.antwoorden.count() == anon_gesprek.antwoorden.count()
    assert imported.eigenaar.username == "anna"
    assert Toegang.objects.filter(traject=traject, actie=Actie.GEIMPORTEERD).exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not json", "Dit is geen gespreksbestand"),
        (b'{"formaat": "werken-aan-herstel/gespreksbestand", "versie": 9}', "versie"),
        (None, "Kies een gespreksbestand."),
    ],
)
def test_import_refuses_bad_files_and_loses_nothing(pro_client, gevuld, content, message):
    traject, gesprek = gevuld
    data = {} if content is None else {"bestand": SimpleUploadedFile("x.json", content)}
    response = pro_client.post(f"{traject.get_absolute_url()}importeren/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert traject.gesprekken.count() == 1
    assert Antwoord.objects.filter(gesprek=gesprek).count() == algemeen_count()


def test_import_refuses_a_tampered_file(pro_client, gevuld):
    traject, gesprek = gevuld
    body = json.loads(export_bytes(gesprek))
    body["antwoorden"][0]["score"] = 10 if body["antwoorden"][0]["score"] != 10 else 0
    upload = SimpleUploadedFile("x.json", json.dumps(body).encode())
    response = pro_client.post(f"{traject.get_absolute_url()}importeren/", {"bestand": upload})
    assert response.status_code == 400
    assert "veranderd" in response.content.decode()


def test_import_refuses_an_oversized_upload(pro_client, gevuld):
    traject, _ = gevuld
    upload = SimpleUploadedFile("x.json", b" " * (400 * 1024))
    response = pro_client.post(f"{traject.get_absolute_url()}importeren/", {"bestand": upload})
    assert response.status_code == 413
    assert "te groot" in response.content.decode()


def test_the_admin_shows_no_conversations(client, gevuld, professional):
    traject, gesprek = gevuld
    superuser = UserFactory(username="baas", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    for url in [
        "/beheer/gesprekstool/gesprek/",
        "/beheer/gesprekstool/traject/",
        "/beheer/gesprekstool/toegang/",
        "/beheer/gesprekstool/antwoord/",
    ]:
        assert client.get(url).status_code == 404, url
    html = client.get(f"/beheer/auth/user/{professional.pk}/change/").content.decode()
    assert "Jeugdreclassering Noord" in html
    assert "JR-2026-17" not in html
    index = client.get("/beheer/").content.decode()
    assert "Gesprekken" not in index and "Trajecten" not in index


def test_pages_query_counts_do_not_grow(pro_client, gevuld):
    traject, gesprek = gevuld

    def more():
        for n in range(3):
            pro_client.post("/gesprekstool/mijn/", {"trajectcode": f"JR-2026-{30 + n}"})
            pro_client.post(f"{traject.get_absolute_url()}vervolg/")
        for g in traject.gesprekken.all():
            answer(pro_client, g, slug="zelfherstel")

    urls = [
        "/gesprekstool/mijn/",
        traject.get_absolute_url(),
        f"{traject.get_absolute_url()}vergelijken/",
    ]
    pro_client.post(f"{traject.get_absolute_url()}vervolg/")
    counts = {}
    from tests.helpers import count_queries

    for url in urls:
        count_queries(pro_client, url)  # the first visit writes "geopend" in the log
    for url in urls:
        counts[url] = count_queries(pro_client, url)
    more()
    for url in urls:
        count_queries(pro_client, url)  # the log line changes ("4 gesprekken vergeleken")
    for url in urls:
        after = count_queries(pro_client, url)
        assert after == counts[url], (url, counts[url], after)
        assert after <= 20, (url, after)


def test_new_pages_are_valid_html(pro_client, gevuld, collega):
    from django.test import Client

    client = Client()
    traject, gesprek = gevuld
    pro_client.post(f"{traject.get_absolute_url()}vervolg/")
    t = traject.get_absolute_url()
    pages = {
        "mijn": pro_client.get("/gesprekstool/mijn/"),
        "mijn-fout": pro_client.post("/gesprekstool/mijn/", {"trajectcode": "a@b.nl"}),
        "traject": pro_client.get(t),
        "traject-fout": pro_client.post(t + "overdragen/", {"collega": "x"}),
        "vergelijken": pro_client.get(t + "vergelijken/"),
        "vergelijken-fout": pro_client.get(t + "vergelijken/?gesprek=x"),
        "traject-wissen": pro_client.get(t + "verwijderen/"),
        "gesprek-wissen": pro_client.get(t + f"gesprek/{gesprek.uuid}/verwijderen/"),
        "overzicht": pro_client.get(gesprek.get_absolute_url()),
        "resultaat": pro_client.get(f"/gesprekstool/gesprek/{gesprek.uuid}/resultaat/"),
        "niet-gevonden": pro_client.get("/gesprekstool/mijn/00000000-0000-0000-0000-000000000000/"),
        "inloggen": client.get("/account/inloggen/"),
        "wachtwoord-vergeten": client.get("/account/wachtwoord-vergeten/"),
        "wachtwoord-wijzigen": pro_client.get("/account/wachtwoord-wijzigen/"),
    }
    for _ in range(5):
        locked = client.post("/account/inloggen/", {"username": "zz", "password": "y"})
    pages["geblokkeerd"] = locked
    assert locked.status_code == 429
    assert_valid_html({name: r.content.decode() for name, r in pages.items()})


def test_bad_answers_in_a_saved_conversation_are_refused_and_nothing_is_lost(pro_client, gevuld):
    traject, gesprek = gevuld
    before = dict(Antwoord.objects.filter(gesprek=gesprek).values_list("stelling_id", "score"))
    onderdeel = Onderdeel.objects.get(slug="algemeen")
    data = part_data(onderdeel, [11] + [0] * 9)
    response = pro_client.post(f"/gesprekstool/gesprek/{gesprek.uuid}/algemeen/", data)
    assert response.status_code == 400
    assert "Kies een getal van 0 tot en met 10." in response.content.decode()
    after = dict(Antwoord.objects.filter(gesprek=gesprek).values_list("stelling_id", "score"))
    assert after == before


def test_forms_of_saved_mode_need_the_csrf_token(gevuld, professional):
    from django.test import Client

    traject, gesprek = gevuld
    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    t = traject.get_absolute_url()
    for url in [
        "/gesprekstool/mijn/",
        t + "vervolg/",
        t + "importeren/",
        t + "overdragen/",
        t + "verwijderen/",
        t + f"gesprek/{gesprek.uuid}/verwijderen/",
    ]:
        assert client.post(url, {"trajectcode": "JR-1"}).status_code == 403, url
    assert Gesprek.objects.filter(pk=gesprek.pk).exists()
    assert traject.gesprekken.count() == 1


def test_password_change_refuses_bad_input(pro_client, professional):
    url = "/account/wachtwoord-wijzigen/"
    response = pro_client.post(
        url,
        {"old_password": "fout", "new_password1": "kort", "new_password2": "anders"},
    )
    assert response.status_code == 400
    assert "oude wachtwoord" in response.content.decode()
    strong = "zeven groene bergen in de mist"
    response = pro_client.post(
        url,
        {
            "old_password": "een-lang-wachtwoord-voor-tests",
            "new_password1": strong,
            "new_password2": strong,
        },
    )
    assert response.status_code == 302
    professional.refresh_from_db()
    assert professional.check_password(strong)


def test_admin_delete_confirmations_show_nothing_of_a_conversation(client, gevuld, professional):
    traject, gesprek = gevuld
    superuser = UserFactory(username="baas", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    pages = [
        client.get(f"/beheer/auth/user/{professional.pk}/delete/"),
        client.get(f"/beheer/herstel/organisatie/{traject.organisatie.pk}/delete/"),
        client.get(
            f"/beheer/gesprekstool/onderdeel/{Onderdeel.objects.get(slug='algemeen').pk}/delete/"
        ),
    ]
    texts = [a.stelling_tekst for a in gesprek.antwoorden.all()] + ["JR-2026-17", "Samen koken"]
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        for text in texts:
            assert text not in html
