"""The link check on the seed content, with broken links planted in an item's body."""

import http.server
import socket
import threading
from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from herstel.linkcheck import check_external
from herstel.management.commands.linkcontrole import LOCK_KEY
from herstel.models import Linkprobleem, LinkSoort
from kennisplein.models import Bijlage, Item, ItemStatus


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers /goed with 200, /geen-head only to GET, everything else with 404."""

    def do_HEAD(self):
        if self.path == "/geen-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path == "/goed" else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/goed", "/geen-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def outside(settings):
    # 127.0.0.1 stands for "another site" here, so it must not count as this site's own host.
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed")


def plant(item, links):
    item.inhoud += "\n\n" + " ".join(f"[link {n}]({link})" for n, link in enumerate(links))
    item.save()


def run(*args):
    out = StringIO()
    try:
        call_command("linkcontrole", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_seed_content_has_no_broken_internal_links_and_the_command_is_silent(seeded):
    assert run("--zonder-extern") == (0, "")
    assert not Linkprobleem.objects.exists()


def test_planted_broken_links_are_found_per_item(seeded, outside, local_site, closed_port):
    item = Item.objects.get(slug="excuusbrief-schrijven")
    draft = Item.objects.exclude(pk=item.pk).first()
    draft.status = ItemStatus.CONCEPT
    draft.save()
    attachment = Bijlage.objects.first()
    plant(
        item,
        [
            "/bestaat-niet/",
            "/kennisplein/bestaat-niet/",
            draft.get_absolute_url(),
            "/media/bijlagen/verdwenen.pdf",
            f"{local_site}/weg",
            f"{local_site}/goed",
            f"{local_site}/geen-head",
            f"http://127.0.0.1:{closed_port}/",
            "/kennisplein/",
            "/projecten/jso-samen-met-opvoeders-en-jeugdigen/",
            "mailto:info@example.org",
        ]
        + ([attachment.bestand.url] if attachment else []),
    )

    code, out = run("--timeout", "2")

    assert code == 1
    found = {p.link: p for p in Linkprobleem.objects.all()}
    kinds = {link: problem.soort for link, problem in found.items()}
    assert kinds == {
        "/bestaat-niet/": LinkSoort.PAGINA,
        "/kennisplein/bestaat-niet/": LinkSoort.ITEM,
        draft.get_absolute_url(): LinkSoort.ITEM,
        "/media/bijlagen/verdwenen.pdf": LinkSoort.BESTAND,
        f"{local_site}/weg": LinkSoort.EXTERN,
        f"http://127.0.0.1:{closed_port}/": LinkSoort.ONBEREIKBAAR,
    } | ({attachment.bestand.url: LinkSoort.BESTAND} if attachment else {})
    problem = found["/bestaat-niet/"]
    assert problem.object_id == item.pk
    assert problem.bron == str(item)
    assert problem.veld == "inhoud"
    assert "foutcode 404" in found[f"{local_site}/weg"].melding
    assert "/kennisplein/bestaat-niet/" in out


def test_a_second_run_replaces_what_the_first_found(seeded):
    item = Item.objects.get(slug="excuusbrief-schrijven")
    plant(item, ["/bestaat-niet/"])
    assert run("--zonder-extern")[0] == 1
    item.inhoud = item.inhoud.replace("/bestaat-niet/", "/kennisplein/")
    item.save()
    assert run("--zonder-extern") == (0, "")
    assert not Linkprobleem.objects.exists()


def test_a_run_skips_itself_while_another_holds_the_lock(seeded):
    plant(Item.objects.get(slug="excuusbrief-schrijven"), ["/bestaat-niet/"])
    # A real second connection, with what Django connects with (also a socket folder in OPTIONS).
    params = connection.get_connection_params()
    other = psycopg.connect(
        **{k: v for k, v in params.items() if k != "cursor_factory"}, autocommit=True
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        assert run("--zonder-extern") == (0, "")
        assert not Linkprobleem.objects.exists()
        # Released here, not by closing: the server may end a closed connection a moment later.
        other.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    finally:
        other.close()
    assert run("--zonder-extern")[0] == 1


def test_a_dead_host_costs_one_timeout_for_all_its_links(closed_port):
    urls = [f"http://127.0.0.1:{closed_port}/{n}" for n in range(5)]
    found = check_external(urls, timeout=1)
    assert {kind for kind, _ in found.values()} == {LinkSoort.ONBEREIKBAAR}
    assert len(found) == 5


def test_bad_options_are_refused(db):
    with pytest.raises(CommandError, match="--timeout"):
        call_command("linkcontrole", "--timeout", "0")
