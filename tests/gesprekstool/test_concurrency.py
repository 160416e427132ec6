"""Double submits and two tabs at the same moment: real parallel requests on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client

from gesprekstool.models import Antwoord, Onderdeel
from tests.gesprekstool.conftest import load_conversation_seed, part_data


@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_the_same_and_other_parts_lose_nothing():
    load_conversation_seed()
    client = Client()
    url = client.post("/gesprekstool/nieuw/").url
    session_cookie = client.cookies["sessionid"].value
    zelf = Onderdeel.objects.get(slug="zelfherstel")
    netwerk = Onderdeel.objects.get(slug="herstel-met-het-netwerk")
    jobs = [("zelfherstel/", part_data(zelf, scores=[n] * 8)) for n in range(6)]
    jobs += [("herstel-met-het-netwerk/", part_data(netwerk, scores=[7] * 8)) for _ in range(6)]
    statuses = []
    barrier = threading.Barrier(len(jobs))

    def submit(path, data):
        tab = Client()
        tab.cookies["sessionid"] = session_cookie
        try:
            barrier.wait()
            statuses.append(tab.post(url + path, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * len(jobs)
    assert Antwoord.objects.filter(stelling__onderdeel=zelf).count() == 8
    assert Antwoord.objects.filter(stelling__onderdeel=netwerk, score=7).count() == 8
    # Whichever submit of the same part came last, its answers are complete (never mixed).
    assert Antwoord.objects.filter(stelling__onderdeel=zelf).values("score").distinct().count() == 1
