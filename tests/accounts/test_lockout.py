"""Lockout behind a proxy, per address, what the lockout table keeps, and how it ends."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client, override_settings

from tests.accounts.test_accounts import PASSWORD
from tests.factories import UserFactory
from tests.herstel.test_settings import PROD_ENV, run_python

PROXY = "10.0.0.1"
# What TRUSTED_PROXY_COUNT=1 sets (tested on its own below).
behind_one_proxy = override_settings(
    AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR"], AXES_IPWARE_PROXY_COUNT=0
)


def behind_proxy(forwarded_for):
    """A browser whose requests reach us through the proxy, which adds its address."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def log_in(client, username, password, url="/account/inloggen/"):
    return client.post(url, {"username": username, "password": password})


@behind_one_proxy
def test_behind_a_proxy_one_client_is_locked_and_another_is_not(professional):
    guesser = behind_proxy("203.0.113.5")
    for _ in range(5):
        response = log_in(guesser, "anna", "fout!")
    assert response.status_code == 429
    assert log_in(guesser, "anna", PASSWORD).status_code == 429
    # Anna herself, from another address behind the same proxy, still gets in.
    anna = behind_proxy("198.51.100.7")
    assert log_in(anna, "anna", PASSWORD).status_code == 302
    # Putting someone else's address in front does not help the guesser: the proxy's part counts.
    spoofing = behind_proxy("198.51.100.7, 203.0.113.5")
    assert log_in(spoofing, "anna", PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


@behind_one_proxy
def test_the_admin_login_is_locked_per_forwarded_address_too(editor):
    guesser = behind_proxy("203.0.113.5")
    for _ in range(5):
        response = log_in(guesser, "redacteur", "fout!", "/beheer/login/?next=/beheer/")
    assert response.status_code == 429
    colleague = behind_proxy("198.51.100.7")
    response = log_in(colleague, "redacteur", PASSWORD, "/beheer/login/?next=/beheer/")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("environment", "remote_addr", "forwarded_for", "address"),
    [
        ({}, "192.0.2.1", "203.0.113.5", "192.0.2.1"),  # no proxy: the header is the client's
        ({"TRUSTED_PROXY_COUNT": "1"}, PROXY, "203.0.113.5", "203.0.113.5"),
        ({"TRUSTED_PROXY_COUNT": "1"}, PROXY, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        ({"BEHIND_HTTPS_PROXY": "true"}, PROXY, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        ({"TRUSTED_PROXY_COUNT": "2"}, PROXY, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
    ],
)
def test_the_client_address_comes_from_the_trusted_end_of_x_forwarded_for(
    environment, remote_addr, forwarded_for, address
):
    code = (
        "import django; django.setup(); from django.test import RequestFactory; "
        "from herstel.ratelimit import client_address; "
        f"request = RequestFactory().get('/', REMOTE_ADDR={remote_addr!r}, "
        f"HTTP_X_FORWARDED_FOR={forwarded_for!r}); print(client_address(request))"
    )
    result = run_python(code, {**PROD_ENV, **environment})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == address


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=10)
def test_one_address_trying_many_user_names_is_locked(professional):
    guesser = Client(REMOTE_ADDR="203.0.113.5")
    for number in range(9):
        assert log_in(guesser, f"naam{number}", "fout!").status_code == 400
    # A correct login of one's own account does not clear the address's other failures.
    UserFactory(username="eigen")
    assert log_in(guesser, "eigen", PASSWORD).status_code == 302
    guesser.logout()
    assert log_in(guesser, "naam9", "fout!").status_code == 429
    assert log_in(guesser, "anna", PASSWORD).status_code == 429
    assert log_in(Client(REMOTE_ADDR="198.51.100.7"), "anna", PASSWORD).status_code == 302


def test_the_lockout_table_keeps_only_user_name_address_time_and_count(professional):
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (privé)", HTTP_ACCEPT="text/html")
    for _ in range(2):
        client.post(
            "/account/inloggen/?next=/gesprekstool/mijn/", {"username": "anna", "password": "fout!"}
        )
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "anna",
        "127.0.0.1",
        2,
    )
    stored = [attempt.user_agent, attempt.path_info, attempt.http_accept]
    assert stored + [attempt.get_data, attempt.post_data] == [""] * 5


def test_a_new_password_ends_the_lockout(client, professional):
    for _ in range(5):
        response = log_in(client, "anna", "fout!")
    assert response.status_code == 429
    assert "Vraag een nieuw wachtwoord aan" in response.content.decode()
    client.post("/account/wachtwoord-vergeten/", {"email": "anna@example.org"})
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+)", mail.outbox[0].body)
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    new = "zeven groene bergen in de mist"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert log_in(client, "anna", new).status_code == 302
