"""Publishing an item, by every path an editor has: the add form, the change form, the list
action and a content import; and scheduled publishing (appear and disappear by themselves),
also through the page cache, with the clock moved by time-machine."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from herstel.portability import content_models
from kennisplein.models import Item, ItemStatus
from tests.factories import ItemFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Wednesday morning; "today" for every test below unless it travels on.
NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=AMSTERDAM)
ADMIN = "/beheer/kennisplein/item/"


@pytest.fixture
def visitor():
    """Someone without a login (editor_client is the test's `client`, logged in)."""
    return Client()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def form_data(pijler, **fields):
    """What the admin's item form sends, with nothing scheduled and no date."""
    data = {
        "titel": "Herstelcirkel in de klas",
        "slug": "herstelcirkel-in-de-klas",
        "type": "methode",
        "samenvatting": "Een kring waarin iedereen zegt wat er gebeurde en wat nodig is.",
        "inhoud": "## Hoe\n\nZet de stoelen in een kring.",
        "pijlers": [pijler.pk],
        "status": "concept",
        "publicatiedatum": "",
        "zichtbaar_vanaf_0": "",
        "zichtbaar_vanaf_1": "",
        "zichtbaar_tot_0": "",
        "zichtbaar_tot_1": "",
        "bijlagen-TOTAL_FORMS": "0",
        "bijlagen-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def visible(visitor, item):
    return visitor.get(item.get_absolute_url()).status_code == 200


def test_publishing_on_the_add_form_with_an_empty_date_makes_it_today(
    clock, editor_client, pijlers, visitor
):
    response = editor_client.post(f"{ADMIN}add/", form_data(pijlers[0], status="gepubliceerd"))
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Item.objects.get(slug="herstelcirkel-in-de-klas")
    assert item.status == ItemStatus.GEPUBLICEERD
    assert item.publicatiedatum == dt.date(2026, 12, 2)
    assert visible(visitor, item)


def test_publishing_on_the_change_form_with_an_empty_date_makes_it_today(
    clock, editor_client, pijlers
):
    item = ItemFactory(
        slug="herstelcirkel-in-de-klas", status=ItemStatus.CONCEPT, publicatiedatum=None
    )
    response = editor_client.post(
        f"{ADMIN}{item.pk}/change/", form_data(pijlers[0], status="gepubliceerd")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert item.status == ItemStatus.GEPUBLICEERD
    assert item.publicatiedatum == dt.date(2026, 12, 2)


def test_a_date_the_editor_gives_is_kept(clock, editor_client, pijlers):
    item = ItemFactory(slug="herstelcirkel-in-de-klas", status=ItemStatus.CONCEPT)
    editor_client.post(
        f"{ADMIN}{item.pk}/change/",
        form_data(pijlers[0], status="gepubliceerd", publicatiedatum="2026-11-20"),
    )
    item.refresh_from_db()
    assert item.publicatiedatum == dt.date(2026, 11, 20)


def test_publishing_with_the_list_action_makes_it_today_and_keeps_a_version(
    clock, editor_client, visitor
):
    item = ItemFactory(status=ItemStatus.CONCEPT, publicatiedatum=None)
    assert not visible(visitor, item)
    editor_client.post(ADMIN, {"action": "publish", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == ItemStatus.GEPUBLICEERD
    assert item.publicatiedatum == dt.date(2026, 12, 2)
    history = editor_client.get(f"{ADMIN}{item.pk}/history/").content.decode()
    assert "Gepubliceerd met de actie in de lijst." in history
    editor_client.post(ADMIN, {"action": "unpublish", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == ItemStatus.CONCEPT


def test_the_add_form_shows_no_timestamps_and_the_change_form_does(editor_client):
    add = editor_client.get(f"{ADMIN}add/").content.decode()
    assert "DatabaseDefault" not in add
    assert "Aangemaakt" not in add and "Gewijzigd:" not in add
    item = ItemFactory()
    change = editor_client.get(f"{ADMIN}{item.pk}/change/").content.decode()
    assert "Aangemaakt" in change and "DatabaseDefault" not in change


def test_an_imported_package_publishes_what_was_published_and_keeps_the_schedule(
    clock, pijlers, tmp_path, settings, visitor
):
    settings.MEDIA_ROOT = tmp_path / "media"
    live = ItemFactory(slug="al-online", pijlers=pijlers[:1])
    draft = ItemFactory(slug="nog-concept", status=ItemStatus.CONCEPT, publicatiedatum=None)
    later = ItemFactory(
        slug="komt-morgen",
        zichtbaar_vanaf=NOW + dt.timedelta(days=1),
        publicatiedatum=None,
        pijlers=pijlers[:1],
    )
    archive = tmp_path / "inhoud.zip"
    call_command("export_content", str(archive))
    for model in reversed(content_models()):  # import_content wants an empty site
        model._base_manager.all().delete()
    call_command("import_content", str(archive))
    live, draft, later = (Item.objects.get(slug=i.slug) for i in (live, draft, later))
    assert visible(visitor, live)
    assert not visible(visitor, draft)
    assert later.publicatiedatum == dt.date(2026, 12, 3)  # the day it appears
    assert not visible(visitor, later)
    clock.move_to(NOW + dt.timedelta(days=1, minutes=1))
    assert visible(visitor, later)


@pytest.mark.parametrize(
    ("fields", "shows"),
    [
        ({}, True),
        ({"zichtbaar_vanaf": NOW + dt.timedelta(hours=2)}, False),
        ({"zichtbaar_vanaf": NOW - dt.timedelta(hours=2)}, True),
        ({"zichtbaar_tot": NOW - dt.timedelta(minutes=1)}, False),
        ({"zichtbaar_tot": NOW + dt.timedelta(minutes=1)}, True),
        ({"status": ItemStatus.CONCEPT, "publicatiedatum": None}, False),
    ],
)
def test_published_follows_the_schedule(clock, db, fields, shows):
    item = ItemFactory(**fields)
    assert (item in Item.objects.published()) is shows
    assert item.is_published is shows


def test_a_scheduled_item_appears_and_disappears_by_itself(
    clock, editor, editor_client, pijlers, visitor
):
    editor_client.post(
        f"{ADMIN}add/",
        form_data(
            pijlers[0],
            status="gepubliceerd",
            zichtbaar_vanaf_0="2026-12-03",
            zichtbaar_vanaf_1="08:00",
            zichtbaar_tot_0="2026-12-10",
            zichtbaar_tot_1="17:00",
        ),
    )
    item = Item.objects.get(slug="herstelcirkel-in-de-klas")
    assert item.publicatiedatum == dt.date(2026, 12, 3)
    listing = editor_client.get(ADMIN).content.decode()
    assert "Gepland vanaf 3 december 2026 08:00" in listing
    # Staff may preview it; visitors get "not found" and no trace in lists, feeds or sitemap.
    preview = editor_client.get(item.get_absolute_url()).content.decode()
    assert "Gepland" in preview
    for url in ["/kennisplein/", "/kennisplein/feed/", "/sitemap-kennisplein.xml"]:
        page = visitor.get(url)
        assert "herstelcirkel-in-de-klas" not in page.content.decode(), url
    assert not visible(visitor, item)

    clock.move_to(dt.datetime(2026, 12, 3, 8, 0, 1, tzinfo=AMSTERDAM))
    assert visible(visitor, item)
    assert "herstelcirkel-in-de-klas" in visitor.get("/kennisplein/").content.decode()

    clock.move_to(dt.datetime(2026, 12, 10, 17, 0, 1, tzinfo=AMSTERDAM))
    assert not visible(visitor, item)
    editor_client.force_login(editor)  # a login lasts 8 hours, this test a week
    assert "Verlopen sinds 10 december 2026 17:00" in editor_client.get(ADMIN).content.decode()


def test_the_end_must_come_after_the_start(clock, editor_client, pijlers):
    response = editor_client.post(
        f"{ADMIN}add/",
        form_data(
            pijlers[0],
            status="gepubliceerd",
            zichtbaar_vanaf_0="2026-12-10",
            zichtbaar_vanaf_1="08:00",
            zichtbaar_tot_0="2026-12-03",
            zichtbaar_tot_1="08:00",
        ),
    )
    assert response.status_code == 200
    assert "‘Zichtbaar tot’ moet na ‘zichtbaar vanaf’ liggen." in response.content.decode()
    assert not Item.objects.filter(slug="herstelcirkel-in-de-klas").exists()


@pytest.mark.parametrize("moment", ["zichtbaar_vanaf", "zichtbaar_tot"])
def test_the_page_cache_serves_no_page_past_a_scheduled_change(
    clock, settings, visitor, pijlers, moment
):
    settings.KENNISPLEIN_PAGE_CACHE = True
    start_visible = moment == "zichtbaar_tot"
    ItemFactory(titel="Vaste methode", pijlers=pijlers[:1])
    ItemFactory(
        titel="Geplande methode",
        publicatiedatum=dt.date(2026, 12, 1),
        pijlers=pijlers[:1],
        # Sooner than the cache's own lifetime (page_cache.CACHE_SECONDS), or it would expire.
        **{moment: NOW + dt.timedelta(minutes=2)},
    )
    pages = ["/kennisplein/", f"/pijlers/{pijlers[0].slug}/"]
    for url in pages:
        first = visitor.get(url).content.decode()
        assert ("Geplande methode" in first) is start_visible, url
        again = visitor.get(url)
        assert again.context is None and again.content.decode() == first  # from the cache
    clock.move_to(NOW + dt.timedelta(minutes=2, seconds=1))
    for url in pages:
        after = visitor.get(url).content.decode()
        assert ("Geplande methode" in after) is not start_visible, url
