import pytest

from herstel.models import Opbrengst, Project
from herstel.roles import EDITOR_CONTENT_MODELS
from tests.helpers import admin_form_data

INLINES = [
    "projectorganisaties",
    "opbrengsten",
    "bereik",
    "lessen",
    "beoogde_resultaten",
    "werkplaatsen",
]


def management_forms(**counts):
    data = {}
    for prefix in INLINES:
        total = counts.get(prefix, 0)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(total),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def test_editors_may_manage_every_project_record_model(editor):
    from django.contrib.auth.models import Permission

    codenames = set(
        Permission.objects.filter(group__name="Redacteur").values_list("codename", flat=True)
    )
    for model in EDITOR_CONTENT_MODELS["herstel"]:
        assert f"change_{model}" in codenames, model


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/herstel/project/",
        "/beheer/herstel/project/?q=signs",
        "/beheer/herstel/project/?status__exact=lopend",
        "/beheer/herstel/project/add/",
        "/beheer/herstel/programma/",
        "/beheer/herstel/werkplaats/",
        "/beheer/herstel/organisatie/?q=jeugd",
        "/beheer/herstel/symposium/",
    ],
)
def test_admin_pages_open_for_editors(editor_client, seeded, url):
    assert editor_client.get(url).status_code == 200


def test_change_page_of_a_seeded_project_shows_its_inlines(editor_client, seeded):
    project = Project.objects.get(slug="signs-of-success")
    html = editor_client.get(f"/beheer/herstel/project/{project.pk}/change/").content.decode()
    assert "Klaar mee?!" in html  # a deliverable inline
    assert "professionals ketenpartners" in html  # a reach inline
    assert "Werkplaats Nijmegen" in html


def test_editor_adds_a_project_with_a_deliverable_linked_to_an_item(editor_client, seeded):
    from kennisplein.models import Item

    item = Item.objects.get(slug="maatjes")
    data = {
        "naam": "Nieuw project",
        "slug": "nieuw-project",
        "gepubliceerd": "on",
        "status": "lopend",
        "samenvatting": "Kort.",
        "doel": "Doel.",
        "volgorde": "0",
        **management_forms(opbrengsten=1),
        "opbrengsten-0-titel": "Maatjes in de regio",
        "opbrengsten-0-soort": "werkwijze",
        "opbrengsten-0-item": str(item.pk),
        "opbrengsten-0-volgorde": "1",
    }
    response = editor_client.post("/beheer/herstel/project/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    opbrengst = Opbrengst.objects.get(project__slug="nieuw-project")
    assert opbrengst.item == item
    assert (
        "/kennisplein/maatjes/" in editor_client.get("/projecten/nieuw-project/").content.decode()
    )


def test_admin_rejects_a_reserved_slug_and_a_backwards_period(editor_client, db):
    data = {
        "naam": "X",
        "slug": "symposia",
        "status": "afgerond",
        "samenvatting": "Kort.",
        "doel": "Doel.",
        "volgorde": "0",
        "startjaar": "2020",
        "eindjaar": "2018",
        **management_forms(),
    }
    response = editor_client.post("/beheer/herstel/project/add/", data)
    assert response.status_code == 200  # the form again, with errors
    html = response.content.decode()
    assert "Het eindjaar kan niet vóór het startjaar liggen." in html
    assert "Deze slug is al in gebruik door een andere pagina" in html
    assert not Project.objects.exists()


def test_a_deliverable_links_to_a_page_of_this_site_or_a_web_address(editor_client, db):
    project = Project.objects.create(
        naam="Linkproef", slug="linkproef", samenvatting="Kort.", doel="Doel.", startjaar=2020
    )
    base = {
        "opbrengsten-0-titel": "De tool",
        "opbrengsten-0-soort": "tool",
        "opbrengsten-0-volgorde": "0",
    }
    page = editor_client.get(f"/beheer/herstel/project/{project.pk}/change/")
    for link, ok in [
        ("/gesprekstool/", True),
        ("https://example.org/tool", True),
        ("//elders.example/", False),
        ("javascript:alert(1)", False),
    ]:
        data = admin_form_data(page, **base, **{"opbrengsten-0-url": link})
        data["opbrengsten-TOTAL_FORMS"] = "1"
        response = editor_client.post(f"/beheer/herstel/project/{project.pk}/change/", data)
        assert (response.status_code == 302) is ok, link
        if not ok:
            assert "begint met /" in response.content.decode()
        Opbrengst.objects.filter(project=project).delete()


def test_the_project_page_of_the_admin_is_folded_and_its_slug_help_readable(editor_client, db):
    project = Project.objects.create(
        naam="Vouwproef", slug="vouwproef", samenvatting="Kort.", doel="Doel.", startjaar=2020
    )
    page = editor_client.get(f"/beheer/herstel/project/{project.pk}/change/")
    html = page.content.decode()
    assert "/projecten//" not in html
    assert "/projecten/werkplaats-jr-2-0/" in html
    for inline in page.context["inline_admin_formsets"]:
        assert "collapse" in inline.classes, inline.formset.prefix
