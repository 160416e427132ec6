"""Deletes against saves, and parallel requests of one session: real threads on PostgreSQL.

Every way a conversation or a trajectory is deleted (afsluiten, deleting a saved
conversation, deleting a trajectory, the clean-up) runs here at the same moment as autosaves
and other changes to it. No request may answer 500, and afterwards nothing of the
conversation is left. Each thread has its own client and its own database connection.
"""

import io
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from gesprekstool import services
from gesprekstool.gespreksbestand import export_bytes
from gesprekstool.models import Afspraak, Antwoord, Gesprek, Onderdeel, Terugblik, Toegang, Traject
from tests.factories import ProfielFactory
from tests.gesprekstool.conftest import load_conversation_seed, part_data

pytestmark = pytest.mark.django_db(transaction=True)

AUTOSAVE = {"X-Gesprekstool-Autosave": "1"}
SAVES = 8
TRIALS = 3


def run_together(session_cookie, jobs):
    """Run each job(client) in its own thread, all released at once; return their statuses.

    A job that raises counts as a 500: the client is told not to re-raise, so an escaped
    error shows up as the 500 a browser would get.
    """
    statuses = [None] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def run(index, job):
        tab = Client(raise_request_exception=False)
        tab.cookies["sessionid"] = session_cookie
        try:
            barrier.wait()
            statuses[index] = job(tab)
        except Exception:  # noqa: BLE001 - anything escaping is the failure we count
            statuses[index] = 500
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def post(url, data=None):
    return lambda tab: tab.post(url, data or {}).status_code


def autosave(url, onderdeel, score):
    data = part_data(onderdeel, scores=[score] * 10)
    # One statement, as gesprekstool.js sends it.
    first = data["stelling"][0]
    one = {k: v for k, v in data.items() if k.startswith(f"s{first}-")}
    one["stelling"] = [first]
    return lambda tab: tab.post(url + f"{onderdeel.slug}/", one, headers=AUTOSAVE).status_code


def add_afspraak(url, onderdeel):
    data = {"onderdeel": onderdeel.pk, "wat": "Samen koken", "wie_rol": "jongere", "wanneer": "za"}
    return lambda tab: tab.post(url + "afspraken/", data).status_code


def as_session(session_cookie, job):
    """The job, run in another browser's session."""

    def run(tab):
        tab.cookies["sessionid"] = session_cookie
        return job(tab)

    return run


def nothing_left_of(gesprek_pk):
    assert not Gesprek.objects.filter(pk=gesprek_pk).exists()
    for model in (Antwoord, Afspraak, Terugblik):
        assert not model.objects.filter(gesprek_id=gesprek_pk).exists()


def saves_against(url, onderdeel):
    jobs = [autosave(url, onderdeel, n % 11) for n in range(SAVES)]
    return jobs + [add_afspraak(url, onderdeel)]


def assert_no_server_errors(statuses, allowed):
    assert 500 not in statuses
    assert set(statuses) <= allowed, statuses


@pytest.fixture
def inhoud():
    load_conversation_seed()
    return Onderdeel.objects.get(slug="zelfherstel")


@pytest.fixture
def anoniem():
    client = Client()
    client.get("/gesprekstool/")
    return client


@pytest.fixture
def pro():
    gebruiker = ProfielFactory(gebruiker__username="anna").gebruiker
    client = Client()
    client.force_login(gebruiker)
    return client


def new_traject(pro, code):
    response = pro.post("/gesprekstool/mijn/", {"trajectcode": code})
    assert response.status_code == 302
    traject = Traject.objects.get(trajectcode=code)
    return traject, traject.gesprekken.get()


@pytest.mark.parametrize("trial", range(TRIALS))
def test_afsluiten_during_autosaves(anoniem, inhoud, trial):
    url = anoniem.post("/gesprekstool/nieuw/").url
    gesprek = Gesprek.objects.get(uuid=url.split("/")[-2])
    anoniem.post(url + f"{inhoud.slug}/", part_data(inhoud))
    close = post(url + "afsluiten/")
    statuses = run_together(
        anoniem.cookies["sessionid"].value, [close, *saves_against(url, inhoud)]
    )
    assert statuses[0] == 302
    # A save that came first is deleted with the rest; one that came after is told it is gone.
    assert_no_server_errors(statuses[1:], {204, 302, 404, 410})
    nothing_left_of(gesprek.pk)


@pytest.mark.parametrize("trial", range(TRIALS))
def test_deleting_a_saved_conversation_during_saves(pro, inhoud, trial):
    traject, gesprek = new_traject(pro, f"JR-{trial}")
    url = gesprek.get_absolute_url()
    delete = post(traject.get_absolute_url() + f"gesprek/{gesprek.uuid}/verwijderen/")
    statuses = run_together(pro.cookies["sessionid"].value, [delete, *saves_against(url, inhoud)])
    assert statuses[0] == 302
    assert_no_server_errors(statuses[1:], {204, 302, 404, 410})
    nothing_left_of(gesprek.pk)
    # The trajectory stays, and its log says the conversation was deleted.
    assert Toegang.objects.filter(traject=traject, actie="verwijderd").count() == 1


@pytest.mark.parametrize("trial", range(TRIALS))
def test_deleting_a_trajectory_during_saves_and_a_follow_up(pro, inhoud, trial):
    traject, gesprek = new_traject(pro, f"JR-{trial}")
    url = gesprek.get_absolute_url()
    delete = post(traject.get_absolute_url() + "verwijderen/")
    vervolg = post(traject.get_absolute_url() + "vervolg/")
    statuses = run_together(
        pro.cookies["sessionid"].value, [delete, vervolg, *saves_against(url, inhoud)]
    )
    assert statuses[0] == 302
    assert_no_server_errors(statuses[1:], {204, 302, 404, 410})
    nothing_left_of(gesprek.pk)
    assert not Traject.objects.filter(pk=traject.pk).exists()
    assert not Gesprek.objects.filter(traject_id=traject.pk).exists()
    assert not Toegang.objects.filter(traject_id=traject.pk).exists()


@pytest.mark.parametrize("trial", range(TRIALS))
def test_clean_up_during_saves(anoniem, pro, inhoud, trial):
    """The clean-up, run as if a day had passed, while both kinds of conversation are saved."""
    url = anoniem.post("/gesprekstool/nieuw/").url
    anoniem_pk = Gesprek.objects.get(uuid=url.split("/")[-2]).pk
    traject, saved = new_traject(pro, f"JR-{trial}")
    later = timezone.now() + timedelta(days=400)
    errors = []

    def opruimen(tab):
        try:
            services.gesprekken_opruimen(now=later)
        except Exception as error:  # noqa: BLE001 - counted below
            errors.append(error)
        return 200

    pro_cookie = pro.cookies["sessionid"].value
    jobs = [
        opruimen,
        *saves_against(url, inhoud),
        *(as_session(pro_cookie, job) for job in saves_against(saved.get_absolute_url(), inhoud)),
    ]
    statuses = run_together(anoniem.cookies["sessionid"].value, jobs)
    assert_no_server_errors(statuses, {200, 204, 302, 404, 410})
    assert errors == []
    # Rows a save held were skipped; the next round (cron runs often) takes them.
    services.gesprekken_opruimen(now=later)
    nothing_left_of(anoniem_pk)
    nothing_left_of(saved.pk)
    assert not Traject.objects.filter(pk=traject.pk).exists()


def test_six_new_conversations_at_once_in_one_session_all_stay_reachable(anoniem, inhoud):
    statuses = []

    def nieuw(tab):
        response = tab.post("/gesprekstool/nieuw/")
        statuses.append(response.url)
        return response.status_code

    assert run_together(anoniem.cookies["sessionid"].value, [nieuw] * 6) == [302] * 6
    assert len(set(statuses)) == 6
    for url in statuses:
        assert anoniem.get(url).status_code == 200
    # Another browser still sees none of them.
    assert all(Client().get(url).status_code == 404 for url in statuses)


def test_closing_one_conversation_while_opening_a_file_in_another_tab(anoniem, inhoud):
    url = anoniem.post("/gesprekstool/nieuw/").url
    anoniem.post(url + f"{inhoud.slug}/", part_data(inhoud, scores=[3] * 10))
    bestand = export_bytes(Gesprek.objects.get(uuid=url.split("/")[-2]))
    opened = []

    def close(tab):
        return tab.post(url + "afsluiten/").status_code

    def open_file(tab):
        file = io.BytesIO(bestand)
        file.name = "gesprek.json"
        response = tab.post("/gesprekstool/bestand-openen/", {"bestand": file, "doel": "verder"})
        opened.append(response.url)
        return response.status_code

    for _ in range(TRIALS):
        opened.clear()
        url_before = url
        statuses = run_together(anoniem.cookies["sessionid"].value, [close, open_file])
        assert statuses == [302, 302]
        assert anoniem.get(opened[0]).status_code == 200
        assert anoniem.get(url_before).status_code == 404
        url = opened[0]
