import pytest
from django.core.management import call_command

from gesprekstool.forms import tekst_versie
from gesprekstool.models import Onderdeel, Stelling
from herstel.management.commands.seed import seed_fixture_files

# Pillars and kennisplein (01x, 02x) and the conversation tool (03x).
PREFIXES = ("01", "02", "03")


def load_conversation_seed():
    """The real seed content: pillars, knowledge items and the five conversation parts."""
    files = [str(p) for p in seed_fixture_files() if p.name.startswith(PREFIXES)]
    call_command("loaddata", *files, verbosity=0)


@pytest.fixture
def seed(db):
    load_conversation_seed()
    return Onderdeel.objects.all()


def part_data(onderdeel, scores=None, **extra):
    """POST data for a part page: every active statement with a score (default 5)."""
    data = {"stelling": []}
    for index, stelling in enumerate(Stelling.objects.active().filter(onderdeel=onderdeel)):
        data["stelling"].append(str(stelling.id))
        data[f"s{stelling.id}-versie"] = tekst_versie(stelling.tekst)
        score = scores[index] if scores and index < len(scores) else 5
        data[f"s{stelling.id}-score"] = str(score)
    data.update(extra)
    return data


@pytest.fixture
def gesprek_url(client, seed):
    """A conversation started by `client`; returns its overview URL."""
    response = client.post("/gesprekstool/nieuw/")
    assert response.status_code == 302
    return response.url
