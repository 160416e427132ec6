"""The admin's "view on site" redirect tells editors nothing about conversations or accounts."""

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from gesprekstool.models import Afspraak, Onderdeel, Terugblik
from herstel.roles import EDITOR_CONTENT_MODELS
from tests.accounts.conftest import organisatie, pro_client, professional, traject  # noqa: F401
from tests.factories import (
    AntwoordFactory,
    GesprekFactory,
    ItemFactory,
    ProjectFactory,
    UserFactory,
)
from tests.gesprekstool.conftest import seed  # noqa: F401

# Whatever an editor may edit has a public page worth a redirect; nothing else does.
CLOSED = {"Gesprek", "Antwoord", "Afspraak", "Terugblik", "Traject", "Toegang", "Profiel"}


@pytest.fixture
def everything(traject, pijlers):  # noqa: F811
    """At least one row of every model that has a page: content and conversations."""
    gesprek = traject.gesprekken.get()
    stelling = Onderdeel.objects.get(slug="zelfherstel").stellingen.first()
    AntwoordFactory(gesprek=gesprek, stelling=stelling)
    Afspraak.objects.create(
        gesprek=gesprek, onderdeel=stelling.onderdeel, wat="Brief", wie="Jij", wanneer="Morgen"
    )
    Terugblik.objects.create(
        gesprek=gesprek, onderdeel=stelling.onderdeel, wat="Brief", wie="Jij", wanneer="Vorige week"
    )
    GesprekFactory()  # an anonymous one
    ItemFactory(slug="een-item")
    ProjectFactory(slug="een-project")


@pytest.fixture
def redacteur(editor):
    """The editor's own browser (`client` is the professional's, who made the conversations)."""
    browser = Client()
    browser.force_login(editor)
    return browser


def without_csrf_token(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def view_on_site(client, obj):
    content_type = ContentType.objects.get_for_model(obj)
    return client.get(f"/beheer/r/{content_type.pk}/{obj.pk}/")


def models_with_pages():
    return [model for model in apps.get_models() if hasattr(model, "get_absolute_url")]


def is_content(model):
    return model._meta.model_name in EDITOR_CONTENT_MODELS.get(model._meta.app_label, [])


def test_editors_are_redirected_only_for_content(redacteur, everything):
    closed, redirected = set(), set()
    for model in models_with_pages():
        obj = model.objects.first()
        if obj is None:
            assert is_content(model), f"no {model.__name__} to try"
            continue
        response = view_on_site(redacteur, obj)
        if is_content(model):
            assert response.status_code == 302, model
            assert response.url.endswith(obj.get_absolute_url())
            redirected.add(model.__name__)
        else:
            assert response.status_code == 404, model
            closed.add(model.__name__)
    assert closed >= CLOSED
    assert redirected >= {"Item", "Pijler", "Project", "Stelling"}


def test_a_missing_conversation_looks_the_same_as_an_existing_one(redacteur, everything):
    gesprek = GesprekFactory()
    content_type = ContentType.objects.get_for_model(gesprek)
    existing = redacteur.get(f"/beheer/r/{content_type.pk}/{gesprek.pk}/")
    missing = redacteur.get(f"/beheer/r/{content_type.pk}/{gesprek.pk + 1000}/")
    assert existing.status_code == missing.status_code == 404
    assert without_csrf_token(existing) == without_csrf_token(missing)


def test_superusers_learn_nothing_about_conversations_either(everything):
    client = Client()
    client.force_login(UserFactory(username="baas", is_staff=True, is_superuser=True))
    for model in models_with_pages():
        if model.__name__ in CLOSED:
            assert view_on_site(client, model.objects.first()).status_code == 404, model


@pytest.mark.parametrize("path", ["abc/1/", "999999/1/", "1/abc/", "99999999999999999999/1/"])
def test_nonsense_is_a_404(redacteur, db, path):
    assert redacteur.get(f"/beheer/r/{path}").status_code == 404


def test_the_admin_pickers_speak_dutch(editor_client):
    # Django 5.2 has no Dutch for these yet; locale/nl/LC_MESSAGES/djangojs.po adds it.
    catalog = editor_client.get("/beheer/jsi18n/").content.decode()
    for english, dutch in [
        ("Choose all %s", "Alle %s kiezen"),
        ("Remove all %s", "Alle %s verwijderen"),
        ("Choose selected %s", "Geselecteerde %s kiezen"),
        ("Available %s", "Beschikbare %s"),  # from Django's own catalogue
    ]:
        assert f'"{english}": "{dutch}"' in catalog
