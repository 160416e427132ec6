"""Restore drill: a backup made with pg_dump, restored with pg_restore into a new database,
serves the same site with nothing missing (README, "Back-up en herstel").

The database holds the seed content of the knowledge base and the conversation tool and a
professional's saved conversation, made through the site. pg_dump and pg_restore must be of
the server's major version: the machine's (/usr/lib/postgresql/N/bin, PATH) or the ones the
pgserver wheel ships for the project-local PostgreSQL 16.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from gesprekstool.models import Traject
from tests.factories import OrganisatieFactory, ProfielFactory
from tests.gesprekstool.conftest import load_conversation_seed, part_data
from tests.liveservers import AppServer, Browser, database_host, database_url

PASSWORD = "een-lang-wachtwoord-voor-de-proef"


def tool(name, major):
    """pg_dump or pg_restore of this major version, or None."""
    candidates = [Path(f"/usr/lib/postgresql/{major}/bin/{name}")]
    pgserver = importlib.util.find_spec("pgserver")
    if pgserver is not None:
        candidates.append(Path(pgserver.origin).parent / "pginstall" / "bin" / name)
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    for candidate in candidates:
        if candidate.exists():
            version = subprocess.run(  # noqa: S603
                [str(candidate), "--version"], capture_output=True, text=True, check=False
            ).stdout.split()
            if version and version[-1].split(".")[0] == str(major):
                return str(candidate)
    return None


def libpq_env(settings_dict, name):
    return {
        **os.environ,
        "PGHOST": database_host(settings_dict),
        "PGPORT": str(settings_dict["PORT"] or 5432),
        "PGUSER": settings_dict["USER"] or "",
        "PGPASSWORD": settings_dict["PASSWORD"] or "",
        "PGDATABASE": name,
    }


def fingerprint(cursor):
    """Every table's row count and a hash of all its rows, the sequences' positions."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    result = {}
    for table in tables:
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "  # noqa: S608
            f'FROM "{table}" t'
        )
        result[table] = cursor.fetchone()
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    result.update({f"sequence {name}": value for name, value in cursor.fetchall()})
    return result


@pytest.fixture
def content(transactional_db, client):
    """Seed content and a saved conversation with answers and an agreement, made on the site."""
    load_conversation_seed()
    professional = ProfielFactory(
        gebruiker__username="anna", organisatie=OrganisatieFactory(naam="Jeugdreclassering Noord")
    ).gebruiker
    professional.password = PBKDF2PasswordHasher().encode(PASSWORD, "zoutzoutzout")
    professional.save()
    client.force_login(professional)
    assert client.post("/gesprekstool/mijn/", {"trajectcode": "JR-2026-17"}).status_code == 302
    traject = Traject.objects.get(trajectcode="JR-2026-17")
    gesprek = traject.gesprekken.get()
    from gesprekstool.models import Onderdeel

    onderdeel = Onderdeel.objects.get(slug="algemeen")
    url = f"/gesprekstool/gesprek/{gesprek.uuid}/"
    assert client.post(url + "algemeen/", part_data(onderdeel, [6] * 20)).status_code == 302
    agreement = {"onderdeel": onderdeel.pk, "wat": "Samen koken", "wie_rol": "jongere"}
    client.post(url + "afspraken/", {**agreement, "wanneer": "zondag"})
    return traject, gesprek


def test_a_backup_restored_into_a_new_database_serves_everything(content, tmp_path):
    traject, gesprek = content
    source = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int / 10000")
        major = cursor.fetchone()[0]
        before = fingerprint(cursor)
    pg_dump, pg_restore = tool("pg_dump", major), tool("pg_restore", major)
    if not (pg_dump and pg_restore):
        message = (
            f"\n!!! Restore drill SKIPPED: no pg_dump/pg_restore {major} on this machine !!!\n"
        )
        print(message, file=sys.stderr)
        pytest.skip(message)

    restored = f"herstel_restore_{uuid.uuid4().hex[:8]}"
    backup = tmp_path / f"{restored}.dump"
    env = libpq_env(source, source["NAME"])
    subprocess.run(  # noqa: S603 - the README's backup command
        [pg_dump, "--format=custom", "--no-owner", f"--file={backup}"], env=env, check=True
    )
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored}"')
    server = None
    try:
        subprocess.run(  # noqa: S603 - the README's restore command
            [pg_restore, "--no-owner", "--exit-on-error", f"--dbname={restored}", str(backup)],
            env=env,
            check=True,
        )
        import psycopg

        restored_url = database_url({**source, "NAME": restored})
        with psycopg.connect(**_psycopg_kwargs(source, restored)) as other:
            assert fingerprint(other.cursor()) == before  # nothing missing, nothing changed

        server = AppServer(
            "hersteld",
            {"DATABASE_URL": restored_url, "GESPREKSTOOL_SAVED_CONVERSATIONS": "true"},
            workers=1,
        )
        visitor = Browser()
        # Search works on the restored index (the vectors are generated columns).
        found = visitor.get(server.url, "/kennisplein/?q=excuusbrieven").text
        assert 'href="/kennisplein/excuusbrief-schrijven/"' in found
        assert visitor.get(server.url, "/gesprekstool/").status == 200

        professional = Browser()
        professional.get(server.url, "/account/inloggen/")
        logged_in = professional.post(
            server.url, "/account/inloggen/", {"username": "anna", "password": PASSWORD}
        )
        assert logged_in.status == 302
        assert "JR-2026-17" in professional.get(server.url, traject.get_absolute_url()).text
        result = professional.get(server.url, f"/gesprekstool/gesprek/{gesprek.uuid}/resultaat/")
        assert result.status == 200
        assert "Samen koken" in result.text
        # The restored database is at the code's migration state: nothing to apply.
        migrate_check = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "DATABASE_URL": restored_url},
            capture_output=True,
            text=True,
            check=False,
        )
        assert migrate_check.returncode == 0, migrate_check.stdout + migrate_check.stderr
    finally:
        if server is not None:
            server.stop()
        backup.unlink(missing_ok=True)
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


def _psycopg_kwargs(settings_dict, name):
    return {
        "host": database_host(settings_dict),
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"] or None,
        "password": settings_dict["PASSWORD"] or None,
        "dbname": name,
    }
