"""What an operator of several servers reads: a JSON line per request with an id that the
response carries too, /healthz for liveness and /readyz that checks the database and cache."""

import json
import logging

import pytest

from .test_settings import PROD_ENV, run_python

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [
        json.loads(record.getMessage())
        for record in caplog.records
        if record.name == "herstel.requests"
    ]


def test_every_request_gets_one_json_line_with_the_id_of_its_response(client, caplog, pijlers):
    with caplog.at_level(logging.INFO, logger="herstel.requests"):
        response = client.get("/kennisplein/?q=jan+de+vries&sort=a-z")
    (line,) = request_lines(caplog)
    assert response["X-Request-ID"] == line["request_id"]
    assert len(line["request_id"]) == 32
    assert line["method"] == "GET"
    assert line["path"] == "/kennisplein/"
    assert line["query"] == ["q", "sort"]  # the names, never what was typed
    assert line["status"] == 200
    assert line["duration_ms"] > 0
    assert "vries" not in json.dumps(line)


def test_secret_parts_of_an_address_are_left_out_and_public_slugs_kept(client, caplog, pijlers):
    with caplog.at_level(logging.INFO, logger="herstel.requests"):
        client.get("/werkplaats/leiden/geheim-token-van-de-leider/")
        client.get("/pijlers/zelfherstel/")
    leider, pijler = request_lines(caplog)
    assert leider["path"] == "/werkplaats/leiden/<token>/"
    assert leider["status"] == 404
    assert pijler["path"] == "/pijlers/zelfherstel/"


def test_an_id_from_the_load_balancer_is_kept_and_a_strange_one_replaced(client, caplog):
    given = client.get("/healthz", HTTP_X_REQUEST_ID="lb-4f2a9c0e11")
    assert given["X-Request-ID"] == "lb-4f2a9c0e11"
    strange = client.get("/healthz", HTTP_X_REQUEST_ID='"><script>')
    assert strange["X-Request-ID"] != '"><script>'
    assert len(strange["X-Request-ID"]) == 32


def test_readyz_answers_200_when_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_readyz_answers_503_when_the_shared_cache_is_unreachable():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/readyz', secure=True); "
        "print(r.status_code, r.content.decode().strip())"
    )
    env = {
        **PROD_ENV,
        "ALLOWED_HOSTS": "testserver",
        # Both unreachable: ports nobody listens on, real connection failures, not mocks.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/herstel?connect_timeout=2",
        "REDIS_URL": "redis://127.0.0.1:9/0",
    }
    result = run_python(code, env)
    assert result.stdout.strip() == "503 database en cache niet bereikbaar", result.stderr
    result = run_python(code, {**env, "REDIS_URL": ""})  # the folder cache answers
    assert result.stdout.strip() == "503 database niet bereikbaar", result.stderr


def test_readyz_answers_503_when_only_the_cache_is_down(client, settings):
    # A Redis on a port nobody listens on: a real connection failure, not a mock.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"cache niet bereikbaar\n")
    assert client.get("/healthz").status_code == 200  # alive: the database answers
