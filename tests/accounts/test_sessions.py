"""A login ends when the browser closes and after 8 hours; an anonymous session lasts a day."""

import datetime

import time_machine
from django.conf import settings

from tests.accounts.test_accounts import PASSWORD

EIGHT_HOURS = datetime.timedelta(seconds=settings.SESSION_PROFESSIONAL_AGE)


def assert_browser_session_cookie(client):
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == cookie["max-age"] == ""


def test_a_professional_login_ends_with_the_browser_and_after_eight_hours(client, professional):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)) as clock:
        client.post("/account/inloggen/", {"username": "anna", "password": PASSWORD})
        assert_browser_session_cookie(client)
        clock.shift(EIGHT_HOURS - datetime.timedelta(minutes=1))
        assert client.get("/gesprekstool/mijn/").status_code == 200
        clock.shift(datetime.timedelta(minutes=2))
        response = client.get("/gesprekstool/mijn/")
        assert response.status_code == 302
        assert response.url.startswith("/account/inloggen/")


def test_an_editor_login_ends_the_same_way(client, editor):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)) as clock:
        client.post("/beheer/login/?next=/beheer/", {"username": "redacteur", "password": PASSWORD})
        assert_browser_session_cookie(client)
        assert client.get("/beheer/").status_code == 200
        clock.shift(EIGHT_HOURS + datetime.timedelta(minutes=1))
        assert client.get("/beheer/").status_code == 302


def test_an_anonymous_session_lasts_one_day(client, seed):
    client.post("/gesprekstool/nieuw/")
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 24 * 60 * 60
    assert client.session.get_expiry_age() == 24 * 60 * 60


def test_the_privacy_page_says_how_long_the_cookie_lasts(client, db):
    html = client.get("/privacy/").content.decode()
    assert "De sessiecookie vervalt na een dag." in html
    assert "vervalt hij als je de browser sluit, en anders na 8 uur." in html
