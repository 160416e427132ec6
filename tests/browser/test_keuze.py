"""Only what the young person chose is recorded, on a tablet and on a phone, with and without
JavaScript, by mouse, touch and keyboard; and a follow-up carries on from last time.

Sizes: a tablet in portrait (820×1180) and a phone (390×844, with touch).
"""

import io
import json

import pytest
from PIL import Image
from pypdf import PdfReader

from gesprekstool.models import Afspraak, Antwoord, Gesprek, Terugblik
from tests.browser.axe import assert_no_axe_violations
from tests.factories import OrganisatieFactory, ProfielFactory
from tests.gesprekstool.conftest import load_conversation_seed

SIZES = {
    "tablet": {"viewport": {"width": 820, "height": 1180}, "has_touch": True},
    "telefoon": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}


@pytest.fixture
def gt_seed(transactional_db):
    load_conversation_seed()


@pytest.fixture(params=list(SIZES))
def device(request, browser, live_server, transactional_db):
    """A page at the size of a tablet or a phone; `device.no_js` gives one without JavaScript."""

    class Device:
        name = request.param

        def page(self, javascript=True):
            context = browser.new_context(
                locale="nl-NL", java_script_enabled=javascript, **SIZES[request.param]
            )
            contexts.append(context)
            page = context.new_page()
            page.base_url = live_server.url
            page.set_default_timeout(10_000)
            return page

    contexts = []
    yield Device()
    for context in contexts:
        context.close()


def start_part(page, part="Ik zelf"):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name=part).click()


def ready(page):
    page.locator("html[data-gesprekstool=klaar]").wait_for(state="attached")


def statement(page, number):
    return page.locator(".gt-stelling").nth(number)


def saved_scores():
    return list(
        Antwoord.objects.order_by("stelling__volgorde").values_list("stelling__volgorde", "score")
    )


def wait_saved(page, number, text="Bewaard."):
    statement(page, number).locator(".gt-autosave").filter(has_text=text).wait_for()


def handle_pixels(slider):
    """How many pixels of the slider have the colour of the handle (#0b5d5b)."""
    image = Image.open(io.BytesIO(slider.screenshot())).convert("RGB")
    return sum(
        1
        for r, g, b in image.get_flattened_data()
        if abs(r - 0x0B) < 12 and abs(g - 0x5D) < 12 and abs(b - 0x5B) < 12
    )


def centre(locator):
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_clicking_and_tapping_the_middle_of_the_track_records_5(device, gt_seed):
    page = device.page()
    start_part(page)
    ready(page)
    first = statement(page, 0).locator("input.gt-slider")
    # Nothing chosen: no handle, and the words say so.
    assert first.get_attribute("data-leeg") is not None
    assert first.get_attribute("aria-valuetext") == "nog niet gekozen"
    assert handle_pixels(first) == 0
    # The track spans the width of the statement, also on a phone.
    track, box = first.bounding_box(), statement(page, 0).bounding_box()
    assert track["width"] > 0.8 * box["width"]
    assert_no_axe_violations(page)

    page.mouse.click(*centre(first))
    assert statement(page, 0).locator(".gt-schaal__waarde").inner_text() == "Gekozen: 5: half waar"
    assert first.get_attribute("aria-valuetext") == "5: half waar"
    assert first.get_attribute("data-leeg") is None
    assert handle_pixels(first) > 100
    wait_saved(page, 0)

    second = statement(page, 1).locator("input.gt-slider")
    page.touchscreen.tap(*centre(second))
    wait_saved(page, 1)
    assert saved_scores() == [(1, 5), (2, 5)]

    # A tap further along chooses that value.
    third = statement(page, 2).locator("input.gt-slider")
    third.scroll_into_view_if_needed()
    box = third.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] * 0.95, box["y"] + box["height"] / 2)
    wait_saved(page, 2)
    assert saved_scores()[-1] == (3, 10)

    # The untouched statements stay open when the part is saved.
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.wait_for_url("**/klaar/")
    assert "3 van de 8 stellingen zijn beantwoord" in page.content()
    assert saved_scores() == [(1, 5), (2, 5), (3, 10)]
    assert_no_axe_violations(page)


def test_without_javascript_an_untouched_statement_is_not_stored(device, gt_seed):
    page = device.page(javascript=False)
    start_part(page)
    assert page.locator("input.gt-slider").count() == 0
    first = statement(page, 0)
    assert first.get_by_label("Nog niet gekozen").is_checked()
    # (axe-core needs JavaScript: the same page is checked with it in the other tests.)
    first.get_by_text("7", exact=True).click()
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.wait_for_url("**/klaar/")
    assert "1 van de 8 stellingen zijn beantwoord" in page.content()
    assert saved_scores() == [(1, 7)]
    # Reopened: the choice is there, the rest still open; clearing it without JavaScript.
    page.go_back()
    page.reload()
    assert statement(page, 0).get_by_label("7: best waar").is_checked()
    assert statement(page, 1).get_by_label("Nog niet gekozen").is_checked()
    statement(page, 0).get_by_label("Nog niet gekozen").check()
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.wait_for_url("**/klaar/")
    assert saved_scores() == []


def test_keyboard_only_choice_and_clearing(device, gt_seed):
    page = device.page()
    start_part(page)
    ready(page)
    slider = statement(page, 0).locator("input.gt-slider")
    slider_id = slider.get_attribute("id")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == slider_id:
            break
    else:
        pytest.fail("the slider cannot be reached by keyboard")
    page.keyboard.press("Enter")  # the middle, chosen by keyboard
    assert slider.get_attribute("aria-valuetext") == "5: half waar"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert slider.get_attribute("aria-valuetext") == "7: best waar"
    wait_saved(page, 0)
    assert saved_scores() == [(1, 7)]
    # Clear with Delete on the slider …
    page.keyboard.press("Delete")
    assert slider.get_attribute("aria-valuetext") == "nog niet gekozen"
    wait_saved(page, 0, "Gewist.")
    assert saved_scores() == []
    # … or choose again and clear with the "Wis keuze" button, by keyboard.
    page.keyboard.press("End")
    wait_saved(page, 0)
    assert saved_scores() == [(1, 10)]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Wis keuze"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == slider_id
    wait_saved(page, 0, "Gewist.")
    assert saved_scores() == []
    assert_no_axe_violations(page)


def test_the_closing_check_stores_nothing_until_chosen(device, gt_seed):
    page = device.page()
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="Naar het resultaat en de afspraken").click()
    ready(page)
    check = page.locator("#afsluiting")
    assert check.locator("input.gt-slider").count() == 3
    assert_no_axe_violations(page)
    check.get_by_role("button", name="Bewaar").click()
    assert "Er is nog niets gekozen, dus er is niets bewaard." in page.content()
    gesprek = Gesprek.objects.get()
    assert not gesprek.heeft_afsluiting
    ready(page)
    middle = page.locator("#afsluiting input.gt-slider").nth(1)
    page.mouse.click(*centre(middle))
    page.locator("#afsluiting").get_by_role("button", name="Bewaar").click()
    page.wait_for_load_state()
    gesprek.refresh_from_db()
    assert (gesprek.check_gehoord, gesprek.check_belangrijk, gesprek.check_manier) == (
        None,
        5,
        None,
    )


def test_pictograms_in_one_row_from_320_px(browser, live_server, gt_seed):
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.base_url = live_server.url
    start_part(page)
    page.get_by_role("button", name="Kies vijf keuzes (eenvoudige stand)").click()
    tops = (
        page.locator(".gt-stelling")
        .first.locator(".gt-keuze")
        .evaluate_all("els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    )
    assert len(tops) == 5 and len(set(tops)) == 1
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    ready(page)
    page.locator(".gt-stelling").first.get_by_text("Best waar").click()
    wait_saved(page, 0)
    page.locator(".gt-stelling").first.get_by_role("button", name="Wis keuze").click()
    wait_saved(page, 0, "Gewist.")
    assert saved_scores() == []
    assert_no_axe_violations(page)
    context.close()


@pytest.mark.parametrize("width", [390, 820, 1366])
def test_the_start_page_cards_hold_their_text(browser, live_server, gt_seed, width):
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/gesprekstool/")
    overflow = page.locator(".gt-start-parts > li").evaluate_all(
        """cards => cards.flatMap(card => {
             const box = card.getBoundingClientRect();
             const spills = [...card.querySelectorAll('h3, p, a, img')].filter(el => {
               const r = el.getBoundingClientRect();
               return r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1;
             }).map(el => el.textContent.trim().slice(0, 30));
             const narrow = card.querySelector('p').getBoundingClientRect().width < 150;
             const cramped = card.scrollWidth > card.clientWidth || narrow;
             return cramped ? ['too narrow', ...spills] : spills;
           })"""
    )
    assert overflow == []
    assert_no_axe_violations(page)
    context.close()


def answer_and_agree(page):
    """A first conversation: two statements chosen, the first marked, one agreement."""
    start_part(page)
    ready(page)
    first = statement(page, 0)
    page.mouse.click(*centre(first.locator("input.gt-slider")))
    first.get_by_text("Hier wil ik over praten").click()
    second = statement(page, 1).locator("input.gt-slider")
    second.focus()
    page.keyboard.press("End")
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.get_by_role("link", name="Naar het resultaat en de afspraken").click()
    form = page.locator(".gt-afspraak-form")
    form.get_by_label("Bij welk onderdeel").select_option(label="Ik zelf")
    form.get_by_label("Wat gaan we doen?").fill("Elke dag een half uur lezen")
    form.get_by_label("de jongere").check()
    form.get_by_label("Wanneer?").fill("deze week")
    form.get_by_role("button", name="Afspraak bewaren").click()
    assert "Elke dag een half uur lezen" in page.locator("#afspraken").inner_text()


def review_and_check(page):
    """On a follow-up's first page: last time's agreement and mark; review it; see it
    everywhere it must be."""
    page.wait_for_url("**/terugblik/")
    assert_no_axe_violations(page)
    marks = page.locator("section[aria-labelledby=vorige-bespreken]").inner_text()
    assert "Ik snap hoe het zo ver kwam." in marks
    review = page.locator("fieldset.gt-terugblik").first
    assert "Elke dag een half uur lezen" in review.inner_text()
    assert review.get_by_label("Nog niet besproken").is_checked()
    review.get_by_label("deels gedaan").check()
    review.get_by_label("Korte notitie").fill("Drie dagen gelukt.")
    page.get_by_role("button", name="Bewaar de terugblik").click()
    assert list(Terugblik.objects.values_list("status", "notitie")) == [
        ("deels", "Drie dagen gelukt.")
    ]
    # Answering: last time's score beside the statement.
    page.get_by_role("link", name="Ik zelf").click()
    assert (
        "Vorige keer: 5: half waar · toen wilde je hierover praten"
        in statement(page, 0).inner_text()
    )
    assert "Vorige keer: 10: helemaal waar" in statement(page, 1).inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Verberg de vorige antwoorden").click()
    assert page.locator(".gt-vorige").count() == 0
    page.get_by_role("link", name="Naar het overzicht van jullie gesprek").click()
    page.get_by_role("link", name="Naar het resultaat en de afspraken").click()
    assert "Drie dagen gelukt." in page.locator("#terugblik").inner_text()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de PDF").click()
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages).split()
    )
    assert "Terugblik op vorige keer" in text and "Drie dagen gelukt." in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het gespreksbestand").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["terugblik"][0]["status"] == "deels"


def test_a_follow_up_from_a_file_carries_on(device, gt_seed):
    page = device.page()
    answer_and_agree(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het gespreksbestand").click()
    saved = download.value.path()
    page.goto(page.base_url + "/gesprekstool/bestand-openen/")
    page.get_by_label("Gespreksbestand").set_input_files(saved)
    page.get_by_label("Een nieuw vervolggesprek beginnen").check()
    page.get_by_role("button", name="Open het gesprek").click()
    review_and_check(page)


def test_a_follow_up_in_a_saved_trajectory_carries_on(browser, live_server, gt_seed):
    context = browser.new_context(locale="nl-NL", **SIZES["tablet"])
    page = context.new_page()
    page.base_url = live_server.url
    ProfielFactory(
        gebruiker__username="anna", organisatie=OrganisatieFactory(naam="Jeugdreclassering")
    )
    page.goto(page.base_url + "/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-voor-tests")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/gesprekstool/mijn/")
    page.get_by_label("Trajectcode").fill("JR-2026-17")
    page.get_by_role("button", name="Begin het traject en het eerste gesprek").click()
    page.get_by_role("link", name="Ik zelf").click()
    ready(page)
    page.mouse.click(*centre(statement(page, 0).locator("input.gt-slider")))
    statement(page, 0).get_by_text("Hier wil ik over praten").click()
    statement(page, 1).locator("input.gt-slider").focus()
    page.keyboard.press("End")
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.get_by_role("link", name="Naar het resultaat en de afspraken").click()
    form = page.locator(".gt-afspraak-form")
    form.get_by_label("Bij welk onderdeel").select_option(label="Ik zelf")
    form.get_by_label("Wat gaan we doen?").fill("Elke dag een half uur lezen")
    form.get_by_label("de jongere").check()
    form.get_by_label("Wanneer?").fill("deze week")
    form.get_by_role("button", name="Afspraak bewaren").click()
    page.get_by_role("link", name="Naar het traject").click()
    page.get_by_role("button", name="Begin een vervolggesprek").click()
    review_and_check(page)
    assert Afspraak.objects.count() == 1 and Gesprek.objects.count() == 2
    context.close()
