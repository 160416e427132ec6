"""Password-reset e-mails and the old-password check are rate limited (in the shared cache)."""

import pytest
from django.core import mail
from django.test import Client

from accounts.forms import OLD_PASSWORD_TRIES
from accounts.views import RESET_MAILS_PER_ADDRESS, RESET_MAILS_PER_EMAIL
from tests.accounts.test_accounts import PASSWORD

TOO_MANY_MAILS = "Er is al vaak om deze e-mail gevraagd"


def ask_for_reset(client, email):
    return client.post("/account/wachtwoord-vergeten/", {"email": email})


@pytest.mark.usefixtures("clock_stands_still")
def test_reset_mails_for_one_account_are_limited(client, professional):
    for _ in range(RESET_MAILS_PER_EMAIL.maximum):
        assert ask_for_reset(client, "anna@example.org").status_code == 302
    response = ask_for_reset(client, "Anna@Example.org")
    assert response.status_code == 429
    assert TOO_MANY_MAILS in response.content.decode()
    assert len(mail.outbox) == RESET_MAILS_PER_EMAIL.maximum
    # From another address too: the limit is the account's.
    assert ask_for_reset(Client(REMOTE_ADDR="198.51.100.7"), "anna@example.org").status_code == 429


@pytest.mark.usefixtures("clock_stands_still")
def test_the_limit_says_nothing_about_whether_an_account_exists(client, db):
    for _ in range(RESET_MAILS_PER_EMAIL.maximum):
        assert ask_for_reset(client, "niemand@example.org").status_code == 302
    assert ask_for_reset(client, "niemand@example.org").status_code == 429
    assert mail.outbox == []


@pytest.mark.usefixtures("clock_stands_still")
def test_reset_mails_from_one_address_are_limited(professional):
    client = Client(REMOTE_ADDR="203.0.113.5")
    for number in range(RESET_MAILS_PER_ADDRESS.maximum):
        assert ask_for_reset(client, f"iemand{number}@example.org").status_code == 302
    assert ask_for_reset(client, "anna@example.org").status_code == 429
    assert mail.outbox == []
    # Anna, from her own address, still gets her e-mail.
    assert ask_for_reset(Client(REMOTE_ADDR="198.51.100.7"), "anna@example.org").status_code == 302
    assert len(mail.outbox) == 1


def change_password(client, old):
    new = "zeven groene bergen in de mist"
    return client.post(
        "/account/wachtwoord-wijzigen/",
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


@pytest.mark.usefixtures("clock_stands_still")
def test_guessing_the_old_password_is_limited(pro_client, professional):
    for _ in range(OLD_PASSWORD_TRIES.maximum):
        response = change_password(pro_client, "geraden?")
        assert response.status_code == 400
    response = change_password(pro_client, PASSWORD)
    assert response.status_code == 429
    assert "Je hebt te vaak je huidige wachtwoord geprobeerd" in response.content.decode()
    professional.refresh_from_db()
    assert professional.check_password(PASSWORD)


def test_the_right_old_password_changes_it(pro_client, professional):
    assert change_password(pro_client, PASSWORD).status_code == 302
    professional.refresh_from_db()
    assert professional.check_password("zeven groene bergen in de mist")
