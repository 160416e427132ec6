import re

import pytest
from django.core.cache import cache
from django.test import Client, TestCase

from werkplaats import services
from werkplaats.models import Schaal, SetStelling, Stellingenset

STELLINGEN = [
    "Het gezin houdt de regie.",
    "Een plan zonder netwerk is geen plan.",
    "Het wijkteam stelt geen norm.",
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits live in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def make_set(*, slug="samenwerking", schaal=Schaal.EENS_ONEENS, stellingen=STELLINGEN, **fields):
    stellingenset = Stellingenset.objects.create(
        slug=slug,
        titel=fields.pop("titel", "Stellingen over samenwerking"),
        inleiding="Waar zijn we het over eens?",
        schaal=schaal,
        gepubliceerd=fields.pop("gepubliceerd", True),
        **fields,
    )
    for number, tekst in enumerate(stellingen, start=1):
        SetStelling.objects.create(set=stellingenset, tekst=tekst, volgorde=number)
    return stellingenset


@pytest.fixture
def stellingenset(db):
    return make_set()


@pytest.fixture
def started(stellingenset):
    """A session with backgrounds: (sessie, facilitator url)."""
    sessie, token = services.sessie_start(
        stellingenset=stellingenset, achtergronden=["wijkteam", "politie"]
    )
    return sessie, f"/werkplaats/leiden/{token}/"


def join(sessie, achtergrond=""):
    """A new phone that joins the session: a client of its own."""
    phone = Client()
    response = phone.post(f"/doe-mee/{sessie.code}/", {"achtergrond": achtergrond})
    assert response.status_code == 302, response.status_code
    return phone


def answer(phone, sessie, waarde, stelling=None):
    sessie.refresh_from_db()
    volgorde = sessie.huidige if stelling is None else stelling
    return phone.post(f"/doe-mee/{sessie.code}/antwoord/", {"stelling": volgorde, "waarde": waarde})


def act(client, leider_url, actie, stelling):
    """A facilitator's button. Run what waits for the commit too (the version in the cache):
    tests run inside a transaction that never commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(leider_url + "actie/", {"actie": actie, "stelling": stelling})


def text(response):
    """The visible text of a page, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
