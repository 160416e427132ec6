import datetime
import io

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from herstel.content_version import content_version
from kennisplein.models import Bijlage, Item, ItemStatus
from tests.factories import ItemFactory, ThemaFactory


def vector_of(item):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM kennisplein_item WHERE id = %s", [item.pk])
        return cursor.fetchone()[0] or ""


def test_item_basics(db):
    item = ItemFactory(titel="Het groeiplan", slug="groeiplan")
    assert str(item) == "Het groeiplan"
    assert item.get_absolute_url() == "/kennisplein/groeiplan/"
    assert Item.objects.get_by_natural_key("groeiplan") == item


def test_publishing_without_a_date_sets_today(db):
    item = ItemFactory(status=ItemStatus.CONCEPT, publicatiedatum=None)
    item.status = ItemStatus.GEPUBLICEERD
    item.save()
    assert item.publicatiedatum == datetime.date.today()


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        (
            {"afbeelding": "kennisplein/a.jpg", "afbeelding_alt": ""},
            "item_afbeelding_heeft_alt_tekst",
        ),
        ({"video": "kennisplein/v.mp4", "ondertitels": ""}, "item_video_heeft_ondertitels"),
        (
            {"status": ItemStatus.GEPUBLICEERD, "publicatiedatum": None},
            "item_gepubliceerd_heeft_datum",
        ),
    ],
)
def test_business_rules_are_database_constraints(db, fields, constraint):
    item = ItemFactory()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Item.objects.filter(pk=item.pk).update(**fields)


def test_search_vector_is_written_on_save_with_weights(db):
    item = ItemFactory(titel="Tijdlijnen", samenvatting="Een gezin tekent", inhoud="**Zorgen**")
    vector = vector_of(item)
    assert "'tijdlijn':1A" in vector
    assert "gezin" in vector and "B" in vector.split("'gezin':")[1][:6]
    assert "'zorg'" in vector
    item.refresh_from_db()
    assert item.body_html == "<p><strong>Zorgen</strong></p>"  # rendered once, on save


def test_search_vector_follows_tag_changes_and_renames(db):
    item = ItemFactory(titel="Oud")
    thema = ThemaFactory(naam="Scheiding")
    item.themas.add(thema)
    assert "'scheiding'" in vector_of(item)
    thema.naam = "Echtscheiding"
    thema.save()
    assert "'echtscheid'" in vector_of(item)
    item.themas.remove(thema)
    assert "scheid" not in vector_of(item)
    thema.items.add(item)  # from the other side
    assert "'echtscheid'" in vector_of(item)


def test_bulk_changes_are_prepared_again_by_the_command(db):
    items = [ItemFactory(titel=f"Oud {n}", slug=f"oud-{n}") for n in range(3)]
    Item.objects.filter(pk__in=[i.pk for i in items]).update(titel="Keukentafel", inhoud="*Nieuw*")
    assert not any("keukentafel" in vector_of(i) for i in items)
    call_command("kennisplein_zoekindex", stdout=io.StringIO())
    assert all("keukentafel" in vector_of(i) for i in items)
    assert Item.objects.get(pk=items[0].pk).body_html == "<p><em>Nieuw</em></p>"


def test_attachment_knows_its_type_and_size(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = ItemFactory()
    bijlage = Bijlage(item=item, titel="Werkblad")
    bijlage.bestand.save("werkblad.docx", ContentFile(b"x" * 2048), save=False)
    bijlage.save()
    assert bijlage.bestandstype == "Word"
    assert bijlage.grootte == 2048
    assert str(bijlage) == "Werkblad"


@pytest.mark.django_db(transaction=True)
def test_the_content_version_moves_on_when_the_change_is_committed_and_not_before(pijlers):
    params = connection.get_connection_params()  # where Django connects, as libpq settings
    libpq = {key: value for key, value in params.items() if isinstance(value, str | int)}
    other_session = psycopg.connect(**libpq, autocommit=True)

    def version_seen_elsewhere():
        return other_session.execute("SELECT nummer FROM kennisplein_inhoudsversie").fetchone()[0]

    try:
        before, own_before = version_seen_elsewhere(), content_version()
        with transaction.atomic():
            ItemFactory(titel="Nieuw item")
            assert content_version() != own_before  # the change sees itself
            assert version_seen_elsewhere() == before  # nobody else yet
        assert version_seen_elsewhere() != before
    finally:
        other_session.close()
