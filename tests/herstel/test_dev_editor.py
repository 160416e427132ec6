import pytest
from django.core.management import CommandError, call_command

from herstel.roles import EDITOR_GROUP_NAME


def test_dev_editor_account_is_created_for_local_development(client, db, settings, capsys):
    settings.DEBUG = True
    call_command("ensure_dev_editor")
    out = capsys.readouterr().out
    assert "gebruikersnaam 'redacteur'" in out
    assert client.login(username="redacteur", password="herstel-lokaal")
    assert client.get("/beheer/kennisplein/pijler/").status_code == 200
    from django.contrib.auth.models import User

    assert User.objects.get(username="redacteur").groups.filter(name=EDITOR_GROUP_NAME).exists()


def test_dev_editor_account_is_refused_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen voor lokale ontwikkeling"):
        call_command("ensure_dev_editor")
