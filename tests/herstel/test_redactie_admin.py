"""The editors' tools in the admin: link check list, content package, accessibility statement,
reading-level hints and list, the Redacteur group's permissions, and the sitemap."""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from gesprekstool.models import Onderdeel, Stelling
from herstel.models import Linkprobleem, Project, Toegankelijkheidsverklaring
from herstel.portability import content_models
from herstel.roles import EDITOR_GROUP_NAME
from kennisplein.models import Item
from tests.factories import UserFactory
from tests.helpers import assert_queries_do_not_grow, assert_valid_html

HARD = (
    "Door de jeugdreclasseringsmedewerker wordt in samenspraak met de betrokken ketenpartners "
    "een herstelgerichte interventie geïndiceerd, waarbij nadrukkelijk rekening gehouden wordt "
    "met de specifieke beschermende factoren en risicofactoren van de betreffende jeugdige."
)


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed")


@pytest.fixture
def staff_client(client, db):
    """Logged in to the admin, but in no group: may do nothing."""
    client.force_login(UserFactory(username="stagiair", is_staff=True))
    return client


def delete_all_content():
    for model in reversed(content_models()):
        model._base_manager.all().delete()


def test_the_editor_group_has_exactly_the_tools_permissions(db):
    codenames = set(
        Group.objects.get(name=EDITOR_GROUP_NAME).permissions.values_list("codename", flat=True)
    )
    assert {
        "view_linkprobleem",
        "inhoud_exporteren",
        "inhoud_importeren",
        "change_toegankelijkheidsverklaring",
        "view_toegankelijkheidsverklaring",
    } <= codenames
    assert not {"add_linkprobleem", "change_linkprobleem", "delete_linkprobleem"} & codenames


# --- link check ---


def test_the_link_check_list_points_to_the_item_to_fix(seeded, editor_client):
    item = Item.objects.get(slug="excuusbrief-schrijven")
    item.inhoud += "\n\n[weg](/kennisplein/bestaat-niet/)"
    item.save()
    with pytest.raises(CommandError):  # exit code 1: a broken link was found
        call_command("linkcontrole", "--zonder-extern", stdout=io.StringIO())
    page = editor_client.get("/beheer/herstel/linkprobleem/").content.decode()
    assert f'href="/beheer/kennisplein/item/{item.pk}/change/"' in page
    assert "/kennisplein/bestaat-niet/" in page
    assert "verwijst naar iets dat ontbreekt" in page
    assert editor_client.get("/beheer/herstel/linkprobleem/add/").status_code == 403
    problem = Linkprobleem.objects.get()
    delete = f"/beheer/herstel/linkprobleem/{problem.pk}/delete/"
    assert editor_client.get(delete).status_code == 403


# --- content package ---


def test_an_editor_downloads_the_content_package(seeded, editor_client):
    index = editor_client.get("/beheer/").content.decode()
    assert "/beheer/herstel/inhoudspakket/" in index
    response = editor_client.get("/beheer/herstel/inhoudspakket/download/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["models"]["kennisplein.item"] == Item.objects.count()


def test_without_the_permission_there_is_no_package(seeded, staff_client):
    assert "inhoudspakket" not in staff_client.get("/beheer/").content.decode()
    assert staff_client.get("/beheer/herstel/inhoudspakket/").status_code == 403
    assert staff_client.get("/beheer/herstel/inhoudspakket/download/").status_code == 403


def test_import_is_refused_on_a_site_with_content(seeded, editor_client):
    page = editor_client.get("/beheer/herstel/inhoudspakket/").content.decode()
    assert "Deze website heeft al inhoud" in page
    package = editor_client.get("/beheer/herstel/inhoudspakket/download/")
    upload = SimpleUploadedFile("inhoud.zip", b"".join(package.streaming_content))
    response = editor_client.post("/beheer/herstel/inhoudspakket/", {"pakket": upload})
    assert response.status_code == 200
    assert "De database is niet leeg" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"dit is geen zip", "onzin.zip is geen geldig archief"),
        (b"PK\x03\x04" + b"\0" * 40, "onzin.zip is geen geldig archief"),
    ],
)
def test_a_bad_package_gets_a_dutch_error(db, editor_client, data, message):
    upload = SimpleUploadedFile("onzin.zip", data)
    response = editor_client.post("/beheer/herstel/inhoudspakket/", {"pakket": upload})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_no_file_chosen_gets_a_dutch_error(db, editor_client):
    response = editor_client.post("/beheer/herstel/inhoudspakket/", {})
    assert "Dit veld is verplicht" in response.content.decode()


def test_an_editor_imports_a_package_into_an_empty_site(seeded, editor_client):
    package = editor_client.get("/beheer/herstel/inhoudspakket/download/")
    data = b"".join(package.streaming_content)
    count = Item.objects.count()
    delete_all_content()
    empty = editor_client.get("/beheer/herstel/inhoudspakket/").content.decode()
    assert "Deze website is leeg" in empty
    response = editor_client.post(
        "/beheer/herstel/inhoudspakket/",
        {"pakket": SimpleUploadedFile("inhoud.zip", data)},
        follow=True,
    )
    assert "records en" in response.content.decode()
    assert "geïmporteerd" in response.content.decode()
    assert Item.objects.count() == count


# --- accessibility statement ---

STATEMENT = {
    "organisatie": "Gemeente Voorbeeld",
    "status": "B",
    "datum_verklaring": "2026-11-30",
    "laatste_onderzoek": "2026-11-15",
    "onderzoek": "Een eigen controle met axe-core en het toetsenbord.",
    "nog_niet_in_orde": "- De video's hebben nog geen audiodescriptie.",
    "contact": "toegankelijkheid@example.org",
    "klachten": "Bent u niet tevreden? Dan kunt u terecht bij de Nationale ombudsman.",
}


def test_before_a_statement_exists_the_page_says_so(client, db):
    page = client.get("/toegankelijkheid/").content.decode()
    assert "nog niet vastgesteld" in page


def test_an_editor_fills_in_the_statement_and_visitors_read_it(client, editor_client):
    assert editor_client.get("/beheer/herstel/toegankelijkheidsverklaring/").url.endswith("/add/")
    response = editor_client.post("/beheer/herstel/toegankelijkheidsverklaring/add/", STATEMENT)
    assert response.status_code == 302
    assert editor_client.get("/beheer/herstel/toegankelijkheidsverklaring/").url.endswith(
        "/1/change/"
    )
    assert editor_client.get("/beheer/herstel/toegankelijkheidsverklaring/add/").status_code == 403
    page = client.get("/toegankelijkheid/").content.decode()
    assert "voldoet gedeeltelijk aan de eisen" in page
    assert "Gemeente Voorbeeld" in page
    assert '<time datetime="2026-11-15">15 november 2026</time>' in page
    assert "audiodescriptie" in page
    assert 'href="mailto:toegankelijkheid@example.org"' in page
    assert "Nationale ombudsman" in page
    assert '<a href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>' in page
    assert_valid_html({"toegankelijkheid": page})


def test_the_check_cannot_be_after_the_statement(editor_client):
    data = {**STATEMENT, "laatste_onderzoek": "2026-12-31"}
    response = editor_client.post("/beheer/herstel/toegankelijkheidsverklaring/add/", data)
    assert response.status_code == 200
    assert "Het onderzoek moet op of vóór de datum van de verklaring liggen." in (
        response.content.decode()
    )
    assert not Toegankelijkheidsverklaring.objects.exists()


# --- reading-level hints and list ---


def test_item_form_shows_a_hint_beside_title_summary_and_body(seeded, editor_client):
    item = Item.objects.get(slug="excuusbrief-schrijven")
    item.samenvatting = HARD
    item.save()
    page = editor_client.get(f"/beheer/kennisplein/item/{item.pk}/change/").content.decode()
    for field in ("titel", "samenvatting", "inhoud"):
        assert f'id="id_{field}_leeshulp"' in page
        assert f'aria-describedby="id_{field}_helptext id_{field}_leeshulp"' in page or (
            f'aria-describedby="id_{field}_leeshulp"' in page
        )
    summary_hint = page.split('id="id_samenvatting_leeshulp"')[1].split("</div>")[0]
    assert "te moeilijk" in summary_hint
    assert "Schrijf actief" in summary_hint


def test_every_statement_on_a_part_gets_the_stricter_hint(seeded, editor_client):
    part = Onderdeel.objects.first()
    page = editor_client.get(f"/beheer/gesprekstool/onderdeel/{part.pk}/change/").content.decode()
    assert page.count("doel: B1 voor jongeren (kort)") == part.stellingen.count()


def test_the_hint_follows_the_text_while_typing(editor_client):
    response = editor_client.post(
        "/beheer/leeshulp/", {"tekst": HARD, "doel": "jongeren", "id": "id_tekst_leeshulp"}
    )
    assert response.status_code == 200
    assert 'id="id_tekst_leeshulp"' in response.content.decode()
    assert "langer dan 12 woorden" in response.content.decode()
    bad = {"tekst": "x", "doel": "onbekend", "id": "id_tekst_leeshulp"}
    assert editor_client.post("/beheer/leeshulp/", bad).status_code == 400
    assert editor_client.get("/beheer/leeshulp/").status_code == 405


def test_the_hint_is_for_staff_only(client, db):
    response = client.post("/beheer/leeshulp/", {"tekst": "x", "doel": "b1", "id": "id_x"})
    assert response.status_code == 302
    assert "/beheer/login/" in response.url


def test_the_list_shows_the_texts_furthest_from_b1_first(seeded, editor_client):
    item = Item.objects.get(slug="excuusbrief-schrijven")
    item.samenvatting = HARD
    item.save()
    statement = Stelling.objects.filter(gearchiveerd=False).first()
    statement.tekst = (
        "Door mij wordt in samenspraak met de betrokken ketenpartners een herstelgerichte "
        "interventie geïndiceerd, waarbij rekening gehouden wordt met risicofactoren."
    )
    statement.save()

    def rows(query):
        page = editor_client.get(f"/beheer/herstel/leesniveau/{query}").content.decode()
        return page.split("<tbody>")[1].split("</tr>")

    # Each planted text is the hardest of its kind on the site; the list mixes both kinds.
    assert f"/beheer/gesprekstool/stelling/{statement.pk}/change/" in rows("?soort=stelling")[0]
    assert f"/beheer/kennisplein/item/{item.pk}/change/" in rows("?soort=item")[0]
    assert "/beheer/gesprekstool/stelling/" not in "".join(rows("?soort=item"))
    everything = "".join(rows(""))
    assert f"/beheer/kennisplein/item/{item.pk}/change/" in everything
    assert "/beheer/gesprekstool/stelling/" in everything


def test_the_list_costs_the_same_queries_with_more_texts(seeded, editor_client):
    def more():
        for n in range(5):
            Item.objects.create(
                slug=f"extra-{n}", titel=f"Extra {n}", samenvatting=HARD, type="tool"
            )

    assert_queries_do_not_grow(editor_client, "/beheer/herstel/leesniveau/", more, max_queries=8)


def test_the_new_admin_pages_are_valid_html(seeded, editor_client):
    assert_valid_html(
        {
            "leesniveau": editor_client.get("/beheer/herstel/leesniveau/").content.decode(),
            "inhoudspakket": editor_client.get("/beheer/herstel/inhoudspakket/").content.decode(),
            "linkprobleem": editor_client.get("/beheer/herstel/linkprobleem/").content.decode(),
        }
    )


# --- sitemap ---


def test_the_sitemap_has_the_tool_the_projects_and_their_pages(seeded, client):
    draft = Project.objects.first()
    draft.gepubliceerd = False
    draft.save()
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-projecten.xml" in index
    pages = client.get("/sitemap-paginas.xml").content.decode()
    assert "http://testserver/gesprekstool/</loc>" in pages
    assert "http://testserver/projecten/</loc>" in pages
    projects = client.get("/sitemap-projecten.xml").content.decode()
    for project in Project.objects.published():
        assert f"http://testserver{project.get_absolute_url()}</loc>" in projects
    assert draft.get_absolute_url() not in projects


def test_an_overlong_text_gets_no_hint_but_a_400(editor_client):
    data = {"tekst": "woord " * 40_000, "doel": "b1", "id": "id_inhoud_leeshulp"}
    response = editor_client.post("/beheer/leeshulp/", data)
    assert response.status_code == 400
    assert "te lang" in response.content.decode()


def test_the_statement_page_costs_one_query(client, db):
    Toegankelijkheidsverklaring(
        **{**STATEMENT, "datum_verklaring": "2026-11-30", "laatste_onderzoek": "2026-11-15"}
    ).save()
    assert_queries_do_not_grow(client, "/toegankelijkheid/", lambda: None, max_queries=1)


def test_the_link_list_costs_the_same_queries_with_more_problems(seeded, editor_client):
    def plant(n):
        item = Item.objects.get(slug="excuusbrief-schrijven")
        item.inhoud += "".join(f"\n\n[weg](/bestaat-niet-{n}-{m}/)" for m in range(3))
        item.save()
        with pytest.raises(CommandError):
            call_command("linkcontrole", "--zonder-extern", stdout=io.StringIO())

    plant(1)
    assert_queries_do_not_grow(
        editor_client, "/beheer/herstel/linkprobleem/", lambda: plant(2), max_queries=12
    )
