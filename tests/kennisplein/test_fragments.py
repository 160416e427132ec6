"""Rendered parts kept per content version: a repeat visit is cheap, an editor's change shows
on the very next request, and nothing one visitor sees is served to another."""

import pytest
from django.test import Client

from kennisplein.models import Item, ItemStatus
from tests.factories import ItemFactory, ThemaFactory
from tests.helpers import count_queries


@pytest.fixture
def item(pijlers):
    thema = ThemaFactory(slug="excuses", naam="Excuses maken")
    return ItemFactory(
        titel="Excuusbrief schrijven",
        slug="excuusbrief-schrijven",
        inhoud="Begin met **wat er gebeurd is**.",
        pijlers=[pijlers[1]],
        themas=[thema],
    )


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} gave {response.status_code}"
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/kennisplein/excuusbrief-schrijven/",
        "/kennisplein/",
        "/kennisplein/?q=excuusbrief",
        "/pijlers/herstel-naar-het-slachtoffer/",
        "/kennisplein/feed/",
        "/sitemap.xml",
    ],
)
def test_a_repeat_visit_reads_only_the_content_version(client, item, url):
    count_queries(client, url)
    assert count_queries(client, url) == 1


def test_item_page_shows_an_editors_change_on_the_next_request(client, item):
    url = item.get_absolute_url()
    assert "wat er gebeurd is" in text(client, url)
    item.inhoud = "Schrijf eerst **wie je wilt bereiken**."
    item.save()
    html = text(client, url)
    assert "wie je wilt bereiken" in html
    assert "wat er gebeurd is" not in html
    # A change to a tag, not to the item's own row, shows too.
    item.themas.update(naam="Sorry zeggen")
    assert "Sorry zeggen" in text(client, url)


def test_list_cards_show_an_editors_change_on_the_next_request(client, item):
    assert "Excuusbrief schrijven" in text(client, "/kennisplein/")
    Item.objects.filter(pk=item.pk).update(titel="Een excuusbrief voorbereiden")
    html = text(client, "/kennisplein/")
    assert "Een excuusbrief voorbereiden" in html
    assert "Excuusbrief schrijven" not in html
    item.refresh_from_db()
    item.status = ItemStatus.CONCEPT
    item.save()
    assert "Een excuusbrief voorbereiden" not in text(client, "/kennisplein/")


def test_pillar_page_shows_an_editors_change_on_the_next_request(client, item, pijlers):
    url = pijlers[1].get_absolute_url()
    assert "Excuusbrief schrijven" in text(client, url)
    pijler = pijlers[1]
    pijler.uitleg = "Herstel begint bij **erkennen**."
    pijler.save()
    ItemFactory(titel="Herstelbemiddeling", pijlers=[pijler])
    html = text(client, url)
    assert "<strong>erkennen</strong>" in html
    assert "Herstelbemiddeling" in html


def test_feed_shows_a_new_item_on_the_next_request(client, item):
    assert "Excuusbrief schrijven" in text(client, "/kennisplein/feed/")
    ItemFactory(titel="Schade vergoeden")
    assert "Schade vergoeden" in text(client, "/kennisplein/feed/")


def test_a_staff_preview_is_never_served_to_a_visitor(editor_client, item):
    item.status = ItemStatus.CONCEPT
    item.inhoud = "Nog niet af: **geheime opzet**."
    item.save()
    url = item.get_absolute_url()
    preview = text(editor_client, url)
    assert "Concept." in preview
    assert "geheime opzet" in preview
    visitor = Client()
    assert visitor.get(url).status_code == 404
    assert "geheime opzet" not in text(visitor, "/kennisplein/")

    item.inhoud = "Klaar: **de echte tekst**."
    item.status = ItemStatus.GEPUBLICEERD
    item.save()
    text(editor_client, url)  # the editor renders the published page first
    html = text(visitor, url)
    assert "de echte tekst" in html
    assert "geheime opzet" not in html
    assert "Concept." not in html
    assert 'name="robots" content="noindex' not in html
    assert "csrfmiddlewaretoken" not in html  # nothing of the editor's own page


def test_a_visitor_page_is_never_served_to_staff_as_their_preview(editor_client, client, item):
    """The other way round: a published page kept for visitors, then the item goes back to
    draft: the editor sees the draft with its notice, visitors a 404."""
    url = item.get_absolute_url()
    text(client, url)
    item.status = ItemStatus.CONCEPT
    item.save()
    assert "Concept." in text(editor_client, url)
    assert Client().get(url).status_code == 404
