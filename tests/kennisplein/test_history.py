"""History in the admin (kennisplein/history.py, django-reversion): every save keeps a version
with who and what; two versions compared field by field; an old version restored; a deleted
item recovered; all of it by an editor of the Redacteur group, with no more rights than that."""

import pytest
from django.test import Client
from reversion.models import Version

from kennisplein.models import Item, Pijler
from tests.factories import (
    AanknopingspuntFactory,
    ItemFactory,
    ProjectFactory,
    StellingFactory,
)
from tests.helpers import admin_form_data, assert_valid_html

ADMIN = "/beheer/kennisplein/item/"


def save_in_admin(client, url, **changes):
    """Open a change form and save it with `changes`, as an editor would."""
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, admin_form_data(page, **changes))
    assert response.status_code == 302, _errors(response)
    return response


def _errors(response):
    if response.context and "adminform" in response.context:
        form = response.context["adminform"].form
        inlines = [f.errors for i in response.context["inline_admin_formsets"] for f in i.formset]
        return f"{form.errors} {inlines}"
    return response.status_code


def version_ids(model, obj):
    return list(Version.objects.get_for_object(obj).values_list("pk", flat=True))


@pytest.fixture
def item(pijlers):
    return ItemFactory(
        titel="Excuusbrief schrijven",
        slug="excuusbrief-schrijven",
        samenvatting="Een brief aan het slachtoffer.",
        pijlers=pijlers[:1],
    )


def test_every_admin_save_keeps_a_version_with_who_and_what(editor_client, editor, item):
    url = f"{ADMIN}{item.pk}/change/"
    save_in_admin(editor_client, url, titel="Excuusbrief schrijven, stap voor stap")
    save_in_admin(editor_client, url, samenvatting="Een brief om sorry te zeggen.")
    versions = Version.objects.get_for_object(item).select_related("revision")
    assert len(versions) == 2
    newest = versions[0].revision
    assert newest.user == editor
    assert "Samenvatting" in newest.get_comment()  # the admin's own "Samenvatting gewijzigd."
    history = editor_client.get(f"{ADMIN}{item.pk}/history/").content.decode()
    assert history.count('name="van"') == 2
    assert "redacteur" in history and "Vergelijk de gekozen versies" in history


@pytest.mark.parametrize(
    ("factory", "url", "field", "value"),
    [
        (lambda: Pijler.objects.get(slug="zelfherstel"), "kennisplein/pijler", "naam", "Zelf"),
        (StellingFactory, "gesprekstool/stelling", "tekst", "Ik zeg sorry."),
        (AanknopingspuntFactory, "gesprekstool/aanknopingspunt", "titel", "Praat erover"),
        (ProjectFactory, "herstel/project", "naam", "Werkplaats herstel"),
    ],
    ids=["pijler", "stelling", "aanknopingspunt", "project"],
)
def test_pillars_statements_leads_and_projects_keep_versions_too(
    editor_client, pijlers, factory, url, field, value
):
    obj = factory()
    save_in_admin(editor_client, f"/beheer/{url}/{obj.pk}/change/", **{field: value})
    versions = Version.objects.get_for_object(obj)
    assert len(versions) == 1
    assert versions[0].field_dict[field] == value
    assert editor_client.get(f"/beheer/{url}/{obj.pk}/history/").status_code == 200


def test_two_versions_compared_field_by_field(editor_client, item, pijlers):
    url = f"{ADMIN}{item.pk}/change/"
    save_in_admin(editor_client, url)
    save_in_admin(
        editor_client,
        url,
        titel="Excuusbrief schrijven, stap voor stap",
        pijlers=[str(pijlers[0].pk), str(pijlers[1].pk)],
    )
    old, new = sorted(version_ids(Item, item))
    page = editor_client.get(f"{ADMIN}{item.pk}/history/vergelijk/", {"van": new, "tot": old})
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 velden verschillen" in html  # title and pillars; the order of the choice is free
    rows = {row[0]: row for row in page.context["rows"]}
    assert rows["titel"][1:] == (
        "Excuusbrief schrijven",
        "Excuusbrief schrijven, stap voor stap",
        True,
    )
    assert rows["pijlers"][1:] == ("Zelfherstel", "Zelfherstel, Herstel naar het slachtoffer", True)
    assert rows["samenvatting"][3] is False


@pytest.mark.parametrize(
    "query",
    [{}, {"van": "x", "tot": "1"}, {"van": "1", "tot": "1"}, {"van": "999999", "tot": "1"}],
)
def test_comparing_without_two_versions_of_this_object_says_so_in_dutch(
    editor_client, item, pijlers, query
):
    other = ItemFactory(pijlers=pijlers[:1])
    save_in_admin(editor_client, f"{ADMIN}{other.pk}/change/")
    save_in_admin(editor_client, f"{ADMIN}{item.pk}/change/")
    foreign = version_ids(Item, other)[0]
    query = {k: str(foreign) if v == "1" else v for k, v in query.items()}
    page = editor_client.get(f"{ADMIN}{item.pk}/history/vergelijk/", query)
    assert page.status_code == 400
    assert "Kies twee" in page.content.decode()


def test_an_earlier_version_is_restored(editor_client, item, client):
    url = f"{ADMIN}{item.pk}/change/"
    save_in_admin(editor_client, url)
    save_in_admin(editor_client, url, titel="Een titel die niet klopt", inhoud="Fout.")
    oldest = sorted(version_ids(Item, item))[0]
    restore_url = f"{ADMIN}{item.pk}/history/{oldest}/"
    form = editor_client.get(restore_url)
    assert form.status_code == 200
    assert form.context["adminform"].form["titel"].value() == "Excuusbrief schrijven"
    item.refresh_from_db()
    assert item.titel == "Een titel die niet klopt"  # looking changes nothing
    editor_client.post(restore_url, admin_form_data(form))
    item.refresh_from_db()
    assert item.titel == "Excuusbrief schrijven"
    assert "Fout." not in item.body_html  # the stored HTML follows the restored text
    visitor = Client()
    assert "Excuusbrief schrijven" in visitor.get(item.get_absolute_url()).content.decode()
    assert len(version_ids(Item, item)) == 3  # restoring is a version too


def test_a_version_of_another_kind_of_object_is_not_found(editor_client, item):
    stelling = StellingFactory(pk=item.pk)
    save_in_admin(editor_client, f"/beheer/gesprekstool/stelling/{stelling.pk}/change/")
    foreign = version_ids(type(stelling), stelling)[0]
    assert editor_client.get(f"{ADMIN}{item.pk}/history/{foreign}/").status_code == 404


@pytest.mark.parametrize("suffix", ["history/", "history/vergelijk/", "history/1/"])
@pytest.mark.parametrize("object_id", ["geen-getal", "'\u00ee~\U0001f60d", "9" * 30])
def test_an_id_that_is_no_item_is_a_404_not_an_error(editor_client, pijlers, object_id, suffix):
    # Found by tests/test_fuzz.py: an id that is no number gave a 500 on the compare page.
    assert editor_client.get(f"{ADMIN}{object_id}/{suffix}").status_code == 404


def test_a_deleted_item_is_recovered_even_if_it_was_never_edited(editor_client, item, pijlers):
    response = editor_client.post(f"{ADMIN}{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Item.objects.filter(slug="excuusbrief-schrijven").exists()
    assert "Verwijderde kennisitems terughalen" in editor_client.get(ADMIN).content.decode()
    recover_list = editor_client.get(f"{ADMIN}recover/").content.decode()
    assert "Excuusbrief schrijven" in recover_list
    assert "Kies wat je wilt terughalen." in recover_list
    (version,) = Version.objects.get_deleted(Item)
    form = editor_client.get(f"{ADMIN}recover/{version.pk}/")
    assert form.status_code == 200
    editor_client.post(f"{ADMIN}recover/{version.pk}/", admin_form_data(form))
    restored = Item.objects.get(slug="excuusbrief-schrijven")
    assert list(restored.pijlers.all()) == pijlers[:1]
    assert "Een brief aan het slachtoffer." in Client().get("/kennisplein/").content.decode()


def test_deleting_with_the_list_action_keeps_a_version_too(editor_client, item):
    editor_client.post(
        ADMIN, {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"}
    )
    assert not Item.objects.filter(pk=item.pk).exists()
    assert [v.object_repr for v in Version.objects.get_deleted(Item)] == ["Excuusbrief schrijven"]


def test_the_editor_group_needs_no_rights_on_the_versions_themselves(editor):
    assert not any(p.startswith("reversion.") for p in editor.get_all_permissions())


def test_history_and_compare_pages_take_a_bounded_number_of_queries(
    editor_client, item, django_assert_max_num_queries
):
    url = f"{ADMIN}{item.pk}/change/"
    for n in range(6):
        save_in_admin(editor_client, url, titel=f"Titel {n}")
    ids = sorted(version_ids(Item, item))
    with django_assert_max_num_queries(12):
        assert editor_client.get(f"{ADMIN}{item.pk}/history/").status_code == 200
    with django_assert_max_num_queries(20):
        page = editor_client.get(
            f"{ADMIN}{item.pk}/history/vergelijk/", {"van": ids[0], "tot": ids[-1]}
        )
        assert page.status_code == 200


def test_history_and_compare_pages_are_valid_html(editor_client, item):
    url = f"{ADMIN}{item.pk}/change/"
    save_in_admin(editor_client, url)
    save_in_admin(editor_client, url, titel="Andere titel")
    old, new = sorted(version_ids(Item, item))
    pages = {
        "geschiedenis": f"{ADMIN}{item.pk}/history/",
        "vergelijken": f"{ADMIN}{item.pk}/history/vergelijk/?van={old}&tot={new}",
        "fout": f"{ADMIN}{item.pk}/history/vergelijk/?van=x",
    }
    assert_valid_html({name: editor_client.get(u).content.decode() for name, u in pages.items()})
