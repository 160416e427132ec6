import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PijlerFactory
from tests.helpers import assert_queries_do_not_grow, assert_valid_html

STATIC_PAGES = ["/over/", "/privacy/", "/toegankelijkheid/", "/gesprekstool/", "/projecten/"]


def test_home_explains_herstel_and_shows_the_four_pillars_as_cards(client, pijlers):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Werken aan herstel, samen met de jongere</h1>" in html
    assert "Waarom herstelgericht werken?" in html
    for pijler in pijlers:
        assert f'<a href="/pijlers/{pijler.slug}/">{pijler.naam}</a>' in html
    # in the editors' order
    positions = [html.index(p.naam) for p in pijlers]
    assert positions == sorted(positions)


def test_home_marks_itself_as_the_current_page_in_the_navigation(client, pijlers):
    html = client.get("/").content.decode()
    assert '<a href="/" aria-current="page">Home</a>' in html
    assert '<a href="/pijlers/">Pijlers</a>' in html


def test_every_navigation_and_footer_link_works(client, pijlers):
    html = client.get("/").content.decode()
    for url in ["/pijlers/", "/kennisplein/", *STATIC_PAGES]:
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200, url


def test_skip_link_points_at_the_main_content(client, pijlers):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main-content">Naar de inhoud</a>' in html
    assert '<main id="main-content"' in html


# /projecten/ and /over/ read project records; their query counts are tested in
# test_project_pages.py with project data. /gesprekstool/ makes the session on the first visit:
# tests/gesprekstool/test_pages.py counts it.
SIMPLE_PAGES = [
    url for url in STATIC_PAGES if url not in ("/projecten/", "/over/", "/gesprekstool/")
]


@pytest.mark.parametrize("url", ["/", *SIMPLE_PAGES])
def test_page_query_counts_are_bounded_and_do_not_grow(client, pijlers, url):
    assert_queries_do_not_grow(client, url, lambda: PijlerFactory.create_batch(10), max_queries=3)


def test_unknown_page_gives_a_dutch_404_page(client, pijlers):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert 'lang="nl"' in html


def test_the_500_page_is_dutch_and_needs_no_database(client):
    html = (settings.BASE_DIR / "templates" / "500.html").read_text()
    assert "Er ging iets mis" in html
    assert "{% url" not in html  # renders even when URL resolving or the database fails


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode().strip())"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "herstel.settings.test",
            # a port nobody listens on: a real connection failure, not a mock
            "DATABASE_URL": "postgres://postgres@127.0.0.1:9/herstel?connect_timeout=2",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "503 database niet bereikbaar", result.stderr


def test_pages_send_a_strict_content_security_policy(client, pijlers):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"


def test_pages_load_nothing_from_other_hosts(client, pijlers):
    for url in ["/", "/pijlers/zelfherstel/", *STATIC_PAGES]:
        html = client.get(url).content.decode()
        for attribute in ['src="http', "src='http", 'href="//', "url(http"]:
            assert attribute not in html, f"{url} loads something from another host"
        assert '<link rel="stylesheet" href="/static/' in html


def test_csrf_failure_gives_a_dutch_403(pijlers):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("admin:login"), {})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()


def test_pages_are_valid_html(client, pijlers):
    urls = ["/", "/pijlers/", "/pijlers/zelfherstel/", "/bestaat-niet/", *STATIC_PAGES]
    assert_valid_html({url: client.get(url).content.decode() for url in urls})


def test_privacy_page_explains_saved_conversations_only_when_they_are_on(client, db, settings):
    settings.GESPREKSTOOL_SAVED_CONVERSATIONS = True
    settings.GESPREKSTOOL_RETENTION_DAYS = 365
    html = client.get("/privacy/").content.decode()
    assert "Gesprekken bewaren met een account" in html
    assert "365 dagen na de laatste wijziging" in html
    settings.GESPREKSTOOL_SAVED_CONVERSATIONS = False
    html = client.get("/privacy/").content.decode()
    assert "Gesprekken bewaren met een account" not in html
    assert "uiterlijk 24 uur na de laatste wijziging" in html
