"""The result page a young person still reads, the PDF a screen reader can read, and one order
of the parts everywhere."""

import io
import re

import pikepdf
import pytest
from pypdf import PdfReader

from gesprekstool.models import Aanknopingspunt, Onderdeel
from gesprekstool.summary import gesprek_resultaten, recommend_once
from tests.factories import AanknopingspuntFactory, GesprekFactory, ItemFactory
from tests.gesprekstool.conftest import part_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_item(seed):
    """One kennisplein item linked from a lead in three parts, and one only in the last."""
    item, other = ItemFactory(titel="Eén werkvorm voor alles"), ItemFactory(titel="Nog een")
    parts = list(Onderdeel.objects.all())
    for part in parts[:3]:
        AanknopingspuntFactory(onderdeel=part, titel=f"Altijd bij {part.slug}").items.add(item)
    AanknopingspuntFactory(onderdeel=parts[2], titel="Ook bij dit deel").items.add(item, other)
    return item, other


def recommended(resultaten):
    return [
        (tip.punt.titel, link.id) for r in resultaten for tip in r.tips for link in tip.aanbevolen
    ]


def test_each_kennisplein_item_is_recommended_once(shared_item):
    item, other = shared_item
    gesprek = GesprekFactory()
    for part in Onderdeel.objects.all():
        gesprek.antwoorden.create(stelling=part.stellingen.first(), stelling_tekst="x", score=5)
    resultaten = gesprek_resultaten(gesprek)
    ids = [item_id for _, item_id in recommended(resultaten)]
    assert ids.count(item.id) == 1 and ids.count(other.id) == 1
    # The first lead (in part order) recommends it; the later ones keep their text.
    first_part = Onderdeel.objects.order_by("volgorde").first()
    assert (f"Altijd bij {first_part.slug}", item.id) in recommended(resultaten)
    # Called again (for one part alone), it starts afresh.
    recommend_once(resultaten[2:3])
    assert item.id in [item_id for _, item_id in recommended(resultaten[2:3])]


def test_one_conversation_recommending_an_item_does_not_hide_it_from_the_next(shared_item):
    """The leads are shared by all conversations in a process: what one page recommends is its
    own, so a conversation that reaches the item only in a later part still gets it there."""
    item, _ = shared_item
    parts = list(Onderdeel.objects.all())
    everything, late = GesprekFactory(), GesprekFactory()
    for part in parts:
        everything.antwoorden.create(stelling=part.stellingen.first(), stelling_tekst="x", score=5)
    late.antwoorden.create(stelling=parts[2].stellingen.first(), stelling_tekst="x", score=5)
    assert (f"Altijd bij {parts[0].slug}", item.id) in recommended(gesprek_resultaten(everything))
    assert (f"Altijd bij {parts[2].slug}", item.id) in recommended(gesprek_resultaten(late))
    # And the first conversation's page, asked again, is as it was.
    assert (f"Altijd bij {parts[0].slug}", item.id) in recommended(gesprek_resultaten(everything))


def test_part_done_page_and_print_view_show_the_tips_with_their_items(
    client, gesprek_url, shared_item
):
    item, other = shared_item
    parts = list(Onderdeel.objects.all())
    client.post(gesprek_url + f"{parts[2].slug}/", part_data(parts[2], scores=[3]))
    klaar = client.get(gesprek_url + f"{parts[2].slug}/klaar/").content.decode()
    assert f"Altijd bij {parts[2].slug}" in klaar and "Ook bij dit deel" in klaar
    # Both leads name the first item; it is recommended once, by the first of them.
    assert klaar.count(item.get_absolute_url()) == 1
    assert other.get_absolute_url() in klaar
    printed = client.get(gesprek_url + "afdrukken/").content.decode()
    assert f"Altijd bij {parts[2].slug}" in printed and item.titel in printed


def test_result_page_has_summary_first_and_tips_collapsed_per_part(
    client, gesprek_url, shared_item
):
    item, _ = shared_item
    for part in Onderdeel.objects.all():
        client.post(gesprek_url + f"{part.slug}/", part_data(part, scores=[3]))
    page = client.get(gesprek_url + "resultaat/").content.decode()
    assert page.count(item.get_absolute_url()) == 1
    order = [
        page.index(h)
        for h in [
            "Samenvatting",
            "Hier wil de jongere",
            "Afspraken:",
            "Tips per onderdeel",
            "Hoe was dit gesprek",
        ]
    ]
    assert order == sorted(order)
    tips = page.split('id="tips"')[1].split('id="afsluiting"')[0]
    assert tips.count('<details class="gt-uitklap gt-tips-onderdeel') == 5
    assert " open" not in tips.split("<details")[1].split(">")[0]


def _tips(client, url):
    page = client.get(url + "resultaat/").content.decode()
    return page.split('id="tips"')[1].split('id="afsluiting"')[0]


def test_each_conversation_shows_the_tips_its_own_answers_chose(client, gesprek_url, seed):
    """The tips are kept per content version and chosen tips: a second conversation whose
    answers choose other tips never sees the first one's, and an editor's change shows."""
    part = Onderdeel.objects.get(slug="zelfherstel")
    stelling = part.stellingen.first()
    AanknopingspuntFactory(
        onderdeel=part, titel="Tip bij een lage score", regel="stelling_laag", stelling=stelling,
        drempel=3,
    )  # fmt: skip
    low = part_data(part, scores=[1])
    client.post(gesprek_url + "zelfherstel/", low)
    assert "Tip bij een lage score" in _tips(client, gesprek_url)

    other = client.post("/gesprekstool/nieuw/").url
    client.post(other + "zelfherstel/", part_data(part, scores=[9]))
    assert "Tip bij een lage score" not in _tips(client, other)
    nothing = client.post("/gesprekstool/nieuw/").url
    assert "Zelfherstel" not in _tips(client, nothing)

    third = client.post("/gesprekstool/nieuw/").url
    client.post(third + "zelfherstel/", low)
    assert _tips(client, third) == _tips(client, gesprek_url)
    Aanknopingspunt.objects.filter(titel="Tip bij een lage score").update(titel="Nieuwe titel")
    assert "Nieuwe titel" in _tips(client, gesprek_url)


def test_agreements_can_be_edited(client, gesprek_url):
    part = Onderdeel.objects.get(slug="zelfherstel")
    client.post(
        gesprek_url + "afspraken/",
        {"onderdeel": part.id, "wat": "Oma bellen", "wie_rol": "jongere", "wanneer": "zondag"},
    )
    afspraak = part.afspraken.get()
    p = f"a{afspraak.id}"
    response = client.post(
        gesprek_url + f"afspraken/{afspraak.id}/",
        {
            f"{p}-onderdeel": part.id,
            f"{p}-wat": "Opa bellen",
            f"{p}-wie_rol": "anders",
            f"{p}-wie": "oom",
            f"{p}-wanneer": "maandag",
        },
    )
    assert response.status_code == 302 and response.url.endswith(f"#afspraak-{afspraak.id}")
    afspraak.refresh_from_db()
    assert (afspraak.wat, afspraak.wie_tekst, afspraak.wanneer) == ("Opa bellen", "oom", "maandag")


def test_the_pdf_is_tagged_pdf_ua_with_headings_and_table_cells(client, gesprek_url):
    part = Onderdeel.objects.get(slug="zelfherstel")
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[3, 7]))
    client.post(gesprek_url + "instellingen/", {"trajectcode": "JR-2026-17"})
    content = client.get(gesprek_url + "gesprek.pdf").content
    pdf = pikepdf.open(io.BytesIO(content))
    assert str(pdf.Root.Lang) == "nl"
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    with pdf.open_metadata() as meta:
        assert meta["dc:title"] == "Gesprek over herstel – JR-2026-17"
        assert "pdfuaid" in str(meta)
    tags = []

    def walk(node):
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                tags.append(str(node.S))
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid)
            elif kids is not None:
                walk(kids)

    walk(pdf.Root.StructTreeRoot)
    for tag in ["/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI"]:
        assert tag in tags, f"{tag} missing from the structure tree"
    # Headings in reading order: the agreements come right after the summary.
    headings = [t for t in tags if re.fullmatch(r"/H\d", t)]
    assert headings[:2] == ["/H1", "/H2"]


def test_in_the_pdf_the_agreements_come_right_after_the_summary(client, gesprek_url):
    part = Onderdeel.objects.get(slug="zelfherstel")
    client.post(gesprek_url + "zelfherstel/", part_data(part, scores=[3]))
    client.post(
        gesprek_url + "afspraken/",
        {"onderdeel": part.id, "wat": "Oma bellen", "wie_rol": "jongere", "wanneer": "zondag"},
    )
    text = " ".join(
        " ".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(client.get(gesprek_url + "gesprek.pdf").content)).pages
        ).split()
    )
    assert (
        text.index("Samenvatting")
        < text.index("Oma bellen")
        < text.index("Ik snap hoe het zo ver kwam.")
    )


def test_one_order_of_the_parts_everywhere(client, gesprek_url):
    titles = list(Onderdeel.objects.values_list("titel", flat=True))
    assert titles[0] == "Over jou en herstel"  # the general part first

    def order_in(text):
        return sorted(titles, key=text.index)

    pages = {
        "/gesprekstool/": 'id="onderdelen"',
        gesprek_url: 'class="gt-parts"',
        gesprek_url + "resultaat/": 'id="samenvatting"',
        gesprek_url + "afdrukken/": "Samenvatting",
        "/gesprekstool/kaarten/zelfherstel/": "Andere onderdelen",
    }
    for path, marker in pages.items():
        page = client.get(path).content.decode()
        assert order_in(page.split(marker, 1)[1]) == titles, path
    pdf = PdfReader(io.BytesIO(client.get(gesprek_url + "gesprek.pdf").content))
    assert order_in(" ".join(p.extract_text() for p in pdf.pages)) == titles


def test_a_refused_agreement_keeps_what_was_typed_and_is_never_kept_for_the_next_page(
    client, gesprek_url
):
    # The empty new-agreement form is kept per content version; a refused one is not.
    part = Onderdeel.objects.get(slug="zelfherstel")
    client.get(gesprek_url + "resultaat/")
    response = client.post(
        gesprek_url + "afspraken/",
        {"onderdeel": part.id, "wat": "Oma <b>bellen</b>", "wie_rol": "", "wanneer": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "csrfmiddlewaretoken" in page
    assert "Kies wie het doet." in page and "Schrijf op wanneer het gebeurt." in page
    assert 'name="wat" value="Oma &lt;b&gt;bellen&lt;/b&gt;"' in page
    # The next visit shows an empty form again, and nothing was stored.
    page = client.get(gesprek_url + "resultaat/").content.decode()
    assert "Oma" not in page and "Schrijf op wanneer" not in page
    assert not part.afspraken.exists()


def test_a_refused_change_to_an_agreement_shows_its_error_beside_it(client, gesprek_url):
    part = Onderdeel.objects.get(slug="zelfherstel")
    fields = {"onderdeel": part.id, "wie_rol": "jongere", "wanneer": "zondag"}
    client.post(gesprek_url + "afspraken/", {**fields, "wat": "Oma bellen"})
    client.post(gesprek_url + "afspraken/", {**fields, "wat": "Sporten"})
    eerste, tweede = part.afspraken.order_by("id")
    p = f"a{tweede.id}"
    response = client.post(
        gesprek_url + f"afspraken/{tweede.id}/",
        {f"{p}-onderdeel": part.id, f"{p}-wat": "", f"{p}-wie_rol": "ouder", f"{p}-wanneer": "nu"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    # Only the refused agreement's form is open, with its error and what was typed.
    assert page.count("Schrijf op wat jullie gaan doen.") == 1
    assert page.count('<details class="gt-uitklap" open>') == 1
    assert f'name="{p}-wanneer" value="nu"' in page
    assert f'action="{gesprek_url}afspraken/{eerste.id}/"' in page
    # The other agreement's form holds its own part, role and texts.
    q = f"a{eerste.id}"
    assert f'name="{q}-wat" value="Oma bellen"' in page
    assert f'name="{q}-wanneer" value="zondag"' in page
    assert f'value="jongere" id="id_{q}-wie_rol_0" required checked>' in page
    assert page.count(f'<option value="{part.id}" selected>') == 2
    assert f'action="{gesprek_url}afspraken/{tweede.id}/weghalen/"' in page
    tweede.refresh_from_db()
    assert tweede.wat == "Sporten"
