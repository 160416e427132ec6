"""The conversation tool in a real browser: keyboard only, without JavaScript, simple mode, axe."""

import io
import json

import pytest
from django.test import RequestFactory
from pypdf import PdfReader

from gesprekstool.models import Antwoord, Gesprek, Onderdeel
from gesprekstool.views import GESPREK_WEG, gesprek_weg
from tests.browser.axe import assert_no_axe_violations
from tests.gesprekstool.conftest import load_conversation_seed


@pytest.fixture
def gt_seed(transactional_db):
    load_conversation_seed()


def active(page, expression):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def tab_to(page, expression, limit=120, key="Tab"):
    """Press Tab until the focused element matches the JS expression (in terms of `el`)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if active(page, f"!!el && ({expression})"):
            return
    pytest.fail(f"Could not reach by keyboard: {expression}")


def text_is(text):
    return f"el.textContent.trim().startsWith({json.dumps(text)})"


def id_is(element_id):
    return f"el.id === {json.dumps(element_id)}"


def submit(page):
    """Press Enter on the focused link, button or field and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose_by_keyboard(page, group_id, value, *, javascript):
    """Choose a value on a scale by keyboard: on the slider with JavaScript, else in the group
    of radio buttons, which starts at "nog niet gekozen" (one arrow press before 0)."""
    if javascript:
        tab_to(page, id_is(group_id + "-schuif"))
        for _ in range(abs(value - 5)):
            page.keyboard.press("ArrowLeft" if value < 5 else "ArrowRight")
        if value == 5:
            page.keyboard.press("Enter")
    else:
        tab_to(page, f"el.closest('#{group_id}') && el.type === 'radio'")
        for _ in range(value + 1):
            page.keyboard.press("ArrowRight")


def answer_part_by_keyboard(page, *, check_axe, javascript):
    """Choose 4, 3, 2, 1, 4, … on the statements of the part, mark the first one, then save."""
    groups = page.locator("fieldset.gt-schaal").evaluate_all("els => els.map(e => e.id)")
    for index, group in enumerate(groups):
        choose_by_keyboard(page, group, 4 - index % 4, javascript=javascript)
        if index == 0:
            tab_to(page, "el.name && el.name.endsWith('-bespreken')")
            page.keyboard.press("Space")
    if check_axe:
        assert_no_axe_violations(page)
    tab_to(page, text_is("Bewaar en bekijk de tips"))
    submit(page)


def run_whole_conversation(page, *, check_axe, javascript=True):
    page.goto(page.base_url + "/gesprekstool/")
    if check_axe:
        assert_no_axe_violations(page)
    tab_to(page, text_is("Start een gesprek"))
    submit(page)
    if check_axe:
        assert_no_axe_violations(page)

    # Trajectcode in the settings, by keyboard.
    tab_to(page, id_is("id_trajectcode"))
    page.keyboard.type("JR-2026-17")
    submit(page)

    tab_to(page, text_is("Over jou en herstel"))
    submit(page)
    for number in range(5):
        answer_part_by_keyboard(page, check_axe=check_axe and number == 0, javascript=javascript)
        if check_axe and number == 0:
            assert_no_axe_violations(page)
        if number < 4:
            tab_to(page, text_is("Volgend onderdeel"))
            submit(page)
    tab_to(page, text_is("Naar het resultaat en de afspraken"))
    submit(page)

    # An agreement: choose the part with the arrow keys, type the rest.
    tab_to(page, id_is("id_onderdeel"))
    page.keyboard.press("ArrowDown")
    tab_to(page, id_is("id_wat"))
    page.keyboard.type("Samen met oma koken")
    tab_to(page, "el.name === 'wie_rol'")
    for _ in range(4):  # from "de jongere" down to "anders"
        page.keyboard.press("ArrowDown")
    tab_to(page, id_is("id_wie"))
    page.keyboard.type("ik en oma")
    tab_to(page, id_is("id_wanneer"))
    page.keyboard.type("zondag")
    submit(page)
    assert "Samen met oma koken" in page.locator("#afspraken").inner_text()

    # Closing check: three scales.
    for name, value in [
        ("id_check_gehoord", 8),
        ("id_check_belangrijk", 7),
        ("id_check_manier", 9),
    ]:
        choose_by_keyboard(page, name, value, javascript=javascript)
    tab_to(page, "el.type === 'submit' && el.closest('#afsluiting')")
    submit(page)
    if check_axe:
        assert_no_axe_violations(page)

    # Take-aways: the PDF and the gespreksbestand, by keyboard.
    tab_to(page, text_is("Download de PDF"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    pdf = PdfReader(download.value.path())
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "JR-2026-17" in text and "Samen met oma koken" in text and "8 van 10" in text
    tab_to(page, text_is("Download het gespreksbestand"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    with open(download.value.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert len(data["antwoorden"]) == 38
    return data


def assert_saved_conversation():
    gesprek = Gesprek.objects.get()
    assert gesprek.trajectcode == "JR-2026-17"
    assert Antwoord.objects.filter(gesprek=gesprek).count() == 38
    # Every part's first statement got 4, the second 3, …
    for part in Onderdeel.objects.all():
        scores = list(
            Antwoord.objects.filter(stelling__onderdeel=part)
            .order_by("stelling__volgorde")
            .values_list("score", flat=True)
        )
        assert scores[:4] == [4, 3, 2, 1]
    assert Antwoord.objects.filter(bespreken=True).count() == 5
    assert (gesprek.check_gehoord, gesprek.check_belangrijk, gesprek.check_manier) == (8, 7, 9)
    assert gesprek.afspraken.get().wie == "ik en oma"


def test_whole_conversation_by_keyboard_only(page, gt_seed):
    run_whole_conversation(page, check_axe=True)
    assert_saved_conversation()


def test_whole_conversation_without_javascript(no_js_page, gt_seed):
    run_whole_conversation(no_js_page, check_axe=False, javascript=False)
    assert_saved_conversation()
    assert no_js_page.locator(".gt-voorlezen").count() == 0


def test_simple_mode_with_pictograms(page, gt_seed):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="Ik zelf").click()
    page.get_by_role("button", name="Kies vijf keuzes (eenvoudige stand)").click()
    assert page.locator("input[type=range]").count() == 0
    assert_no_axe_violations(page)
    # Keyboard: Tab into the first group, arrow keys move between pictograms.
    tab_to(page, "el.type === 'radio'")
    page.keyboard.press("ArrowRight")  # the first arrow press selects the second pictogram
    page.keyboard.press("ArrowRight")
    # Touch / mouse: tap a pictogram of the second statement.
    page.locator(".gt-stelling").nth(1).locator(".gt-keuze").nth(4).click()  # helemaal waar
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.wait_for_url("**/klaar/")
    scores = list(Antwoord.objects.order_by("stelling__volgorde").values_list("score", flat=True))
    assert scores == [5, 10]  # the other six statements stay open


def test_slider_value_is_announced_in_words_while_sliding(page, gt_seed):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="De ander").click()
    page.locator("html[data-gesprekstool=klaar]").wait_for(state="attached")
    slider = page.locator("input.gt-slider").first
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert slider.get_attribute("aria-valuetext") == "7: best waar"
    status = page.locator(".gt-stelling").first.locator(".gt-schaal__waarde")
    assert status.inner_text() == "Gekozen: 7: best waar"
    assert status.get_attribute("aria-live") == "polite"


def test_read_aloud_uses_the_browsers_own_speech(page, gt_seed):
    page.add_init_script(
        """
        window.__spoken = [];
        if (window.speechSynthesis) {
          window.speechSynthesis.speak = (u) => window.__spoken.push([u.text, u.lang]);
        }
        """
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="Mensen om mij heen").click()
    page.locator("html[data-gesprekstool=klaar]").wait_for(state="attached")
    if not page.evaluate("'speechSynthesis' in window"):
        pytest.skip("this Chromium has no speechSynthesis")
    page.wait_for_load_state("networkidle")
    count = len(requests)
    page.locator(".gt-stelling .gt-voorlezen").nth(1).click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__spoken") == [["Er is iemand bij wie ik terecht kan.", "nl-NL"]]
    # The introduction for the young person can be read aloud, too.
    page.locator("header .gt-voorlezen").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__spoken")[-1][0].startswith("Dit deel gaat over de mensen")
    assert len(requests) == count, "reading aloud must not send anything"


@pytest.mark.parametrize(
    "path",
    [
        "/gesprekstool/bestand-openen/",
        "/gesprekstool/kaarten/herstel-naar-de-maatschappij/",
        "/gesprekstool/gesprek/00000000-0000-4000-8000-000000000000/",
    ],
)
def test_no_axe_violations_on_other_pages(page, gt_seed, path):
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)


def test_axe_on_print_view_close_page_and_follow_up(page, gt_seed, tmp_path):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="Ik zelf").click()
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.get_by_role("link", name="Naar het resultaat en de afspraken").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het gespreksbestand").click()
    saved = download.value.path()
    page.get_by_role("link", name="Afdrukversie").click()
    assert_no_axe_violations(page)
    page.go_back()
    page.get_by_role("link", name="Gesprek afsluiten en wissen").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, sluit af en wis alles").click()
    assert "afgesloten en gewist" in page.content()
    assert not Gesprek.objects.exists()
    # Later: open the file as a follow-up and see both conversations side by side.
    page.goto(page.base_url + "/gesprekstool/bestand-openen/")
    page.get_by_label("Gespreksbestand").set_input_files(saved)
    page.get_by_label("Een nieuw vervolggesprek beginnen").check()
    page.get_by_role("button", name="Open het gesprek").click()
    page.get_by_role("link", name="Naar het resultaat en de afspraken").click()
    assert "Vorig gesprek" in page.locator("table.gt-tabel").inner_text()
    assert_no_axe_violations(page)
    # A wrong file gets a clear message on the same page.
    bad = tmp_path / "foto.json"
    bad.write_bytes(b"\x89PNG")
    page.goto(page.base_url + "/gesprekstool/bestand-openen/")
    page.get_by_label("Gespreksbestand").set_input_files(str(bad))
    page.get_by_role("button", name="Open het gesprek").click()
    assert "Dit is geen gespreksbestand" in page.content()
    assert_no_axe_violations(page)


def test_part_page_fits_a_tablet_in_portrait(page, gt_seed):
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="De buurt en de wereld").click()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_pdf_is_fetched_without_leaving_the_site(page, gt_seed):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="Naar het resultaat en de afspraken").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de PDF").click()
    with open(download.value.path(), "rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF")
    assert "Gesprek over herstel" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_each_statement_is_saved_as_soon_as_it_changes(page, gt_seed):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="De buurt en de wereld").click()
    page.locator("html[data-gesprekstool=klaar]").wait_for(state="attached")
    second = page.locator(".gt-stelling").nth(1)
    slider = second.locator("input.gt-slider")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    second.get_by_text("Hier wil ik over praten").click()
    second.locator(".gt-autosave").filter(has_text="Bewaard.").wait_for()
    # Only that statement is saved; nothing else was touched and no page was submitted.
    assert list(Antwoord.objects.values_list("score", "bespreken")) == [(8, True)]
    assert page.url.endswith("/herstel-naar-de-maatschappij/")
    # Leaving now and coming back: the answer is still there.
    page.reload()
    assert page.locator(".gt-stelling").nth(1).locator("input.gt-slider").input_value() == "8"


def test_error_messages_on_a_part_are_accessible(page, gt_seed):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="Ik zelf").click()
    page.locator("html[data-gesprekstool=klaar]").wait_for(state="attached")
    # A curious user edits the page: a word instead of a number, and a very long note.
    page.evaluate(
        """() => {
          const radio = document.querySelector('.gt-schaal input[type=radio][value="7"]');
          radio.value = 'heel veel';
          radio.checked = true;
          const note = document.querySelectorAll('textarea')[1];
          note.removeAttribute('maxlength');
          note.value = 'x'.repeat(1200);
          note.dispatchEvent(new Event('input', {bubbles: true}));
        }"""
    )
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    assert "Kies een getal van 0 tot en met 10." in page.content()
    assert "hooguit 1000 tekens" in page.content()
    assert not Antwoord.objects.exists()
    assert_no_axe_violations(page)


def test_untouched_statements_stay_open_with_javascript(page, gt_seed):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="Ik zelf").click()
    page.locator("html[data-gesprekstool=klaar]").wait_for(state="attached")
    first = page.locator("input.gt-slider").first
    assert first.get_attribute("aria-valuetext") == "nog niet gekozen"
    third = page.locator("input.gt-slider").nth(2)
    third.focus()
    page.keyboard.press("ArrowRight")
    page.locator(".gt-stelling").nth(4).get_by_text("Weet ik niet / sla over").click()
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.wait_for_url("**/klaar/")
    assert "2 van de 8 stellingen zijn beantwoord" in page.content()
    saved = list(Antwoord.objects.order_by("stelling__volgorde").values_list("score", "weet_niet"))
    assert saved == [(6, False), (None, True)]
    # Reopened: the saved ones show their answer, the others are still open.
    page.go_back()
    page.reload()
    page.locator("html[data-gesprekstool=klaar]").wait_for(state="attached")
    assert (
        page.locator("input.gt-slider").nth(2).get_attribute("aria-valuetext")
        == "6: een beetje waar"
    )
    assert (
        page.locator("input.gt-slider").first.get_attribute("aria-valuetext") == "nog niet gekozen"
    )


def test_autosave_says_so_when_the_conversation_was_closed_in_another_tab(page, gt_seed):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("button", name="Start een gesprek").click()
    page.get_by_role("link", name="Ik zelf").click()
    Gesprek.objects.all().delete()  # "Gesprek afsluiten" in another tab
    groups = page.locator("fieldset.gt-schaal").evaluate_all("els => els.map(e => e.id)")
    choose_by_keyboard(page, groups[0], 3, javascript=True)
    page.get_by_text("Niet bewaard: dit gesprek is afgesloten of gewist.").wait_for()
    assert not Antwoord.objects.exists()
    assert_no_axe_violations(page)


def test_the_page_for_a_conversation_deleted_during_a_change(page, gt_seed):
    """The 410 page a change gets when the conversation was just deleted (see test_races)."""
    response = gesprek_weg(RequestFactory().post("/"))
    assert response.status_code == 410
    page.goto(page.base_url + "/gesprekstool/")
    page.set_content(response.content.decode())
    assert GESPREK_WEG in page.locator("main").inner_text()
    assert_no_axe_violations(page)
