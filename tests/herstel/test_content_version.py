"""The content version moves on with every change editors publish, in any part of the site, and
stays put when visitors fill something in: kept HTML follows content, not use."""

import datetime as dt

import pytest
import time_machine
from django.template import Context, Template
from django.test import RequestFactory

from herstel.content_version import content_version, context
from herstel.fragments import kept
from tests.factories import AntwoordFactory, ItemFactory, ProjectFactory, StellingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        lambda: ProjectFactory(naam="Nieuw project"),
        lambda: StellingFactory(tekst="Een nieuwe stelling."),
    ],
    ids=["a project", "a conversation-tool statement"],
)
def test_a_content_change_anywhere_moves_the_version_on(change):
    before = content_version()
    change()
    assert content_version() != before


def test_the_version_moves_on_at_each_scheduled_moment_and_only_then(
    django_assert_num_queries,
):
    now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False) as clock:
        content_version()  # this process now knows the schedule of the current content
        ItemFactory(zichtbaar_vanaf=now + dt.timedelta(hours=1))  # a change: read it again
        ItemFactory(zichtbaar_tot=now + dt.timedelta(hours=2))
        before = content_version()
        clock.move_to(now + dt.timedelta(minutes=59))
        with django_assert_num_queries(1):  # the schedule is known: the number only
            assert content_version() == before
        clock.move_to(now + dt.timedelta(hours=1, seconds=1))
        at_first = content_version()
        clock.move_to(now + dt.timedelta(hours=2, seconds=1))
        at_second = content_version()
    assert len({before, at_first, at_second}) == 3


def test_an_answer_in_a_conversation_leaves_the_version_alone():
    stelling = StellingFactory()
    before = content_version()
    AntwoordFactory(stelling=stelling, score=3)
    assert content_version() == before


def test_a_fragment_is_rendered_again_after_a_change_and_not_before(django_assert_num_queries):
    template = Template(
        "{% load cache %}{% cache 60 demo content_version %}{{ naam }}{% endcache %}"
    )
    request = RequestFactory().get("/")

    def render(naam):
        return template.render(Context({**context(request), "naam": naam}))

    assert render("eerste") == "eerste"
    request = RequestFactory().get("/")
    assert render("tweede") == "eerste"  # kept: nothing changed
    ProjectFactory(naam="Nog een project")
    request = RequestFactory().get("/")
    assert render("derde") == "derde"
    with django_assert_num_queries(0):
        assert render("vierde") == "derde"  # the version is read once per request


def test_with_the_development_fragment_cache_nothing_is_kept(settings):
    """Development keeps no fragments, so an edited template shows on the next request."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {**settings.CACHES, "template_fragments": dummy}
    assert kept(None, "demo", [], lambda: "eerste") == "eerste"
    assert kept(None, "demo", [], lambda: "tweede") == "tweede"


def test_otherwise_a_kept_value_is_served_until_the_content_changes():
    assert kept(None, "demo", [], lambda: "eerste") == "eerste"
    assert kept(None, "demo", [], lambda: "tweede") == "eerste"
    ProjectFactory(naam="Weer een project")
    assert kept(None, "demo", [], lambda: "derde") == "derde"
