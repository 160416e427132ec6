"""The saved-conversations setting, logging in, lockout and password reset."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from tests.factories import UserFactory

PASSWORD = "een-lang-wachtwoord-voor-tests"


@override_settings(GESPREKSTOOL_SAVED_CONVERSATIONS=False)
def test_setting_off_nothing_of_saved_mode_is_reachable(client, professional, traject):
    gesprek = traject.gesprekken.get()
    client.force_login(professional)
    urls = [
        "/account/inloggen/",
        "/account/wachtwoord-vergeten/",
        "/account/wachtwoord-wijzigen/",
        "/gesprekstool/mijn/",
        traject.get_absolute_url(),
        f"{traject.get_absolute_url()}vergelijken/",
        f"{traject.get_absolute_url()}verwijderen/",
        gesprek.get_absolute_url(),
        f"/gesprekstool/gesprek/{gesprek.uuid}/resultaat/",
        f"/gesprekstool/gesprek/{gesprek.uuid}/gesprek.pdf",
        f"/gesprekstool/gesprek/{gesprek.uuid}/gespreksbestand.json",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post("/gesprekstool/mijn/", {"trajectcode": "X-1"}).status_code == 404
    assert client.post(f"{traject.get_absolute_url()}verwijderen/").status_code == 404
    assert traject.gesprekken.exists()
    client.logout()
    for url in ["/", "/gesprekstool/"]:
        html = client.get(url).content.decode()
        assert "/account/inloggen/" not in html
        assert "Mijn gesprekken" not in html
    # The admin keeps its own login.
    assert client.get("/beheer/login/").status_code == 200


def test_setting_on_shows_the_login_link(client, seed):
    html = client.get("/gesprekstool/").content.decode()
    assert 'href="/account/inloggen/"' in html


def test_login_and_logout(client, professional):
    response = client.post(
        "/account/inloggen/", {"username": "anna", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/gesprekstool/mijn/"
    assert "Mijn gesprekken" in response.content.decode()
    # The login ends with the browser: the cookie has no expiry date.
    cookie = client.cookies["sessionid"]
    assert cookie["expires"] == cookie["max-age"] == ""
    assert client.session.get_expire_at_browser_close()
    response = client.post("/account/uitloggen/")
    assert response.status_code == 200
    assert "Je bent uitgelogd" in response.content.decode()
    assert client.get("/gesprekstool/mijn/").status_code == 302


def test_wrong_password_is_a_dutch_400(client, professional):
    response = client.post("/account/inloggen/", {"username": "anna", "password": "fout"})
    assert response.status_code == 400
    assert "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet" in (
        response.content.decode()
    )
    response = client.post("/account/inloggen/", {})
    assert response.status_code == 400
    assert "Vul je gebruikersnaam in." in response.content.decode()


def test_lockout_after_five_wrong_passwords(client, professional):
    for _ in range(4):
        response = client.post("/account/inloggen/", {"username": "anna", "password": "fout!"})
        assert response.status_code == 400
    response = client.post("/account/inloggen/", {"username": "anna", "password": "fout!"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Inloggen is even geblokkeerd" in html
    assert "Probeer het over 30 minuten opnieuw" in html
    # Even the right password does not get in now.
    response = client.post("/account/inloggen/", {"username": "anna", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_protects_the_admin_login_too(client, editor):
    for _ in range(5):
        response = client.post(
            "/beheer/login/?next=/beheer/", {"username": "redacteur", "password": "fout!"}
        )
    assert response.status_code == 429
    assert "Inloggen is even geblokkeerd" in response.content.decode()
    response = client.post(
        "/beheer/login/?next=/beheer/", {"username": "redacteur", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_axes_state_is_reset_between_tests(client, professional):
    # The lockout test above locked "anna"; this test starts clean.
    response = client.post("/account/inloggen/", {"username": "anna", "password": PASSWORD})
    assert response.status_code == 302


def test_password_reset_by_email(client, professional):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "anna@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Je gebruikersnaam is: anna" in body
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+)", body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    weak = client.post(form_url, {"new_password1": "herstel12345", "new_password2": "herstel12345"})
    assert weak.status_code == 400
    assert "te makkelijk te raden" in weak.content.decode()
    short = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"})
    assert short.status_code == 400
    strong = "zeven groene bergen in de mist"
    response = client.post(form_url, {"new_password1": strong, "new_password2": strong})
    assert response.status_code == 302
    professional.refresh_from_db()
    assert professional.check_password(strong)


def test_password_reset_reveals_nothing_for_unknown_addresses(client, db):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
    response = client.post("/account/wachtwoord-vergeten/", {"email": "geen-adres"})
    assert response.status_code == 400
    assert "Dit is geen geldig e-mailadres." in response.content.decode()


def test_a_broken_reset_link_says_so(client, professional):
    response = client.get("/account/wachtwoord-herstellen/xx/yy-zz/")
    assert response.status_code == 200
    assert "Deze link werkt niet (meer)" in response.content.decode()


@pytest.mark.parametrize(
    "password",
    ["aaaaaaaaaaaaaa", "wachtwoord1234", "x" * 129, "123456789012345"],
)
def test_password_rules(password, db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = UserFactory(username="dora")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_users_without_an_organisation_cannot_keep_conversations(client, editor, seed):
    client.force_login(editor)
    assert client.get("/gesprekstool/mijn/").status_code == 404
    assert client.post("/gesprekstool/mijn/", {"trajectcode": "X-1"}).status_code == 404
    superuser = UserFactory(username="baas", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get("/gesprekstool/mijn/").status_code == 404


def test_production_settings_keep_saved_conversations_off_by_default():
    from tests.herstel.test_settings import PROD_ENV, run_python

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.GESPREKSTOOL_SAVED_CONVERSATIONS, s.GESPREKSTOOL_RETENTION_DAYS)"
    )
    result = run_python(code, PROD_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "365"]
    result = run_python(code, {**PROD_ENV, "GESPREKSTOOL_SAVED_CONVERSATIONS": "true"})
    assert result.stdout.split() == ["True", "365"]
    check = run_python(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')",
        {**PROD_ENV, "GESPREKSTOOL_SAVED_CONVERSATIONS": "true"},
    )
    assert check.returncode == 0, check.stderr + check.stdout
