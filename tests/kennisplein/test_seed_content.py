import re

from kennisplein.models import Item, ItemType, Pijler
from tests.helpers import assert_valid_html

# Other apps link to these; they must stay.
AGREED_SLUGS = [
    "dit-zijn-wij-tijdlijnen",
    "keukentafeluitdaging",
    "afstemmingsgesprek",
    "tipsheet-netwerk-betrekken",
    "draaiboek-leerbijeenkomsten",
    "stellingen-samenwerking",
    "klaar-mee",
    "hulpvragen-signs-of-success",
    "ik-plan",
    "continued-care",
    "positief-afsluiten",
    "woord-en-beeldverhaal",
    "matching",
    "startvragen-werkrelatie",
    "samen-sterker",
    "spiegelgesprek-en-cliententafel",
    "clientbureau",
    "maatjes",
    "signs-of-success",
    "safe-path-jeugdzorg",
    "save-begeleiding",
    "wijkgerichte-aanpak-kindveiligheid",
    "groeiplan",
    "beschermen-en-versterken",
    "tips-veiligheid-lokale-keten",
    "maatschappelijke-businesscase-werken-zonder-maatregel",
    "factsheet-herstelgericht-werken",
    "hand-out-kleinschalige-voorzieningen",
    "schatkist-tips-en-tricks",
    "spel-leidende-principes",
    "symposium-op-weg-naar-succes-en-herstel",
]


def test_seed_has_over_forty_published_tagged_items_with_real_bodies(seeded):
    items = Item.objects.published().prefetch_related("pijlers", "themas", "doelgroepen")
    assert items.count() >= 40
    for item in items:
        assert item.pijlers.exists(), item
        assert item.themas.exists(), item
        assert item.doelgroepen.exists(), item
        assert len(item.inhoud) > 400, item
        assert item.bron, item
    assert set(AGREED_SLUGS) <= set(items.values_list("slug", flat=True))


def test_seed_covers_every_type_and_has_tips_for_every_pillar(seeded):
    types = set(Item.objects.published().values_list("type", flat=True))
    assert types == set(ItemType.values)
    for pijler in Pijler.objects.all():
        assert Item.objects.published().filter(type=ItemType.TIP, pijlers=pijler).exists(), pijler


def test_signs_of_success_anchors_in_both_voices(seeded):
    body = Item.objects.get(slug="signs-of-success-ankers").inhoud
    assert "taal van de professional" in body and "taal van de jongere" in body
    rows = [line for line in body.splitlines() if re.match(r"\| [1-7] \|", line)]
    assert len(rows) == 7


def test_internal_links_in_seeded_bodies_work(client, seeded):
    targets = set()
    for body in Item.objects.published().values_list("inhoud", flat=True):
        targets |= set(re.findall(r"\]\((/kennisplein/[a-z0-9-]+/)\)", body))
    assert len(targets) > 20
    for url in sorted(targets):
        assert client.get(url).status_code == 200, url


def test_seeded_search_works_in_dutch(client, seeded):
    def found(q):
        return [i.slug for i in client.get("/kennisplein/", {"q": q}).context["items"]]

    assert found("cliëntbureau")[0] == "clientbureau"
    assert found("clientbureau")[0] == "clientbureau"
    assert "signs-of-success" in found("signs succ")
    assert len(found("jongeren")) >= 10
    assert found("tijdlijn")[0] == "dit-zijn-wij-tijdlijnen"


def test_herstel_naar_het_slachtoffer_has_its_own_items_linked_to_the_conversation_tool(seeded):
    from gesprekstool.models import Aanknopingspunt

    pillar = Item.objects.published().filter(pijlers__slug="herstel-naar-het-slachtoffer")
    new = [
        "perspectief-herstelbemiddeling",
        "excuusbrief-schrijven",
        "schade-herstellen",
        "halt-afdoening",
        "slachtoffer-wil-geen-contact",
        "slachtofferbewustzijn",
        "herstelgesprek-voorbereiden",
        "excuses-aanbieden-checklist",
    ]
    assert set(new) <= set(pillar.values_list("slug", flat=True))
    leads = Aanknopingspunt.objects.filter(onderdeel__pijler__slug="herstel-naar-het-slachtoffer")
    linked = set(leads.values_list("items__slug", flat=True))
    assert set(new) <= linked


def test_publication_dates_say_when_a_project_or_tool_appeared(client, seeded):
    dates = Item.objects.published().values_list("publicatiedatum", flat=True)
    assert len(set(dates)) >= 15
    assert {date.year for date in dates} >= {2016, 2017, 2020, 2021}
    html = client.get("/kennisplein/signs-of-success/").content.decode()
    assert "Laatst bijgewerkt" not in html  # nobody edited it since it was loaded


def test_seeded_pages_are_valid_html(client, seeded):
    urls = [
        "/kennisplein/",
        "/kennisplein/?q=netwerk&type=tool",
        "/kennisplein/signs-of-success/",
        "/kennisplein/signs-of-success-ankers/",
        "/kennisplein/factsheet-herstelgericht-werken/",
        "/kennisplein/symposium-op-weg-naar-succes-en-herstel/",
        "/pijlers/herstel-naar-het-slachtoffer/",
    ]
    assert_valid_html({url: client.get(url).content.decode() for url in urls})
