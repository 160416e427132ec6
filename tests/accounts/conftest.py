import pytest
from axes.utils import reset as axes_reset
from django.core.cache import cache

from gesprekstool.models import Traject
from tests.factories import OrganisatieFactory, ProfielFactory
from tests.gesprekstool.conftest import seed  # noqa: F401 - the real conversation content


@pytest.fixture(autouse=True)
def reset_axes(db):
    """Start every test without failed logins (axes keeps them in the database) and without
    counted attempts (the rate limits keep them in the cache)."""
    axes_reset()
    cache.clear()
    yield
    axes_reset()


@pytest.fixture
def organisatie(db):
    return OrganisatieFactory(naam="Jeugdreclassering Noord")


@pytest.fixture
def andere_organisatie(db):
    return OrganisatieFactory(naam="Gemeente Zuid")


@pytest.fixture
def professional(organisatie):
    return ProfielFactory(gebruiker__username="anna", organisatie=organisatie).gebruiker


@pytest.fixture
def collega(organisatie):
    return ProfielFactory(gebruiker__username="bram", organisatie=organisatie).gebruiker


@pytest.fixture
def buitenstaander(andere_organisatie):
    return ProfielFactory(gebruiker__username="cor", organisatie=andere_organisatie).gebruiker


@pytest.fixture
def pro_client(client, professional):
    client.force_login(professional)
    return client


@pytest.fixture
def traject(pro_client, seed):  # noqa: F811
    response = pro_client.post("/gesprekstool/mijn/", {"trajectcode": "JR-2026-17"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Traject.objects.get(trajectcode="JR-2026-17")
