import datetime as dt
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from kennisplein.models import Bijlage, ItemStatus, ItemType
from tests.factories import ItemFactory
from tests.helpers import assert_queries_do_not_grow, assert_valid_html


def test_detail_shows_item_with_pillars_themes_and_sharing_metadata(
    client, pijlers, themas, doelgroepen
):
    ItemFactory(
        titel="Signs of Success",
        slug="signs-of-success",
        type=ItemType.METHODE,
        samenvatting="Een methode die uitgaat van wat lukt.",
        inhoud="## Ankers\n\n- Ik ben de moeite waard.",
        bron="Pluryn",
        pijlers=[pijlers[0]],
        themas=[themas[2]],
        doelgroepen=[doelgroepen[0]],
    )
    html = client.get("/kennisplein/signs-of-success/").content.decode()
    assert '<h1 itemprop="headline">Signs of Success</h1>' in html
    assert "<h2>Ankers</h2>" in html
    assert 'href="/pijlers/zelfherstel/"' in html
    assert 'href="/kennisplein/?thema=werkrelatie"' in html
    assert "Jeugdreclasseerder" in html and "Pluryn" in html
    assert '<meta property="og:title" content="Signs of Success">' in html
    assert 'itemtype="https://schema.org/Article"' in html
    assert 'href="/kennisplein/?type=methode">Methode</a>' in html  # breadcrumb


def test_drafts_are_404_for_visitors_and_previewable_for_staff(editor_client, pijlers):
    ItemFactory(slug="concept-item", status=ItemStatus.CONCEPT, publicatiedatum=None)
    assert Client().get("/kennisplein/concept-item/").status_code == 404
    response = editor_client.get("/kennisplein/concept-item/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert "Alleen redacteuren zien deze pagina" in response.content.decode()


def test_unknown_item_is_404(client, db):
    assert client.get("/kennisplein/bestaat-niet/").status_code == 404


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://example.org"></iframe>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<div onclick="alert(1)">x</div>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '"><script>alert(1)</script>',
]


class ActiveContent(HTMLParser):
    """Collects what a browser would run: script/iframe elements, handlers, scriptable URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "svg"}:
            self.found.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src"} and value.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag}[{name}={value[:20]}]")


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_the_body_or_title_renders_inert(client, pijlers, payload):
    ItemFactory(
        slug="xss", titel=f"Titel {payload}", samenvatting=payload, inhoud=f"Tekst {payload}"
    )
    for url in ["/kennisplein/xss/", "/kennisplein/?q=titel"]:
        html = client.get(url).content.decode()
        main = html.split('<main id="main-content"')[1].split("</main>")[0]
        parser = ActiveContent()
        parser.feed("<main" + main)
        assert parser.found == [], url


def test_attachments_are_listed_with_type_and_size(client, pijlers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = ItemFactory(slug="met-bijlage")
    bijlage = Bijlage(item=item, titel="Werkblad tijdlijnen")
    bijlage.bestand.save("werkblad.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 3000), save=False)
    bijlage.save()
    html = client.get("/kennisplein/met-bijlage/").content.decode()
    assert 'Werkblad tijdlijnen</a> <span class="kp-meta">(PDF, 2,9' in html


def test_external_video_loads_only_after_a_click(client, pijlers):
    ItemFactory(slug="film", type=ItemType.VIDEO, video_url="https://www.youtube.com/watch?v=abc")
    html = client.get("/kennisplein/film/").content.decode()
    assert "<iframe" not in html
    assert "Bekijk de video op youtube.com" in html
    assert 'href="https://www.youtube.com/watch?v=abc"' in html


def test_uploaded_video_has_a_captions_track(client, pijlers):
    ItemFactory(
        slug="eigen-film",
        type=ItemType.VIDEO,
        video="kennisplein/video/a.mp4",
        ondertitels="kennisplein/video/a.vtt",
    )
    html = client.get("/kennisplein/eigen-film/").content.decode()
    assert '<track kind="captions" src="/media/kennisplein/video/a.vtt" srclang="nl"' in html


def test_related_items_hand_picked_or_computed(client, pijlers, themas):
    item = ItemFactory(slug="hoofd", themas=[themas[0]], pijlers=[pijlers[0]])
    close = ItemFactory(titel="Zelfde thema", themas=[themas[0]], pijlers=[pijlers[1]])
    ItemFactory(titel="Ander thema", themas=[themas[1]], pijlers=[pijlers[0]])
    ItemFactory(
        titel="Concept zelfde thema",
        themas=[themas[0]],
        status=ItemStatus.CONCEPT,
        publicatiedatum=None,
    )
    related = client.get("/kennisplein/hoofd/").context["related"]
    assert [r.titel for r in related] == ["Zelfde thema"]

    chosen = ItemFactory(titel="Handgekozen", themas=[themas[2]])
    item.gerelateerd.add(chosen)
    related = client.get("/kennisplein/hoofd/").context["related"]
    assert [r.titel for r in related] == ["Handgekozen"]
    assert close not in related


def test_computed_related_items_share_the_most_themes_then_are_newest(client, pijlers, themas):
    day = dt.date(2026, 1, 1)
    ItemFactory(slug="hoofd", themas=themas[:2], pijlers=[pijlers[0]])
    ItemFactory(titel="Beide, oud", themas=themas, publicatiedatum=day)
    ItemFactory(titel="Een, nieuw", themas=[themas[1]], publicatiedatum=day.replace(month=6))
    ItemFactory(titel="Een, ouder", themas=[themas[0]], publicatiedatum=day.replace(month=3))
    ItemFactory(titel="Een, oudst", themas=[themas[0]], publicatiedatum=day.replace(month=2))
    ItemFactory(titel="Geen", themas=[themas[2]], publicatiedatum=day.replace(month=9))
    related = client.get("/kennisplein/hoofd/").context["related"]
    assert [r.titel for r in related] == ["Beide, oud", "Een, nieuw", "Een, ouder"]


def test_detail_query_count_is_bounded(client, pijlers, themas):
    ItemFactory(slug="hoofd", themas=themas, pijlers=pijlers)
    ItemFactory(themas=themas, pijlers=pijlers)

    def more():
        for _ in range(10):
            ItemFactory(themas=themas, pijlers=pijlers)

    # The item, its pillars, themes, audiences and attachments, the hand-picked related items,
    # then the computed ones, and the werkplaats sets that play the item.
    assert_queries_do_not_grow(client, "/kennisplein/hoofd/", more, max_queries=8)


def test_detail_pages_are_valid_html(client, pijlers, themas, doelgroepen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ItemFactory(
        slug="gewoon",
        pijlers=pijlers[:2],
        themas=themas,
        doelgroepen=doelgroepen,
        bron="JSO",
        inhoud="## Kop\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    )
    ItemFactory(
        slug="film", type=ItemType.VIDEO, video_url="https://vimeo.com/1", themas=themas[:1]
    )
    ItemFactory(
        slug="eigen-film",
        type=ItemType.VIDEO,
        video="kennisplein/video/a.mp4",
        ondertitels="kennisplein/video/a.vtt",
    )
    ItemFactory(slug="feiten", type=ItemType.FACTSHEET)
    assert_valid_html(
        {
            slug: client.get(f"/kennisplein/{slug}/").content.decode()
            for slug in ["gewoon", "film", "eigen-film", "feiten"]
        }
    )
