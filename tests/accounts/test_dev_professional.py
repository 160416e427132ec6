import pytest
from django.core.management import CommandError, call_command


def test_dev_professional_can_log_in(client, settings, db):
    settings.DEBUG = True
    call_command("ensure_dev_professional", verbosity=0)
    call_command("ensure_dev_professional", verbosity=0)  # twice is fine
    response = client.post(
        "/account/inloggen/", {"username": "professional", "password": "herstel-lokaal-gesprek"}
    )
    assert response.status_code == 302
    assert client.get("/gesprekstool/mijn/").status_code == 200


def test_dev_professional_refuses_without_debug(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_dev_professional")
