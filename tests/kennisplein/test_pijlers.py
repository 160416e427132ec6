import pytest

from kennisplein.markdown import render_markdown
from kennisplein.models import Pijler
from tests.factories import PijlerFactory
from tests.helpers import assert_queries_do_not_grow


def test_pillar_page_shows_explanation_and_tips_for_the_professional(client, pijlers):
    pijler = pijlers[1]
    pijler.uitleg = "Het slachtoffer **bepaalt zelf** of er contact komt."
    pijler.tips = "- Vraag eerst wat de jongere denkt.\n- Schakel een bemiddelaar in."
    pijler.save()
    response = client.get("/pijlers/herstel-naar-het-slachtoffer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Herstel naar het slachtoffer</h1>" in html
    assert "<strong>bepaalt zelf</strong>" in html
    assert "Tips voor de professional" in html
    assert "<li>Schakel een bemiddelaar in.</li>" in html
    assert 'aria-current="page">Herstel naar het slachtoffer</span>' in html  # breadcrumb


def test_pillar_list_links_to_every_pillar_in_order(client, pijlers):
    html = client.get("/pijlers/").content.decode()
    positions = [html.index(f'href="/pijlers/{p.slug}/"') for p in pijlers]
    assert positions == sorted(positions)


def test_unknown_pillar_is_a_404(client, pijlers):
    assert client.get("/pijlers/bestaat-niet/").status_code == 404


# The pillar page: the pillar, its newest items, and the matching conversation part.
@pytest.mark.parametrize(("url", "max_queries"), [("/pijlers/", 1), ("/pijlers/zelfherstel/", 4)])
def test_pillar_pages_have_a_bounded_query_count(client, pijlers, url, max_queries):
    more = lambda: PijlerFactory.create_batch(10)  # noqa: E731
    assert_queries_do_not_grow(client, url, more, max_queries=max_queries)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        '<iframe src="https://example.org"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_markdown_is_sanitised(payload):
    html = render_markdown(payload)
    for dangerous in ["<script", "onerror", "javascript:", "<iframe", "style="]:
        assert dangerous not in html


def test_pillar_uitleg_with_a_script_renders_inert(client, pijlers):
    pijlers[0].uitleg = "Hallo <script>alert('x')</script> wereld"
    pijlers[0].save()
    html = client.get("/pijlers/zelfherstel/").content.decode()
    assert "<script>alert" not in html
    assert "Hallo" in html


def test_pillar_natural_key_is_its_slug(pijlers):
    assert Pijler.objects.get_by_natural_key("zelfherstel") == pijlers[0]
    assert pijlers[0].natural_key() == ("zelfherstel",)
