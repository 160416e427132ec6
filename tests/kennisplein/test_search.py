import random

import pytest
from django.db import connection, transaction

from kennisplein import listing, models, search
from kennisplein.models import Item, ItemStatus, ItemType, Synoniem
from tests.factories import ItemFactory, ThemaFactory


def results(client, query, **params):
    response = client.get("/kennisplein/", {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [item.titel for item in response.context["items"]]


def test_a_title_match_ranks_above_a_body_match(client, pijlers):
    ItemFactory(titel="Over samenwerking", inhoud="Hier gaat het ook over de keukentafel.")
    ItemFactory(titel="De keukentafel", inhoud="Samen aan tafel.")
    ItemFactory(titel="Iets anders", samenvatting="Niets hiermee te maken.")
    assert titles(results(client, "keukentafel")) == ["De keukentafel", "Over samenwerking"]


def test_a_summary_match_ranks_above_a_body_match(client, pijlers):
    ItemFactory(titel="Eerste", samenvatting="Kort.", inhoud="Een tijdlijn van zorgen.")
    ItemFactory(titel="Tweede", samenvatting="Werk met een tijdlijn.", inhoud="Kort.")
    assert titles(results(client, "tijdlijn")) == ["Tweede", "Eerste"]


def test_dutch_stemming_finds_other_forms_of_a_word(client, pijlers):
    ItemFactory(titel="Praten met de jongere")
    assert titles(results(client, "jongeren")) == ["Praten met de jongere"]


def test_the_start_of_a_word_is_enough(client, pijlers):
    ItemFactory(titel="Herstelgericht werken")
    ItemFactory(titel="Iets over tafels")
    assert titles(results(client, "herst")) == ["Herstelgericht werken"]


def test_accents_do_not_matter_either_way(client, pijlers):
    ItemFactory(titel="De stem van de cliënt")
    ItemFactory(titel="Naïef idee")
    assert titles(results(client, "client")) == ["De stem van de cliënt"]
    assert titles(results(client, "CLIËNT")) == ["De stem van de cliënt"]
    assert titles(results(client, "naief")) == ["Naïef idee"]


def test_een_finds_één_although_it_is_a_common_word(client, pijlers):
    ItemFactory(titel="Eén gezin, één plan", samenvatting="Samen afspreken.")
    ItemFactory(titel="Iets anders", samenvatting="Niets hier.")
    response = results(client, "een")
    assert titles(response) == ["Eén gezin, één plan"]
    assert "heel gewone woorden" in response.content.decode()


def test_all_words_must_match(client, pijlers):
    ItemFactory(titel="Netwerk en school")
    ItemFactory(titel="Netwerk en buurt")
    assert titles(results(client, "netwerk buurt")) == ["Netwerk en buurt"]


def test_snippets_mark_matches_and_escape_stored_html(client, pijlers):
    ItemFactory(titel="Tool", samenvatting="<b>Vet</b> & een tijdlijn \ue000 vals")
    html = results(client, "tijdlijn").content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; een <mark>tijdlijn</mark>" in html
    assert "<b>Vet</b>" not in html
    assert "\ue000" not in html


def test_drafts_are_never_found(client, pijlers):
    ItemFactory(titel="Geheim concept", status=ItemStatus.CONCEPT, publicatiedatum=None)
    assert titles(results(client, "concept")) == []


def test_a_misspelled_query_gets_a_suggestion_that_finds_something(client, pijlers):
    ItemFactory(titel="Afstemmingsgesprek met het netwerk")
    response = results(client, "netwrek")
    html = response.content.decode()
    assert titles(response) == []
    assert "Bedoelde je" in html
    assert response.context["suggestion"]["query"] == "netwerk"
    follow = client.get("/kennisplein/" + response.context["suggestion"]["url"])
    assert titles(follow) == ["Afstemmingsgesprek met het netwerk"]


def test_no_suggestion_for_words_that_are_nowhere_near(client, pijlers):
    ItemFactory(titel="Afstemmingsgesprek")
    response = results(client, "xyzzyq")
    assert response.context["suggestion"] is None
    assert "Niets gevonden" in response.content.decode()


def test_suggestion_ignores_words_of_drafts(client, pijlers):
    ItemFactory(titel="Geheimzinnig", status=ItemStatus.CONCEPT, publicatiedatum=None)
    assert results(client, "geheimzinig").context["suggestion"] is None


HOSTILE = [
    "'",
    '"',
    "\\",
    "& | ! : * ( )",
    "a & | b",
    "!!!",
    "herstel:*",
    "(((",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "x" * 5000,
    "woord " * 300,
    "\x01\x1f",  # (a NUL gets the site-wide 400: tests/herstel/test_middleware.py)
    "tab\tnewline\n",
    "日本語のテキスト",
    "Привет мир",
    "مرحبا",
    "🙂🔥 herstel 👍",
    "\u202e\u200b",
    "%",
    "_",
    "%s %(x)s {}",
    "1e10 3.14 -5",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_a_page_never_an_error(client, pijlers, query):
    ItemFactory(titel="Herstel voor iedereen")
    response = client.get("/kennisplein/", {"q": query, "sort": "relevantie"})
    assert response.status_code == 200


def test_random_unicode_never_breaks_the_query(client, pijlers):
    ItemFactory(titel="Herstel")
    rng = random.Random(7)
    for _ in range(200):
        codes = (rng.randint(1, 0x2FFFF) for _ in range(rng.randint(1, 30)))
        # Lone surrogates cannot travel in a URL, so no browser sends them.
        text = "".join(chr(code) for code in codes if not 0xD800 <= code <= 0xDFFF)
        response = client.get("/kennisplein/", {"q": text, "sort": "relevantie"})
        assert response.status_code == 200, repr(text)


def test_query_terms_are_folded_plain_words():
    assert search.query_terms("  Cliënt & (één)!  herst:* ") == ["client", "een", "herst"]
    assert search.clean_query("a\x00b\nc") == "a b c"
    assert len(search.clean_query("x" * 1000)) == search.MAX_QUERY_LENGTH


def _full_edit_distance(a, b):
    """Optimal string alignment distance, the whole table: the reference for the banded one."""
    table = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = min(
                table[i - 1][j] + 1,
                table[i][j - 1] + 1,
                table[i - 1][j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


def test_banded_edit_distance_agrees_with_the_whole_table():
    rng = random.Random(3)
    for _ in range(3000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        limit = rng.randint(1, 3)
        expected = _full_edit_distance(a, b)
        assert search.edit_distance(a, b, limit) == min(expected, limit + 1), (a, b, limit)


def test_suggestions_prefer_the_more_common_word(client, pijlers):
    for n in range(3):
        ItemFactory(titel=f"Aan tafel {n}")
    ItemFactory(titel="Een tabel met cijfers")
    response = results(client, "tafek")
    assert response.context["suggestion"]["query"] == "tafel"
    assert results(client, "tafel").context["suggestion"] is None  # found: nothing to correct


def test_edit_distance():
    assert search.edit_distance("netwrek", "netwerk", 2) == 1  # swapped neighbours
    assert search.edit_distance("jongre", "jongere", 2) == 1
    assert search.edit_distance("abc", "xyzabc", 2) == 3


def test_relevance_pages_run_from_title_hits_into_body_hits_without_gaps(client, pijlers):
    for n in range(5):
        ItemFactory(titel=f"Keukentafel {n}", inhoud="Niets.")
    for n in range(20):
        ItemFactory(titel=f"Ander item {n}", inhoud="Over de keukentafel.")
    first = client.get("/kennisplein/", {"q": "keukentafel"}).context
    second = client.get("/kennisplein/", {"q": "keukentafel", "page": 2}).context
    page1 = [item.titel for item in first["items"]]
    page2 = [item.titel for item in second["items"]]
    assert first["total"] == 25
    assert all(title.startswith("Keukentafel") for title in page1[:5])
    assert page1[5:] == [f"Ander item {n}" for n in range(19, 4, -1)]  # newest first
    assert page2 == [f"Ander item {n}" for n in range(4, -1, -1)]


def test_a_page_of_hits_is_the_same_slice_of_the_ranked_order_past_the_ranked_hits(
    pijlers, monkeypatch
):
    """The list page reads its page through listing.BestFirst (the scored newest hits, then
    the rest newest first); it gives every slice exactly as best_first() orders them all."""
    for ranked in (listing, models):
        monkeypatch.setattr(ranked, "RANKED", 4)
    for n in range(6):
        ItemFactory(titel=f"Keukentafel {n}", inhoud="Niets.")
        ItemFactory(titel=f"Ander item {n}", inhoud="Over de keukentafel.")
    terms = search.SearchTerms("keukentafel")
    hits = Item.objects.published().find(terms)
    everything = [item.pk for item in hits.best_first(terms)]
    assert len(everything) == 12
    pages = listing.BestFirst(hits.for_cards(), terms)
    for start, stop in [(0, 3), (0, 4), (2, 6), (4, 12), (3, 5), (10, 20)]:
        assert [item.pk for item in pages[start:stop]] == everything[start:stop], (start, stop)
    # The four newest hits (the last made) are ranked first: title hits above body hits.
    first = Item.objects.filter(pk__in=everything[:4]).order_by("-publicatiedatum", "-id")
    assert [item.titel for item in pages[0:4]][:2] == ["Keukentafel 5", "Keukentafel 4"]
    assert set(everything[:4]) == {item.pk for item in first}


def test_searching_uses_the_gin_index(db):
    """A search must be an index lookup, or every search would read the whole table."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny test table is read otherwise
        plan = Item.objects.search("netwerk gesprek").explain()
    assert "item_zoekvector_gin" in plan, plan


def test_plurals_and_other_forms_meet_their_base_form(client, pijlers):
    ItemFactory(titel="Een brief aan het slachtoffer", slug="brief")
    ItemFactory(titel="Excuses aanbieden", slug="excuses")
    ItemFactory(titel="Het eerste gesprek", slug="gesprek")
    assert titles(results(client, "brieven")) == ["Een brief aan het slachtoffer"]
    assert titles(results(client, "excuus")) == ["Excuses aanbieden"]
    assert titles(results(client, "gesprekken")) == ["Het eerste gesprek"]


def test_compounds_find_their_parts_and_parts_find_compounds(client, pijlers):
    ItemFactory(titel="Herstelbemiddeling voorbereiden")
    ItemFactory(titel="Een excuusbrief schrijven")
    ItemFactory(titel="Bemiddeling na herstel", samenvatting="Een gesprek met een bemiddelaar.")
    ItemFactory(titel="Over tafels")
    assert sorted(titles(results(client, "herstelbemiddeling"))) == [
        "Bemiddeling na herstel",
        "Herstelbemiddeling voorbereiden",
    ]
    assert titles(results(client, "brief")) == ["Een excuusbrief schrijven"]
    assert titles(results(client, "excuusbrieven")) == ["Een excuusbrief schrijven"]
    assert "Herstelbemiddeling voorbereiden" in titles(results(client, "bemiddeling"))


def test_type_pillar_theme_and_audience_names_are_searched(client, pijlers, doelgroepen):
    veiligheid = ThemaFactory(naam="Veiligheid")
    ItemFactory(titel="Beeldverhaal", type=ItemType.VIDEO, pijlers=[pijlers[1]])
    ItemFactory(titel="Kort en krachtig", type=ItemType.TIP, themas=[veiligheid])
    ItemFactory(titel="Voor ouders", doelgroepen=[doelgroepen[1]])
    assert titles(results(client, "video")) == ["Beeldverhaal"]
    assert "Beeldverhaal" in titles(results(client, "slachtoffer"))  # its pillar
    assert titles(results(client, "tip veiligheid")) == ["Kort en krachtig"]
    assert titles(results(client, "jongere")) == ["Voor ouders"]  # audience "Jongere zelf"
    veiligheid.naam = "Geborgenheid"
    veiligheid.save()
    assert titles(results(client, "geborgenheid")) == ["Kort en krachtig"]


def test_synonyms_kept_by_editors_work_at_once(client, pijlers):
    ItemFactory(titel="Spijt betuigen")
    assert titles(results(client, "excuus")) == []
    Synoniem.objects.create(woorden="excuus, spijt, sorry")
    assert titles(results(client, "excuses")) == ["Spijt betuigen"]
    assert titles(results(client, "sorry")) == ["Spijt betuigen"]


def test_a_question_with_words_no_item_has_all_ranks_items_with_most(client, pijlers):
    ItemFactory(titel="Een excuusbrief schrijven", samenvatting="Samen oefenen.")
    ItemFactory(titel="Praten met het slachtoffer")
    ItemFactory(titel="Over de wijk")
    response = results(client, "hoe schrijf je een excuusbrief aan het slachtoffer nu")
    assert titles(response) == ["Een excuusbrief schrijven", "Praten met het slachtoffer"]
    assert "Niet alle woorden gevonden" in response.content.decode()
    every_word = results(client, "excuusbrief schrijven")
    assert "Niet alle woorden gevonden" not in every_word.content.decode()


def test_snippets_show_where_the_match_is_with_the_words_as_written(client, pijlers):
    ItemFactory(
        titel="Een werkvorm",
        samenvatting="Kort over iets anders.",
        inhoud="Eerst een inleiding.\n\nDaarna schrijft de jongere twee **brieven** aan de cliënt.",
    )
    html = results(client, "brief client").content.decode()
    assert "<mark>brieven</mark>" in html
    assert "<mark>cliënt</mark>" in html
    assert "**" not in html  # the body as text, not as Markdown


def test_the_tag_text_does_not_depend_on_the_order_the_tags_were_added(pijlers):
    # An export and import adds an item's links again, in another order and into other places
    # of the tables: the item's search text must come out the same, or a round trip changes
    # the content. The names go in in name order, whatever order the links and tags have.
    zorg, aanpak = ThemaFactory(naam="Zorg"), ThemaFactory(naam="Aanpak")
    item = ItemFactory(themas=[])
    item.themas.add(zorg)
    item.themas.add(aanpak)
    item.refresh_from_db()
    assert 0 <= item.search_tags.index("aanpak") < item.search_tags.index("zorg")
