"""Every page of the flow: valid HTML, and a query count that does not grow with the data."""

import io

import pytest
from django.test import Client

from gesprekstool.models import Afspraak, Onderdeel, Stelling, Terugblik
from tests.factories import AanknopingspuntFactory, StellingFactory
from tests.gesprekstool.conftest import part_data
from tests.helpers import assert_queries_do_not_grow, assert_valid_html, count_queries

pytestmark = pytest.mark.django_db


def test_all_pages_are_valid_html(client, gesprek_url):
    zelf = Onderdeel.objects.get(slug="zelfherstel")
    data = part_data(zelf, scores=[1, 9])
    data[f"s{Stelling.objects.filter(onderdeel=zelf).first().id}-bespreken"] = "on"
    client.post(gesprek_url + "zelfherstel/", data)
    client.post(
        gesprek_url + "afspraken/",
        {"onderdeel": zelf.id, "wat": "a", "wie_rol": "anders", "wie": "b", "wanneer": "c"},
    )
    afspraak = Afspraak.objects.get()
    pages = {
        "start": "/gesprekstool/",
        "overzicht": gesprek_url,
        "onderdeel": gesprek_url + "zelfherstel/",
        "klaar": gesprek_url + "zelfherstel/klaar/",
        "resultaat": gesprek_url + "resultaat/",
        "afdrukken": gesprek_url + "afdrukken/",
        "afsluiten": gesprek_url + "afsluiten/",
        "bestand": "/gesprekstool/bestand-openen/",
        "kaarten": "/gesprekstool/kaarten/herstel-naar-het-slachtoffer/",
    }
    documents = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        documents[name] = response.content.decode()
    # Pages with errors and the simple mode, too.
    bad = part_data(zelf)
    bad[f"s{Stelling.objects.filter(onderdeel=zelf).first().id}-score"] = "99"
    documents["onderdeel-fout"] = client.post(gesprek_url + "zelfherstel/", bad).content.decode()
    documents["afspraak-fout"] = client.post(gesprek_url + "afspraken/", {}).content.decode()
    documents["afspraak-wijzigen-fout"] = client.post(
        gesprek_url + f"afspraken/{afspraak.id}/", {f"a{afspraak.id}-wie_rol": "anders"}
    ).content.decode()
    assert "Schrijf op wie het doet" in documents["afspraak-wijzigen-fout"]
    documents["instellingen-fout"] = client.post(
        gesprek_url + "instellingen/", {"trajectcode": "a@b.nl"}
    ).content.decode()
    client.post(gesprek_url + "instellingen/", {"trajectcode": "", "eenvoudig": "on"})
    documents["eenvoudig"] = client.get(gesprek_url + "zelfherstel/").content.decode()
    documents["pdf-html"] = _pdf_html(client, gesprek_url)
    documents["niet-gevonden"] = client.get(
        "/gesprekstool/gesprek/00000000-0000-4000-8000-000000000000/"
    ).content.decode()
    # A follow-up from the gespreksbestand: the result page with both conversations.
    file = io.BytesIO(client.get(gesprek_url + "gespreksbestand.json").content)
    file.name = "gesprek.json"
    follow_up = client.post("/gesprekstool/bestand-openen/", {"bestand": file, "doel": "vervolg"})
    assert follow_up.url.endswith("/terugblik/")
    vervolg = follow_up.url.removesuffix("terugblik/")
    documents["terugblik"] = client.get(follow_up.url).content.decode()
    terugblik = Terugblik.objects.get()
    documents["terugblik-fout"] = client.post(
        follow_up.url, {f"t{terugblik.pk}-status": "misschien"}
    ).content.decode()
    assert "Kies hoe het ging uit de lijst" in documents["terugblik-fout"]
    documents["vervolg-overzicht"] = client.get(vervolg).content.decode()
    documents["vervolg-onderdeel"] = client.get(vervolg + "zelfherstel/").content.decode()
    documents["vervolg-resultaat"] = client.get(vervolg + "resultaat/").content.decode()
    assert "Grijze balk" in documents["vervolg-resultaat"]
    assert_valid_html(documents)


def _pdf_html(client, gesprek_url):
    from django.template.loader import render_to_string

    from gesprekstool import services, views

    session = client.session
    gesprek = services.gesprek_for_session(session=session, gesprek_uuid=gesprek_url.split("/")[3])
    return render_to_string("gesprekstool/pdf.html", views._resultaat_context(gesprek))


def _more_content():
    """More statements, leads and answers: page query counts must not change."""
    for part in Onderdeel.objects.all():
        for _ in range(3):
            stelling = StellingFactory(onderdeel=part)
            AanknopingspuntFactory(
                onderdeel=part, regel="stelling_laag", stelling=stelling, drempel=9
            )


@pytest.mark.parametrize(
    ("path", "max_queries", "kept_queries"),
    [
        ("", 9, 3),
        ("zelfherstel/", 9, 3),
        ("zelfherstel/klaar/", 11, 4),
        ("resultaat/", 11, 4),
        ("afdrukken/", 11, 4),
    ],
)
def test_query_counts_do_not_grow(client, gesprek_url, path, max_queries, kept_queries):
    for part in Onderdeel.objects.all():
        client.post(gesprek_url + f"{part.slug}/", part_data(part, scores=[3] * 10))

    def add_more():
        _more_content()
        for part in Onderdeel.objects.all():
            client.post(gesprek_url + f"{part.slug}/", part_data(part, scores=[2] * 20))

    assert_queries_do_not_grow(client, gesprek_url + path, add_more, max_queries=max_queries)
    # The tool's content is kept until it changes (summary.tool_content); the answers are not.
    # The session is read from the cache (cached_db), not from the database.
    assert count_queries(client, gesprek_url + path) == kept_queries


def test_saving_a_part_uses_a_bounded_number_of_queries(
    client, gesprek_url, django_assert_max_num_queries
):
    zelf = Onderdeel.objects.get(slug="zelfherstel")
    with django_assert_max_num_queries(10):
        response = client.post(gesprek_url + "zelfherstel/", part_data(zelf))
    assert response.status_code == 302


def test_start_page_query_count(client, seed):
    # The first visit also creates the session (the start page binds it before any
    # conversation: see services.session_token) and keeps the parts; a change of content
    # (the factories' rows) makes them render again.
    client.get("/gesprekstool/")
    StellingFactory(onderdeel=Onderdeel.objects.first())
    assert_queries_do_not_grow(client, "/gesprekstool/", _more_content, max_queries=4)
    # Kept until the content changes: the open conversation and the content version are all
    # that is read next time (the session comes from the cache: cached_db).
    assert count_queries(client, "/gesprekstool/") == 2


def test_an_editors_change_shows_on_the_start_page_at_once(client, seed):
    client.get("/gesprekstool/")  # rendered and kept
    part = Onderdeel.objects.order_by("volgorde").first()
    part.titel = "Een nieuwe naam van de redactie"
    part.save()
    assert "Een nieuwe naam van de redactie" in client.get("/gesprekstool/").content.decode()


def test_the_kept_start_page_never_shows_another_browsers_conversation(client, seed):
    other = Client()
    other.post("/gesprekstool/nieuw/")
    assert "nog een gesprek open" in other.get("/gesprekstool/").content.decode()
    assert "nog een gesprek open" not in client.get("/gesprekstool/").content.decode()


def test_pillar_page_links_to_its_conversation_part(client, seed):
    page = client.get("/pijlers/herstel-met-het-netwerk/").content.decode()
    assert "/gesprekstool/kaarten/herstel-met-het-netwerk/" in page
    assert "Mensen om mij heen" in page
