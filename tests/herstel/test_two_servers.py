"""Two app servers on one PostgreSQL and one Redis agree with each other.

Two gunicorn processes, each with its own temporary folder as two hosts would have, share the
test database, one Redis (REDIS_URL's, else a redis-server started here) and one media folder
(MEDIA_ROOT). A visitor, an editor and a youth worker switch servers between requests, as a
load balancer without sticky sessions makes them do.
"""

import re
import shutil
import sys
import tempfile
import uuid

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from herstel.roles import ensure_editor_group
from kennisplein.models import Bijlage
from tests.factories import ItemFactory, UserFactory
from tests.gesprekstool.conftest import load_conversation_seed, part_data
from tests.liveservers import AppServer, Browser, database_url, redis_for_tests

PASSWORD = "een-lang-wachtwoord-voor-de-proef"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """(server A, server B, Redis client with the key prefix) on the test database."""
    url, stop_redis = redis_for_tests()
    if url is None:
        message = (
            "\n!!! Two-server test SKIPPED: no Redis. Set REDIS_URL or install redis-server "
            "(apt-get install redis-server; .ci/run does). !!!\n"
        )
        print(message, file=sys.stderr)
        pytest.skip(message)
    media = tempfile.mkdtemp(prefix="herstel-shared-media-")
    prefix = f"twee-servers-{uuid.uuid4().hex[:8]}"  # apart from anything else in that Redis
    with django_db_blocker.unblock():
        db_url = database_url(connection.settings_dict)
    env = {
        "DATABASE_URL": db_url,
        "REDIS_URL": url,
        "CACHE_KEY_PREFIX": prefix,
        "MEDIA_ROOT": media,
        "SECRET_KEY": "dezelfde-sleutel-op-elke-server-" + "x" * 30,
        "BUILD_ID": "twee-servers",
        "KENNISPLEIN_PAGE_CACHE": "true",
        "GESPREKSTOOL_SAVED_CONVERSATIONS": "false",
    }
    servers = []
    try:
        servers.append(AppServer("a", env))
        servers.append(AppServer("b", env))
        yield servers[0].url, servers[1].url, redis.Redis.from_url(url), prefix
    finally:
        for server in servers:
            server.stop()
        stop_redis()
        shutil.rmtree(media, ignore_errors=True)


@pytest.fixture
def editor(transactional_db):
    user = UserFactory(username="redacteur", is_staff=True)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "zoutzoutzout")
    user.save()
    user.groups.add(ensure_editor_group())
    return user


def log_in(browser, server, username, password):
    browser.get(server, "/beheer/login/")
    return browser.post(
        server,
        "/beheer/login/",
        {"username": username, "password": password, "next": "/beheer/"},
    )


def test_a_login_on_one_server_is_valid_on_the_other(shared, editor):
    a, b, _, _ = shared
    browser = Browser()
    assert log_in(browser, a, "redacteur", PASSWORD).location == "/beheer/"
    admin_index = browser.get(b, "/beheer/")
    assert admin_index.status == 200
    assert "redacteur" in admin_index.text
    assert Browser().get(b, "/beheer/").status == 302  # without the login: to the login page


def test_a_lockout_on_one_server_holds_on_the_other(shared, editor):
    a, b, _, _ = shared
    guesser = Browser()
    for _ in range(4):
        assert log_in(guesser, a, "redacteur", "fout-wachtwoord").status == 200
    assert log_in(guesser, a, "redacteur", "fout-wachtwoord").status == 429  # the fifth
    locked = log_in(Browser(), b, "redacteur", PASSWORD)
    assert locked.status == 429
    assert "te vaak" in locked.text


def test_an_editors_change_and_upload_through_one_server_are_served_by_the_other(
    shared, editor, pijlers
):
    a, b, shared_redis, prefix = shared
    item = ItemFactory(slug="gedeeld", titel="De oude titel", pijlers=pijlers[:1])
    visitor = Browser()
    assert "De oude titel" in visitor.get(a, "/kennisplein/gedeeld/").text
    # A kept the page whole in the shared cache: B serves that copy too.
    assert shared_redis.keys(f"{prefix}:*kennisplein:kept-page:*")
    assert "De oude titel" in visitor.get(b, "/kennisplein/gedeeld/").text

    redacteur = Browser()
    log_in(redacteur, b, "redacteur", PASSWORD)
    saved = redacteur.submit(
        b,
        f"/beheer/kennisplein/item/{item.pk}/change/",
        {"titel": "De nieuwe titel", "bijlagen-0-titel": "Werkblad"},
        form_id="item_form",
        files={"bijlagen-0-bestand": ("werkblad.pdf", PDF, "application/pdf")},
    )
    assert saved.status == 302, re.findall(r'class="errorlist[^"]*">(.*?)</ul>', saved.text)

    page = visitor.get(a, "/kennisplein/gedeeld/").text  # the next request, on the other one
    assert "De nieuwe titel" in page
    assert "De oude titel" not in page
    attachment = Bijlage.objects.get(item=item)
    assert attachment.bestand.url in page
    download = visitor.get(a, attachment.bestand.url)
    assert download.status == 200
    assert download.body == PDF


def test_a_conversation_started_on_one_server_continues_on_the_other(shared, transactional_db):
    a, b, _, _ = shared
    load_conversation_seed()
    from gesprekstool.models import Onderdeel, Stelling

    youth_worker = Browser()
    youth_worker.get(a, "/gesprekstool/")
    started = youth_worker.post(a, "/gesprekstool/nieuw/", {})
    assert started.status == 302
    overview = started.location

    part = Onderdeel.objects.get(slug="zelfherstel")
    data = part_data(part, scores=[7] * 20)
    assert youth_worker.post(b, overview + "zelfherstel/", data).status == 302

    first = Stelling.objects.active().filter(onderdeel=part).first()
    again = youth_worker.get(a, overview + "zelfherstel/").text
    assert re.search(rf'name="s{first.id}-score" value="7"[^>]*checked', again)
    # Another browser has no access to it, on either server.
    assert Browser().get(b, overview).status == 404


def test_both_servers_are_ready_with_the_shared_cache(shared):
    a, b, _, _ = shared
    for server in (a, b):
        ready = Browser().get(server, "/readyz")
        assert (ready.status, ready.body) == (200, b"ok\n")
