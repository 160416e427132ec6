from django.contrib.auth.models import Group

from herstel.roles import EDITOR_GROUP_NAME
from kennisplein.models import Pijler


def test_the_editor_group_exists_after_migrate_with_content_permissions(db):
    group = Group.objects.get(name=EDITOR_GROUP_NAME)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_pijler", "change_pijler", "delete_pijler", "view_pijler"} <= codenames
    assert "change_user" not in codenames


def test_admin_lives_at_a_dutch_path_and_anonymous_users_must_log_in(client, db):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")
    assert client.get("/beheer/kennisplein/pijler/").status_code == 302


def test_editor_can_log_in_and_manage_pillars(client, editor, pijlers):
    assert client.login(username="redacteur", password="een-lang-wachtwoord-voor-tests")
    index = client.get("/beheer/")
    assert index.status_code == 200
    assert "Pijlers" in index.content.decode()
    assert client.get("/beheer/kennisplein/pijler/").status_code == 200
    response = client.post(
        "/beheer/kennisplein/pijler/add/",
        {
            "naam": "Proefpijler",
            "slug": "proefpijler",
            "kleur": "blauw",
            "korte_tekst": "Kort.",
            "uitleg": "Uitleg.",
            "tips": "",
            "volgorde": 9,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Pijler.objects.filter(slug="proefpijler").exists()


def test_editor_cannot_manage_user_accounts(editor_client):
    assert editor_client.get("/beheer/auth/user/").status_code == 403


def test_admin_login_page_is_dutch(client, db):
    html = client.get("/beheer/login/").content.decode()
    assert "Gebruikersnaam" in html
    assert "Werken aan Herstel" in html
