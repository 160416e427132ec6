"""Input no page of ours sends (a NUL, a body in another charset, a broken upload) gets the
Dutch 400 page on every page, the admin and the login pages included, and saves nothing."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from gesprekstool.models import Gesprek
from tests.gesprekstool.conftest import gesprek_url, seed  # noqa: F401 - fixtures

DUTCH_400 = "Dit verzoek kunnen we niet verwerken"


def assert_dutch_400(response):
    assert response.status_code == 400
    assert DUTCH_400 in response.content.decode()


@pytest.fixture
def csrf_client(db):
    """A client that must send a valid CSRF token, as a browser must."""
    return Client(enforce_csrf_checks=True)


def csrf_token(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize(
    "url",
    [
        "/kennisplein/?q=herstel%00",
        "/projecten/?programma=%00",
        "/bestaat%00niet/",
        "/kennisplein/%00/",
        "/?x%00=1",
        "/beheer/kennisplein/item/?status__exact=%00",
        "/beheer/autocomplete/?term=%00&app_label=herstel&model_name=project&field_name=programma",
        "/beheer/herstel/project/%00/change/",
    ],
)
def test_a_nul_in_the_path_or_query_is_a_dutch_400(editor_client, url):
    assert_dutch_400(editor_client.get(url))


def test_a_nul_in_the_settings_form_of_a_conversation(client, gesprek_url):  # noqa: F811
    response = client.post(
        gesprek_url + "instellingen/", {"trajectcode": "JR-1", "terug": "x\x00y"}
    )
    assert_dutch_400(response)
    assert Gesprek.objects.get().trajectcode == ""  # nothing was saved


def test_a_nul_in_a_login_form_value(client, db):
    for url in ["/account/inloggen/", "/beheer/login/"]:
        assert_dutch_400(client.post(url, {"username": "anna\x00", "password": "x"}))
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize("name", ["sessionid", "csrftoken"])
def test_a_nul_in_a_cookie_we_read_is_a_400_that_removes_the_cookie(client, db, name):
    client.cookies[name] = "abcdefgh\x00ijkl"
    response = client.get("/")
    assert_dutch_400(response)
    assert response.cookies[name]["max-age"] == 0
    # A cookie of someone else's (another app on the same host) is not ours to judge.
    del client.cookies[name]
    client.cookies["elders"] = "a\x00b"
    assert client.get("/").status_code == 200


FOREIGN_BODIES = {
    "utf-16": "username=anna&password=geheim&csrfmiddlewaretoken={token}".encode("utf-16"),
    "latin-1": "username=ann\xe9&password=geheim&csrfmiddlewaretoken={token}".encode("latin-1"),
}


@pytest.mark.parametrize("charset", FOREIGN_BODIES)
@pytest.mark.parametrize(
    "url",
    [
        "/account/inloggen/",
        "/beheer/login/",
        "/account/wachtwoord-vergeten/",
        "/gesprekstool/nieuw/",
        "/gesprekstool/bestand-openen/",  # reads its own body (upload handlers)
        "/bestaat-niet/",
    ],
)
def test_a_form_body_in_another_charset_is_a_dutch_400(csrf_client, charset, url):
    token = csrf_token(csrf_client, "/account/inloggen/")
    body = FOREIGN_BODIES[charset].decode(charset).format(token=token).encode(charset)
    response = csrf_client.generic(
        "POST",
        url,
        body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        HTTP_X_CSRFTOKEN=token,
    )
    if url == "/bestaat-niet/":
        assert response.status_code == 404  # nothing reads the body of a page that is not there
    else:
        assert_dutch_400(response)
    assert not Gesprek.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_a_multipart_body_without_a_boundary_is_a_dutch_400(csrf_client, editor):
    csrf_client.force_login(editor)
    token = csrf_token(csrf_client, "/beheer/")
    response = csrf_client.generic(
        "POST",
        "/beheer/kennisplein/item/add/",
        b'--grens\r\nContent-Disposition: form-data; name="titel"\r\n\r\nx\r\n--grens--\r\n',
        content_type="multipart/form-data",
        HTTP_X_CSRFTOKEN=token,
    )
    assert_dutch_400(response)


def test_invalid_utf8_in_a_form_value_reaches_the_form_as_replacement_characters(
    client,
    gesprek_url,  # noqa: F811
):
    response = client.generic(
        "POST",
        gesprek_url + "instellingen/",
        b"trajectcode=JR-%FF%FE",
        content_type="application/x-www-form-urlencoded",
    )
    # The form refuses "JR-\ufffd\ufffd" with its own message.
    assert response.status_code == 400
    assert DUTCH_400 not in response.content.decode()
    assert Gesprek.objects.get().trajectcode == ""


@pytest.mark.parametrize("url", ["/account/inloggen/", "/beheer/login/"])
def test_an_overlong_user_name_is_a_dutch_form_error(client, db, url):
    response = client.post(url, {"username": "a" * 256, "password": "wat-dan-ook"})
    assert response.status_code in (200, 400)  # the login form again (the admin answers 200)
    assert "Een gebruikersnaam heeft hooguit 150 tekens" in response.content.decode()
    assert not AccessAttempt.objects.exists()
