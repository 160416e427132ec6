import pytest
from django.core.management import call_command

from tests.factories import DoelgroepFactory, ThemaFactory


@pytest.fixture
def themas(db):
    return [
        ThemaFactory(slug="netwerk-betrekken", naam="Netwerk betrekken"),
        ThemaFactory(slug="veiligheid", naam="Veiligheid"),
        ThemaFactory(slug="werkrelatie", naam="Werkrelatie"),
    ]


@pytest.fixture
def doelgroepen(db):
    return [
        DoelgroepFactory(slug="jeugdreclasseerder", naam="Jeugdreclasseerder", volgorde=1),
        DoelgroepFactory(slug="jongere", naam="Jongere zelf", volgorde=2),
    ]


@pytest.fixture
def seeded(db):
    call_command("seed")
