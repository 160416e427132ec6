from django.core.management import call_command

from kennisplein.models import Pijler


def test_seed_fills_an_empty_database_with_the_four_pillars(db):
    call_command("seed")
    pijlers = list(Pijler.objects.all())
    assert [p.slug for p in pijlers] == [
        "zelfherstel",
        "herstel-naar-het-slachtoffer",
        "herstel-met-het-netwerk",
        "herstel-naar-de-maatschappij",
    ]
    for pijler in pijlers:
        assert len(pijler.uitleg) > 200, pijler
        assert pijler.tips.count("\n- ") >= 2, pijler


def test_seed_leaves_a_seeded_database_as_it_is(db):
    call_command("seed")
    Pijler.objects.filter(slug="zelfherstel").update(naam="Door redacteur aangepast")
    call_command("seed")
    assert Pijler.objects.get(slug="zelfherstel").naam == "Door redacteur aangepast"
    assert Pijler.objects.count() == 4


def test_seeded_home_page_shows_the_four_pillars(client, db):
    call_command("seed")
    html = client.get("/").content.decode()
    for naam in ["Zelfherstel", "Herstel naar het slachtoffer", "Herstel met het netwerk"]:
        assert naam in html


def test_seeded_knowledge_items_are_published_and_tagged(client, db):
    from kennisplein.models import Item

    call_command("seed")
    items = Item.objects.published().prefetch_related("pijlers", "themas")
    assert items.count() >= 30
    for item in items:
        assert item.pijlers.exists(), item
        assert item.themas.exists(), item
    assert client.get("/kennisplein/signs-of-success/").status_code == 200
