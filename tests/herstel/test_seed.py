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


def test_seed_loads_files_added_later_but_not_the_ones_already_loaded(db, tmp_path, monkeypatch):
    from herstel.management.commands import seed

    call_command("seed")
    Pijler.objects.filter(slug="zelfherstel").update(naam="Door redacteur aangepast")
    new_file = tmp_path / "999_extra.yaml"
    new_file.write_text(
        "- model: kennisplein.thema\n  fields:\n    slug: nieuw-thema\n    naam: Nieuw thema\n"
    )
    files = [*seed.seed_fixture_files(), new_file]
    monkeypatch.setattr(seed, "seed_fixture_files", lambda: files)
    call_command("seed")
    from kennisplein.models import Thema

    assert Thema.objects.filter(slug="nieuw-thema").exists()
    assert Pijler.objects.get(slug="zelfherstel").naam == "Door redacteur aangepast"


def test_seed_leaves_imported_content_alone(db):
    from tests.factories import PijlerFactory

    PijlerFactory(slug="zelfherstel", naam="Uit een andere regio")
    call_command("seed")
    assert Pijler.objects.get().naam == "Uit een andere regio"
