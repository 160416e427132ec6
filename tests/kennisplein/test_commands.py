import io

from django.core.management import call_command
from django.db import connection

from kennisplein.models import Item, Zoekwoord
from tests.factories import ItemFactory


def test_vocabulary_can_be_rebuilt(db):
    ItemFactory(titel="Keukentafeluitdaging")
    ItemFactory(titel="Keukentafel", samenvatting="Aan de keukentafel.")
    ItemFactory(titel="Aan de keukentafel")
    Zoekwoord.objects.all().delete()
    call_command("kennisplein_zoekindex", stdout=io.StringIO())
    assert Zoekwoord.objects.get(woord="keukentafeluitdaging").vormen.startswith("keukentafel")
    assert Zoekwoord.objects.get(woord="keukentafel").aantal == 2  # items, not times


def test_generator_makes_searchable_tagged_items(db, client):
    call_command("seed")
    before = Item.objects.count()
    call_command("kennisplein_genereer", 300, "--batch", "120")
    generated = Item.objects.filter(slug__startswith="gen-")
    assert Item.objects.count() == before + 300 == generated.count() + before
    assert not generated.filter(search_title="").exists()
    assert not generated.filter(pijlers__isnull=True).exists()
    assert not generated.filter(themas__isnull=True).exists()
    # The tag ids on each row, written with it, are those the link tables' triggers keep.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM kennisplein_item item WHERE item.slug LIKE 'gen-%' AND"
            " item.thema_ids IS DISTINCT FROM (SELECT array_agg(thema_id ORDER BY thema_id)"
            " FROM kennisplein_item_themas link WHERE link.item_id = item.id)"
        )
        assert cursor.fetchone()[0] == 0
    listed = client.get("/kennisplein/").context
    assert listed["total"] == Item.objects.published().count()
    by_type = next(group for group in listed["facets"] if group["name"] == "type")["choices"]
    assert sum(choice["count"] for choice in by_type) == listed["total"]
    # The themes are part of the vector, as with items saved through the admin.
    item = generated.filter(themas__slug="veiligheid").first()
    assert client.get("/kennisplein/", {"q": f"veiligheid {item.titel}"}).status_code == 200
    assert item in Item.objects.search(f"veiligheid {item.titel}")
