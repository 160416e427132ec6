"""Every werkplaats page: valid HTML and a number of queries that does not grow with the data."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.helpers import assert_queries_do_not_grow, assert_valid_html, count_queries

from .conftest import act, answer, join, make_set, text

pytestmark = pytest.mark.django_db


def test_overview_and_set_pages(client, stellingenset):
    made = []

    def more():
        for _ in range(5):
            made.append(make_set(slug=f"extra-{len(made)}", titel=f"Extra {len(made)}"))

    assert_queries_do_not_grow(client, "/werkplaats/", more, max_queries=2)
    # The sets are kept until the content changes: next time only the version is read.
    assert count_queries(client, "/werkplaats/") == 1
    # A set page: the version, the set and its statements; then kept, only the version.
    set_url = f"/werkplaats/{stellingenset.slug}/"
    assert_queries_do_not_grow(client, set_url, more, max_queries=3)
    assert count_queries(client, set_url) == 1


def test_participant_page(started, django_assert_max_num_queries):
    sessie, _ = started
    phone = join(sessie, "wijkteam")
    answer(phone, sessie, "eens")
    page = f"/doe-mee/{sessie.code}/"

    def more():
        for _ in range(10):
            answer(join(sessie, "politie"), sessie, "oneens")
        cache.clear()  # render the statement anew

    # Rendered anew: the session by its code with this phone's answer, the statement.
    assert_queries_do_not_grow(phone, page, more, max_queries=2)
    # Kept in the cache for this session version: the statement needs no query. This is what
    # 200 phones ask for after the facilitator moves on.
    with django_assert_max_num_queries(1):
        assert "Jouw antwoord: Eens" in text(phone.get(page, headers={"X-Werkplaats-Fetch": "1"}))


def test_facilitator_page_and_summary(started, client):
    sessie, leider_url = started
    act(client, leider_url, "onthul", 0)

    def more():
        for _ in range(10):
            phone = join(sessie, "wijkteam")
            for volgorde in range(3):
                answer(phone, sessie, "eens", stelling=volgorde)

    # Session, statement, counts, participants; the ETag: participants again, answers.
    assert_queries_do_not_grow(client, leider_url, more, max_queries=6)
    assert_queries_do_not_grow(client, leider_url + "samenvatting/", more, max_queries=4)
    assert_queries_do_not_grow(client, leider_url + "uitslag.csv", more, max_queries=3)


def test_polling_costs_at_most_one_query(started, client, django_assert_max_num_queries):
    sessie, leider_url = started
    phone = join(sessie)
    with django_assert_max_num_queries(1):
        first = phone.get(f"/doe-mee/live/{sessie.kanaal}/")
    # 200 phones poll every 1.5 s: after the first, the number comes from the shared cache.
    with django_assert_max_num_queries(0):
        again = phone.get(f"/doe-mee/live/{sessie.kanaal}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    # The facilitator's: session, statement on screen, participants, answers.
    with django_assert_max_num_queries(4):
        assert client.get(leider_url + "status/").status_code == 200


def test_the_etag_changes_when_the_room_should_see_something_new(started, client):
    sessie, leider_url = started
    phone = join(sessie)
    status = f"/doe-mee/live/{sessie.kanaal}/"
    etag = phone.get(status)["ETag"]
    leider_etag = client.get(leider_url + "status/")["ETag"]

    answer(phone, sessie, "eens")  # the facilitator sees the count; the phones need nothing
    assert phone.get(status, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(leider_url + "status/", HTTP_IF_NONE_MATCH=leider_etag).status_code == 200

    # A reveal is for the big screen only: 200 phones need not reload for it.
    leider_etag = client.get(leider_url + "status/")["ETag"]
    act(client, leider_url, "onthul", 0)
    assert phone.get(status, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(leider_url + "status/", HTTP_IF_NONE_MATCH=leider_etag).status_code == 200

    act(client, leider_url, "volgende", 0)
    response = phone.get(status, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert response["Cache-Control"] == "no-cache"
    assert Client().get("/doe-mee/live/geen-kanaal/").status_code == 404
    assert Client().get(f"/doe-mee/live/{'x' * 300}/").status_code == 404


def test_pages_are_valid_html(started, client, stellingenset):
    sessie, leider_url = started
    phone = Client()
    documents = {
        "overzicht": client.get("/werkplaats/").content.decode(),
        "set": client.get(f"/werkplaats/{stellingenset.slug}/").content.decode(),
        "set-fout": client.post(
            f"/werkplaats/{stellingenset.slug}/", {"achtergronden": ["x"]}
        ).content.decode(),
        "doe-mee": client.get("/doe-mee/").content.decode(),
        "doe-mee-fout": client.get("/doe-mee/", {"code": "x"}).content.decode(),
        "onbekend": client.get("/doe-mee/KKKKKKK/").content.decode(),
        "deelnemen": phone.get(f"/doe-mee/{sessie.code}/").content.decode(),
    }
    phone.post(f"/doe-mee/{sessie.code}/", {"achtergrond": "politie"})
    answer(phone, sessie, "eens")
    documents["deelnemer"] = phone.get(f"/doe-mee/{sessie.code}/").content.decode()
    documents["deelnemer-fout"] = phone.post(
        f"/doe-mee/{sessie.code}/antwoord/", {"stelling": 0}
    ).content.decode()
    documents["leider"] = client.get(leider_url).content.decode()
    act(client, leider_url, "onthul", 0)
    act(client, leider_url, "sluit", 0)
    documents["leider-onthuld"] = client.get(leider_url).content.decode()
    documents["deelnemer-gesloten"] = phone.get(f"/doe-mee/{sessie.code}/").content.decode()
    documents["samenvatting"] = client.get(leider_url + "samenvatting/").content.decode()
    act(client, leider_url, "afsluiten", 0)
    documents["leider-afgesloten"] = client.get(leider_url).content.decode()
    documents["deelnemer-afgesloten"] = phone.get(f"/doe-mee/{sessie.code}/").content.decode()
    documents["leider-onbekend"] = client.get("/werkplaats/leiden/fout/").content.decode()
    assert_valid_html(documents)


def test_facilitator_pages_are_never_cached_nor_indexed(started, client):
    _, leider_url = started
    response = client.get(leider_url)
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
