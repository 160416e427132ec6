import time

import pytest
import time_machine
from django.core.cache import cache

from herstel.fragments import forget_in_process
from herstel.roles import ensure_editor_group
from tests.factories import PijlerFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: rendered fragments and rate-limit counts of one
    test never reach the next (a setting a test overrides is no part of a fragment's key).
    Nor do the process's copies of kept content: a rolled-back test's content version comes
    back in the next test with other content."""
    cache.clear()
    forget_in_process()


@pytest.fixture
def pijlers(db):
    """The four pillars, as the seed content has them."""
    return [
        PijlerFactory(slug="zelfherstel", naam="Zelfherstel", kleur="groen", volgorde=1),
        PijlerFactory(
            slug="herstel-naar-het-slachtoffer",
            naam="Herstel naar het slachtoffer",
            kleur="oranje",
            volgorde=2,
        ),
        PijlerFactory(
            slug="herstel-met-het-netwerk",
            naam="Herstel met het netwerk",
            kleur="blauw",
            volgorde=3,
        ),
        PijlerFactory(
            slug="herstel-naar-de-maatschappij",
            naam="Herstel naar de maatschappij",
            kleur="paars",
            volgorde=4,
        ),
    ]


@pytest.fixture
def editor(db):
    user = UserFactory(username="redacteur", is_staff=True)
    user.groups.add(ensure_editor_group())
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def clock_stands_still():
    """Rate limits count in fixed windows (herstel/ratelimit.py): a test that counts up to a
    limit on a slow machine could cross into the next window halfway. The clock stands still."""
    with time_machine.travel(time.time(), tick=False):
        yield
