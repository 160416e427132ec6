import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kennisplein.models import Item, ItemStatus, ItemType
from tests.factories import ItemFactory
from tests.helpers import assert_queries_do_not_grow, assert_valid_html


@pytest.fixture
def catalogue(pijlers, themas, doelgroepen):
    zelf, slachtoffer, netwerk, maatschappij = pijlers
    ItemFactory(
        titel="Tijdlijnen",
        type=ItemType.TOOL,
        pijlers=[netwerk],
        themas=[themas[0]],
        doelgroepen=[doelgroepen[0]],
    )
    ItemFactory(
        titel="Signs of Success",
        type=ItemType.METHODE,
        pijlers=[zelf, netwerk],
        themas=[themas[2]],
        doelgroepen=[doelgroepen[0], doelgroepen[1]],
    )
    ItemFactory(titel="Safe Path", type=ItemType.METHODE, pijlers=[zelf], themas=[themas[1]])
    ItemFactory(
        titel="Excuses maken",
        type=ItemType.TIP,
        pijlers=[slachtoffer],
        themas=[themas[1], themas[2]],
        doelgroepen=[doelgroepen[1]],
    )
    ItemFactory(
        titel="Verborgen concept",
        type=ItemType.TOOL,
        pijlers=[netwerk],
        themas=[themas[0]],
        status=ItemStatus.CONCEPT,
        publicatiedatum=None,
    )
    return pijlers


def listing(client, **params):
    response = client.get("/kennisplein/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return sorted(item.titel for item in response.context["items"])


def counts(response, facet):
    for group in response.context["facets"]:
        if group["name"] == facet:
            return {choice["value"]: choice["count"] for choice in group["choices"]}
    raise AssertionError(facet)


def test_list_shows_published_items_only(client, catalogue):
    response = listing(client)
    assert titles(response) == ["Excuses maken", "Safe Path", "Signs of Success", "Tijdlijnen"]
    assert "Verborgen concept" not in response.content.decode()
    assert "4 resultaten" in response.content.decode()


def test_facet_counts_without_filters(client, catalogue):
    response = listing(client)
    assert counts(response, "type")["methode"] == 2
    assert counts(response, "type")["tool"] == 1  # the draft tool is not counted
    assert list(counts(response, "pijler"))[0] == "zelfherstel"  # in the pillars' own order
    assert counts(response, "pijler") == {
        "zelfherstel": 2,
        "herstel-naar-het-slachtoffer": 1,
        "herstel-met-het-netwerk": 2,
        "herstel-naar-de-maatschappij": 0,
    }
    assert counts(response, "thema") == {"netwerk-betrekken": 1, "veiligheid": 2, "werkrelatie": 2}
    assert counts(response, "doelgroep") == {"jeugdreclasseerder": 2, "jongere": 2}


def test_filters_combine_across_facets_and_counts_follow(client, catalogue):
    response = listing(client, type="methode", pijler="herstel-met-het-netwerk")
    assert titles(response) == ["Signs of Success"]
    # Counts for a facet ignore that facet's own choice, so they show what ticking adds.
    assert counts(response, "type") == {**counts(response, "type"), "methode": 1, "tool": 1}
    assert counts(response, "pijler")["zelfherstel"] == 2
    assert counts(response, "thema") == {"netwerk-betrekken": 0, "veiligheid": 0, "werkrelatie": 1}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": ["methode", "tip"]}, "3 resultaten"),
        ({"type": "methode", "pijler": "herstel-met-het-netwerk"}, "1 resultaat"),
        ({"thema": "veiligheid"}, "2 resultaten"),
        ({"q": "success", "doelgroep": "jongere"}, "1 resultaat"),
        ({"type": "factsheet"}, "0 resultaten"),
    ],
)
def test_the_number_of_results_matches_the_results(client, catalogue, params, expected):
    """The number shown comes from the facet counts, not from a count of its own."""
    response = listing(client, **params)
    assert response.context["page_obj"].paginator.count == len(response.context["items"])
    assert expected in response.content.decode()


def test_values_within_one_facet_widen_the_result(client, catalogue):
    response = listing(client, type=["methode", "tip"])
    assert titles(response) == ["Excuses maken", "Safe Path", "Signs of Success"]
    html = response.content.decode()
    assert 'value="methode" id="f-type-methode" checked' in html
    assert 'value="tip" id="f-type-tip" checked' in html


def test_filters_and_search_together(client, catalogue):
    response = listing(client, q="success", doelgroep="jongere")
    assert titles(response) == ["Signs of Success"]


def test_unknown_filter_values_are_ignored_with_a_note(client, catalogue):
    response = listing(client, type="bestaat-niet", pijler="<script>", sort="raar")
    assert len(response.context["items"]) == 4
    html = response.content.decode()
    assert "kennen we niet" in html
    assert "<script>" not in html.split("<main")[1]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("a-z", ["Excuses maken", "Safe Path", "Signs of Success", "Tijdlijnen"]),
        ("nieuwste", ["Excuses maken", "Safe Path", "Signs of Success", "Tijdlijnen"]),
    ],
)
def test_sorting(client, catalogue, sort, expected):
    response = listing(client, sort=sort)
    got = [item.titel for item in response.context["items"]]
    assert got == (expected if sort == "a-z" else expected)  # factory dates rise with creation
    if sort == "nieuwste":
        assert got == ["Excuses maken", "Safe Path", "Signs of Success", "Tijdlijnen"]


def test_a_to_z_ignores_accents_and_capitals(client, pijlers):
    for titel in ["Zorg", "één plan", "Actie", "Émile", "bouwstenen"]:
        ItemFactory(titel=titel)
    in_order = lambda response: [item.titel for item in response.context["items"]]  # noqa: E731
    assert in_order(listing(client, sort="a-z")) == [
        "Actie",
        "bouwstenen",
        "één plan",
        "Émile",
        "Zorg",
    ]
    assert in_order(listing(client)) == ["bouwstenen", "Émile", "Actie", "één plan", "Zorg"]


def test_relevance_sort_only_offered_with_a_query(client, catalogue):
    assert "Beste resultaat" not in listing(client).content.decode()
    assert "Beste resultaat" in listing(client, q="safe").content.decode()


@pytest.mark.parametrize(
    ("page", "shown"),
    [("0", 1), ("-1", 1), ("abc", 1), ("999999", 3), ("2", 2), ("1e9", 1)],
)
def test_pagination_edge_cases(client, pijlers, page, shown):
    for n in range(45):
        ItemFactory(titel=f"Item {n:02d}")
    response = listing(client, page=page, sort="a-z")
    assert response.context["page_obj"].number == shown


def test_empty_parameters_are_dropped_from_the_address(client, catalogue):
    response = client.get("/kennisplein/?q=&type=methode&sort=&page=")
    assert response.status_code == 302
    assert response["Location"] == "/kennisplein/?type=methode"
    assert client.get("/kennisplein/?q=&sort=")["Location"] == "/kennisplein/"


def test_the_filters_sit_behind_a_disclosure_that_counts_the_chosen_ones(client, catalogue):
    html = listing(client, type=["methode", "tip"], q="safe").content.decode()
    assert '<details class="kp-filters" id="filters">' in html
    assert "Filters (2)" in html


def test_pagination_links_keep_the_filters(client, pijlers):
    for n in range(25):
        ItemFactory(titel=f"Werkvorm {n:02d}", type=ItemType.TIP)
    html = listing(client, type="tip", q="werkvorm").content.decode()
    assert 'href="?type=tip&amp;q=werkvorm&amp;page=2"' in html


def test_zero_results_offers_to_loosen_filters(client, catalogue):
    response = listing(client, q="tijdlijnen", type="methode")
    html = response.content.decode()
    assert "Niets gevonden" in html
    assert "Zoek zonder het filter ‘Methode’" in html
    assert 'href="?q=tijdlijnen"' in html


def test_list_query_count_is_bounded(client, catalogue, themas):
    def more():
        for _ in range(15):
            ItemFactory(pijlers=catalogue[:2], themas=themas, samenvatting="Extra werk.")

    # The content version, the page, its pillars, and all facet counts in one (the total
    # comes from those); a search adds the synonyms, whether every word is found, and the
    # snippets (with the words to mark looked up inside that query).
    for url, queries in [
        ("/kennisplein/", 4),
        ("/kennisplein/?q=werk&pijler=zelfherstel&thema=veiligheid", 7),
    ]:
        assert_queries_do_not_grow(client, url, more, max_queries=queries)


def test_counts_over_every_item_are_counted_once_per_content_version(client, catalogue):
    """The plain list's counts are kept per content version and serve the ticked facet of a
    list with one facet ticked too; a change to the content counts them again."""

    def facet_statements(**params):
        with CaptureQueriesContext(connection) as captured:
            response = listing(client, **params)
        return response, sum("GROUPING SETS" in q["sql"] for q in captured.captured_queries)

    ticked, statements = facet_statements(pijler="zelfherstel")
    assert statements == 2  # over every item (then kept), and over the items of that pillar
    plain, statements = facet_statements()
    assert statements == 0
    per_pillar = {
        "zelfherstel": 2,
        "herstel-naar-het-slachtoffer": 1,
        "herstel-met-het-netwerk": 2,
        "herstel-naar-de-maatschappij": 0,
    }
    assert counts(ticked, "pijler") == counts(plain, "pijler") == per_pillar
    assert counts(ticked, "type") != counts(plain, "type")  # counted within the pillar
    assert facet_statements(thema="veiligheid")[1] == 1

    ItemFactory(pijlers=catalogue[:1])
    plain, statements = facet_statements()
    assert statements == 1
    assert counts(plain, "pijler")["zelfherstel"] == 3


def test_facet_counts_follow_changed_links_also_in_bulk(client, catalogue):
    zelf, _slachtoffer, netwerk, _maatschappij = catalogue
    assert counts(listing(client), "pijler")["zelfherstel"] == 2
    safe_path = Item.objects.get(titel="Safe Path")
    safe_path.pijlers.set([netwerk])
    assert counts(listing(client), "pijler")["zelfherstel"] == 1
    Item.pijlers.through.objects.filter(pijler=zelf).delete()
    after = listing(client, pijler="zelfherstel")
    assert counts(after, "pijler")["zelfherstel"] == 0
    assert after.context["total"] == 0
    zelf.items.add(safe_path)  # from the tag's side
    assert titles(listing(client, pijler="zelfherstel")) == ["Safe Path"]


def test_list_pages_are_valid_html(client, catalogue):
    pages = {
        "lijst": "/kennisplein/",
        "zoek": "/kennisplein/?q=safe&type=methode&sort=relevantie",
        "leeg": "/kennisplein/?q=netwrk&pijler=zelfherstel",
        "pijler": "/pijlers/zelfherstel/",
    }
    assert_valid_html({name: client.get(url).content.decode() for name, url in pages.items()})


def test_pillar_page_lists_its_items(client, catalogue):
    html = client.get("/pijlers/zelfherstel/").content.decode()
    assert "Signs of Success" in html and "Safe Path" in html
    assert "Excuses maken" not in html
    assert "/kennisplein/?pijler=zelfherstel" in html


def test_a_full_list_page_stays_under_60_kb_compressed(client, pijlers, themas, doelgroepen):
    import gzip
    import re

    from django.contrib.staticfiles import finders

    for _ in range(30):
        ItemFactory(pijlers=pijlers, themas=themas, samenvatting="Woord " * 60)
    html = client.get("/kennisplein/").content
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        with open(finders.find(asset.decode()), "rb") as fh:
            total += len(gzip.compress(fh.read()))
    assert total < 60 * 1024, total


def test_pillar_page_query_count_is_bounded_with_items(client, pijlers):
    ItemFactory(pijlers=pijlers[:1])

    def more():
        for _ in range(15):
            ItemFactory(pijlers=pijlers)

    # The content version, the pillar, its newest items, their pillars, the matching conversation
    # part.
    assert_queries_do_not_grow(client, "/pijlers/zelfherstel/", more, max_queries=5)
