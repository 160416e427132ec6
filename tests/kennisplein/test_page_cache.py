import pytest

from kennisplein.models import Item, ItemStatus
from tests.factories import ItemFactory

PAGES = ["/kennisplein/hoofd/", "/kennisplein/?q=versie&sort=a-z", "/pijlers/zelfherstel/"]


@pytest.fixture
def page_cache(settings):
    settings.KENNISPLEIN_PAGE_CACHE = True


@pytest.mark.parametrize("url", PAGES)
def test_a_visitor_gets_a_page_that_was_made_before_with_one_query(
    client, pijlers, themas, page_cache, django_assert_num_queries, url
):
    ItemFactory(slug="hoofd", pijlers=pijlers[:1], themas=themas, inhoud="Eerste versie.")
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the content version
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in again


def test_a_kept_page_carries_the_same_headers_as_a_fresh_one(client, pijlers, page_cache):
    """Served before sessions, CSRF and clickjacking middleware: the kept page brings their
    headers along, the outer middleware adds its own (a new request id each time)."""
    ItemFactory(slug="hoofd")
    first = client.get("/kennisplein/hoofd/")
    again = client.get("/kennisplein/hoofd/")
    assert again.context is None  # from the cache
    assert again["X-Frame-Options"] == "DENY"
    headers = {name: value for name, value in first.items() if name != "X-Request-ID"}
    assert {name: value for name, value in again.items() if name != "X-Request-ID"} == headers
    assert again["X-Request-ID"] != first["X-Request-ID"]


def test_only_pages_marked_for_it_are_kept(client, pijlers, page_cache):
    client.get("/")
    assert client.get("/").context is not None  # the home page is rendered every time


def test_any_change_to_the_knowledge_base_gives_a_new_page(client, pijlers, themas, page_cache):
    item = ItemFactory(slug="hoofd", themas=themas, inhoud="Eerste versie.")
    assert "Eerste versie." in client.get("/kennisplein/hoofd/").content.decode()
    Item.objects.filter(pk=item.pk).update(titel="Tweede versie")  # a bulk change, too
    assert "Tweede versie" in client.get("/kennisplein/hoofd/").content.decode()
    themas[0].naam = "Nieuwe themanaam"
    themas[0].save()
    assert "Nieuwe themanaam" in client.get("/kennisplein/hoofd/").content.decode()


def test_logged_in_people_never_get_a_page_made_for_a_visitor(client, pijlers, editor, page_cache):
    ItemFactory(slug="hoofd")
    ItemFactory(slug="concept", status=ItemStatus.CONCEPT, publicatiedatum=None)
    assert client.get("/kennisplein/concept/").status_code == 404
    client.get("/kennisplein/hoofd/")
    client.force_login(editor)
    assert client.get("/kennisplein/concept/").status_code == 200  # the preview
    page = client.get("/kennisplein/hoofd/")
    assert page.context is not None  # rendered for this editor, not taken from the cache
    assert "Uitloggen" in page.content.decode()
    client.logout()
    client.cookies.clear()
    assert "Uitloggen" not in client.get("/kennisplein/hoofd/").content.decode()
    assert client.get("/kennisplein/concept/").status_code == 404


def test_error_pages_are_not_kept(client, pijlers, page_cache, django_assert_max_num_queries):
    assert client.get("/kennisplein/bestaat-niet/").status_code == 404
    ItemFactory(slug="bestaat-niet")
    assert client.get("/kennisplein/bestaat-niet/").status_code == 200


def test_pages_for_another_host_are_kept_apart(client, pijlers, page_cache, settings):
    settings.ALLOWED_HOSTS = ["testserver", "herstel.example.nl"]
    ItemFactory(slug="hoofd")
    client.get("/kennisplein/hoofd/")
    other = client.get("/kennisplein/hoofd/", HTTP_HOST="herstel.example.nl").content.decode()
    assert 'content="http://herstel.example.nl/kennisplein/hoofd/"' in other


def test_a_new_release_never_serves_a_page_kept_by_the_previous_one(
    client, pijlers, page_cache, settings
):
    settings.BUILD_ID = "release-1"
    ItemFactory(slug="hoofd")
    client.get("/kennisplein/hoofd/")
    assert client.get("/kennisplein/hoofd/").context is None  # kept by release 1
    settings.BUILD_ID = "release-2"
    assert client.get("/kennisplein/hoofd/").context is not None  # rendered by release 2


@pytest.mark.parametrize(
    "path",
    [
        "/kennisplein/%FF%FE/",  # no UTF-8
        "/kennisplein/%ED%B3%BF/",  # a lone surrogate
        "/kennisplein/" + "x" * 10_000 + "/",
        "/kennisplein/?q=%ED%B3%BF&sort=%FF",
        "/kennisplein/?q=" + "é" * 50_000,
        "/pijlers/%00/",
        "/kennisplein/?q=%00",
    ],
)
def test_hostile_addresses_get_no_500_with_the_page_cache_on(client, pijlers, page_cache, path):
    first = client.get(path)
    again = client.get(path)  # perhaps from the cache now
    assert first.status_code < 500 and again.status_code == first.status_code
    assert again.content == first.content
