import io
import xml.etree.ElementTree as ET

from pypdf import PdfReader

from kennisplein.models import ItemStatus, ItemType
from tests.factories import ItemFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - our own test server's output


def test_rss_feed_lists_newest_published_items(client, pijlers):
    ItemFactory(titel="Ouder item")
    ItemFactory(titel="Nieuwste item")
    ItemFactory(titel="Concept", status=ItemStatus.CONCEPT, publicatiedatum=None)
    response = client.get("/kennisplein/feed/")
    assert response.status_code == 200
    root = parse_xml(response.content)
    titles = [el.text for el in root.iter("title")][1:]
    assert titles == ["Nieuwste item", "Ouder item"]


def test_atom_feed(client, pijlers):
    ItemFactory(titel="Een item")
    ItemFactory(titel="Concept", status=ItemStatus.CONCEPT, publicatiedatum=None)
    root = parse_xml(client.get("/kennisplein/feed/atom/").content)
    assert [e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry")] == ["Een item"]


def test_sitemap_lists_published_items_and_pillars_only(client, pijlers):
    ItemFactory(slug="zichtbaar")
    ItemFactory(slug="geheim", status=ItemStatus.CONCEPT, publicatiedatum=None)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = [el.text for el in parse_xml(index.content).iter() if el.tag.endswith("loc")]
    locations = []
    for section in sections:
        body = client.get(section.replace("http://testserver", "")).content
        locations += [el.text for el in parse_xml(body).iter() if el.tag.endswith("loc")]
    assert "http://testserver/kennisplein/zichtbaar/" in locations
    assert "http://testserver/pijlers/zelfherstel/" in locations
    assert "http://testserver/kennisplein/" in locations
    assert not any("geheim" in loc for loc in locations)


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /beheer/" in text


def test_factsheet_downloads_as_a_pdf_with_the_same_content(client, pijlers):
    ItemFactory(
        slug="factsheet-herstel",
        type=ItemType.FACTSHEET,
        titel="Factsheet herstelgericht werken",
        inhoud="## Cijfers\n\n| wat | aantal |\n|---|---|\n| projecten | 11 |\n| tools | 29 |",
    )
    page = client.get("/kennisplein/factsheet-herstel/").content.decode()
    assert 'href="/kennisplein/factsheet-herstel/pdf/"' in page
    response = client.get("/kennisplein/factsheet-herstel/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="factsheet-herstel.pdf"' in response["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Factsheet herstelgericht werken" in text
    assert "projecten" in text and "29" in text


def _font_sizes(page):
    """Each piece of text on the page with its font size in points."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append((text.strip(), size * tm[0] * cm[0]))

    page.extract_text(visitor_text=visit)
    return sizes


def test_factsheet_pdf_is_tagged_pdf_ua_with_its_title_larger_than_its_headings(client, pijlers):
    ItemFactory(
        slug="feiten",
        type=ItemType.FACTSHEET,
        titel="Feiten over herstel",
        inhoud="## Cijfers\n\nElf projecten.\n\n## Tools\n\nNegenentwintig tools.",
    )
    reader = PdfReader(io.BytesIO(client.get("/kennisplein/feiten/pdf/").content))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert reader.metadata.title.startswith("Feiten over herstel")
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    sizes = dict(_font_sizes(reader.pages[0]))
    assert sizes["Feiten over herstel"] > sizes["Cijfers"] > sizes["Elf projecten."]


def test_pdf_only_for_published_factsheets(client, pijlers):
    ItemFactory(slug="gewone-tool", type=ItemType.TOOL)
    ItemFactory(
        slug="concept-feiten",
        type=ItemType.FACTSHEET,
        status=ItemStatus.CONCEPT,
        publicatiedatum=None,
    )
    assert client.get("/kennisplein/gewone-tool/pdf/").status_code == 404
    assert client.get("/kennisplein/concept-feiten/pdf/").status_code == 404
