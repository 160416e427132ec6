"""`manage.py opruimen` deletes what has outlived its time, safely again and at once."""

import io
from datetime import timedelta

import psycopg
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from gesprekstool.models import Gesprek
from herstel.management.commands.opruimen import LOCK_KEY
from tests.factories import GesprekFactory


def opruimen():
    out = io.StringIO()
    call_command("opruimen", stdout=out)
    return out.getvalue()


def attempt(username, age):
    row = AccessAttempt.objects.create(
        username=username, ip_address="203.0.113.5", failures_since_start=1
    )
    AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)


def session(key, expires_in):
    Session.objects.create(
        session_key=key, session_data="", expire_date=timezone.now() + expires_in
    )


def test_it_deletes_expired_conversations_sessions_and_old_failed_logins(db):
    now = timezone.now()
    oud, vers = GesprekFactory(), GesprekFactory()
    Gesprek.objects.filter(pk=oud.pk).update(gewijzigd=now - timedelta(hours=25))
    session("verlopen-sessie-1", timedelta(minutes=-1))
    session("levende-sessie-12", timedelta(hours=1))
    attempt("oud", timedelta(minutes=31))
    attempt("recent", timedelta(minutes=5))

    assert opruimen() == (
        "Opgeruimd: 1 verlopen gesprek(ken), 0 oude werkplaatssessie(s), de verlopen sessies en "
        "1 oude mislukte inlogpoging(en).\n"
    )
    assert list(Gesprek.objects.all()) == [vers]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["levende-sessie-12"]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent"]
    # Again: nothing more to delete, and no error.
    assert opruimen().startswith("Opgeruimd: 0 verlopen gesprek(ken)")
    assert Gesprek.objects.count() == 1


def test_a_second_run_while_one_is_busy_skips_itself(db):
    oud = GesprekFactory()
    Gesprek.objects.filter(pk=oud.pk).update(gewijzigd=timezone.now() - timedelta(hours=25))
    # Another process (a real second connection) is in the middle of a clean-up.
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        assert opruimen() == "Er loopt al een opruimronde; deze slaat over.\n"
        assert Gesprek.objects.filter(pk=oud.pk).exists()
        # Released here, not by closing: the server may end a closed connection a moment later.
        other.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    assert opruimen().startswith("Opgeruimd: 1 verlopen gesprek(ken)")
