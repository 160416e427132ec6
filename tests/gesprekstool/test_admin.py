"""Editors manage the content of the conversation tool, never the conversations."""

import pytest
from reversion.models import Version

from gesprekstool.models import Aanknopingspunt, Onderdeel, Stelling
from tests.gesprekstool.conftest import part_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(client, gesprek_url):
    zelf = Onderdeel.objects.get(slug="zelfherstel")
    client.post(gesprek_url + "zelfherstel/", part_data(zelf))
    return Stelling.objects.filter(onderdeel=zelf).first()


def test_editor_sees_the_content_pages(editor_client, seed):
    for url in [
        "/beheer/gesprekstool/onderdeel/",
        f"/beheer/gesprekstool/onderdeel/{Onderdeel.objects.first().pk}/change/",
        "/beheer/gesprekstool/stelling/",
        "/beheer/gesprekstool/aanknopingspunt/",
        f"/beheer/gesprekstool/aanknopingspunt/{Aanknopingspunt.objects.first().pk}/change/",
        "/beheer/gesprekstool/aanknopingspunt/add/",
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_conversations_are_not_in_the_admin(editor_client, admin_client, seed):
    for model in ["gesprek", "antwoord", "afspraak"]:
        assert admin_client.get(f"/beheer/gesprekstool/{model}/").status_code == 404
    index = editor_client.get("/beheer/").content.decode()
    assert "Stellingen" in index and "Gesprekken" not in index


def test_a_statement_with_answers_cannot_be_deleted_only_archived(editor_client, answered):
    url = f"/beheer/gesprekstool/stelling/{answered.pk}/delete/"
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    response = editor_client.post(
        "/beheer/gesprekstool/stelling/",
        {"action": "archiveren", "_selected_action": [answered.pk]},
    )
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.gearchiveerd
    (version,) = Version.objects.get_for_object(answered)  # the history shows it
    assert version.revision.get_comment() == "Gearchiveerd."
    assert version.field_dict["gearchiveerd"] is True


def test_bulk_delete_of_used_statements_is_refused_with_a_message(editor_client, answered):
    response = editor_client.post(
        "/beheer/gesprekstool/stelling/",
        {"action": "delete_selected", "_selected_action": [answered.pk], "post": "yes"},
        follow=True,
    )
    assert response.status_code in (200, 403)
    assert Stelling.objects.filter(pk=answered.pk).exists()
    assert not Version.objects.get_for_object(answered).exists()  # no false "deleted"


def test_an_unused_statement_can_be_deleted(editor_client, seed):
    stelling = Stelling.objects.first()
    response = editor_client.post(
        f"/beheer/gesprekstool/stelling/{stelling.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Stelling.objects.filter(pk=stelling.pk).exists()


def test_editor_can_write_a_lead_with_a_rule(editor_client, seed):
    zelf = Onderdeel.objects.get(slug="zelfherstel")
    stelling = Stelling.objects.filter(onderdeel=zelf).first()
    response = editor_client.post(
        "/beheer/gesprekstool/aanknopingspunt/add/",
        {
            "onderdeel": zelf.pk,
            "titel": "Nieuwe tip",
            "tekst": "Doe iets kleins.",
            "volgorde": 9,
            "regel": "stelling_laag",
            "stelling": stelling.pk,
            "drempel": 3,
        },
    )
    assert response.status_code == 302
    assert Aanknopingspunt.objects.filter(titel="Nieuwe tip", drempel=3).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"regel": "stelling_laag", "drempel": 3}, "Kies bij deze regel een stelling"),
        ({"regel": "gemiddelde_hoog"}, "drempel van 0 tot en met 10"),
        ({"regel": "stelling_hoog", "drempel": 11, "stelling": "other"}, "hetzelfde onderdeel"),
    ],
)
def test_a_lead_with_an_incomplete_rule_gets_a_clear_message(editor_client, seed, fields, message):
    zelf = Onderdeel.objects.get(slug="zelfherstel")
    data = {"onderdeel": zelf.pk, "titel": "Tip", "tekst": "Tekst.", "volgorde": 1, **fields}
    if data.get("stelling") == "other":
        data["stelling"] = Stelling.objects.exclude(onderdeel=zelf).first().pk
    response = editor_client.post("/beheer/gesprekstool/aanknopingspunt/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Aanknopingspunt.objects.filter(titel="Tip").exists()
