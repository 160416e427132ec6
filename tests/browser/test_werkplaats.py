"""A whole werkplaats session in real browsers: one facilitator screen and three phones (one of
them without JavaScript) play a set of three statements to the end."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.axe import assert_no_axe_violations
from werkplaats.models import Antwoord, SetStelling, Stellingenset

STELLINGEN = [
    "Het gezin houdt de regie.",
    "Een plan zonder netwerk is geen plan.",
    "Het wijkteam stelt geen norm.",
]
LIVE = 5_000  # ms: the pages poll every 1.5 s; leave room for a busy machine


@pytest.fixture
def stellingenset(transactional_db):
    stellingenset = Stellingenset.objects.create(
        slug="samenwerking",
        titel="Stellingen over samenwerking",
        inleiding="Waar zijn we het over eens?",
        gepubliceerd=True,
    )
    for number, tekst in enumerate(STELLINGEN, start=1):
        SetStelling.objects.create(set=stellingenset, tekst=tekst, volgorde=number)
    return stellingenset


def phone(browser, live_server, *, javascript=True):
    context = browser.new_context(
        locale="nl-NL",
        viewport={"width": 390, "height": 844},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    return page


def choose(page, label):
    page.locator(".wp-keuze", has_text=re.compile(f"^\\s*{label}\\s*$")).click()
    page.get_by_role("button", name=re.compile("(Bewaar|Verander) mijn antwoord")).click()


def test_a_whole_session_with_one_facilitator_and_three_phones(
    browser, page, live_server, stellingenset
):
    leider = page
    leider.set_viewport_size({"width": 1366, "height": 900})
    leider.goto(f"{live_server.url}/werkplaats/{stellingenset.slug}/")
    leider.get_by_label("Wijkteam").check()
    leider.get_by_label("Politie").check()
    leider.get_by_role("button", name="Start een sessie").click()
    code = leider.locator(".wp-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{3} [A-Z0-9]{4}", code)
    expect(leider.locator("#wp-stelling")).to_have_text(STELLINGEN[0])
    # The QR code is an image of its own: wait until the browser has it (fails if it never loads).
    leider.wait_for_function(
        "() => { const img = document.querySelector('img.wp-qr');"
        " return img.complete && img.naturalWidth > 100; }"
    )
    assert_no_axe_violations(leider)

    # Phone 1 types the code (in lower case), by keyboard; phone 2 scans the QR code (opens the
    # join address); phone 3 has JavaScript off.
    een = phone(browser, live_server)
    een.goto(f"{live_server.url}/doe-mee/")
    een.get_by_label("Code van de sessie").fill(code.lower())
    with een.expect_navigation():
        een.keyboard.press("Enter")
    assert_no_axe_violations(een)
    een.get_by_label("Wijkteam").check()
    een.get_by_role("button", name="Doe mee").click()
    expect(een.locator(".wp-stelling")).to_have_text(STELLINGEN[0])
    assert_no_axe_violations(een)

    twee = phone(browser, live_server)
    twee.goto(f"{live_server.url}/doe-mee/{code.replace(' ', '')}/")
    twee.get_by_label("Politie").check()
    twee.get_by_role("button", name="Doe mee").click()

    drie = phone(browser, live_server, javascript=False)
    drie.goto(f"{live_server.url}/doe-mee/?code={code.replace(' ', '')}")
    drie.get_by_role("button", name="Doe mee").click()
    expect(drie.locator(".wp-stelling")).to_have_text(STELLINGEN[0])

    # Statement 1. Phone 1 answers by keyboard and then changes its mind.
    een.get_by_label("Eens", exact=True).focus()
    een.keyboard.press("Space")
    een.keyboard.press("Tab")
    een.keyboard.press("Enter")
    expect(een.locator(".wp-status--bewaard")).to_contain_text("Jouw antwoord: Eens")
    choose(een, "Oneens")
    expect(een.locator(".wp-status--bewaard")).to_contain_text("Jouw antwoord: Oneens")
    assert_no_axe_violations(een)
    choose(twee, "Eens")
    choose(drie, "Oneens")
    expect(drie.locator(".wp-status--bewaard")).to_contain_text("Jouw antwoord: Oneens")

    # The facilitator's screen counts along without a reload; the result stays hidden.
    expect(leider.locator(".wp-teller")).to_contain_text("3 van 3", timeout=LIVE)
    expect(leider.locator(".wp-verborgen")).to_be_visible()
    leider.get_by_role("button", name="Toon de uitslag").click()
    table = leider.locator("table.wp-verdeling").first
    expect(table.locator("tbody td.num")).to_have_text(["1", "2", "0"])  # eens, oneens, weet niet
    groepen = leider.locator("table.wp-verdeling--groepen")
    expect(groepen.locator("tr", has_text="Wijkteam").locator("td")).to_have_text(
        ["0", "1", "0", "1"]
    )
    expect(groepen.locator("tr", has_text="Politie").locator("td")).to_have_text(
        ["1", "0", "0", "1"]
    )
    assert_no_axe_violations(leider)

    # Closing the statement locks the answers, also on a phone that shows the old form.
    leider.get_by_role("button", name="Sluit de stelling").click()
    expect(leider.locator(".wp-voortgang")).to_contain_text("gesloten")
    expect(een.locator(".wp-status")).to_contain_text("Deze stelling is gesloten", timeout=LIVE)
    drie.locator(".wp-keuze", has_text="Eens").first.click()
    drie.get_by_role("button", name="Verander mijn antwoord").click()
    expect(drie.locator(".alert")).to_contain_text("Deze stelling is gesloten")

    # Statements 2 and 3: the phones with JavaScript follow by themselves, the other reloads.
    for number in (1, 2):
        leider.get_by_role("button", name="Volgende stelling").click()
        expect(leider.locator("#wp-stelling")).to_have_text(STELLINGEN[number])
        for live_phone in (een, twee):
            expect(live_phone.locator(".wp-stelling")).to_have_text(
                STELLINGEN[number], timeout=LIVE
            )
        drie.get_by_role("link", name="Vernieuw").click()
        expect(drie.locator(".wp-stelling")).to_have_text(STELLINGEN[number])
        choose(een, "Eens")
        choose(twee, "Eens" if number == 1 else "Oneens")
        choose(drie, "Weet ik niet" if number == 1 else "Oneens")
        expect(leider.locator(".wp-teller")).to_contain_text("3 van 3", timeout=LIVE)
    expect(leider.get_by_role("button", name="Volgende stelling")).to_be_disabled()
    assert Antwoord.objects.count() == 9

    # The end: close the session; the phones hear it, the summary puts the most divided first.
    leider.locator("summary", has_text="Sessie afsluiten").click()
    leider.get_by_role("button", name="Sluit de sessie af").click()
    expect(leider.locator("h1")).to_have_text("Stellingen over samenwerking")
    numbers = leider.locator(".wp-samenvatting h2 .eyebrow").all_text_contents()
    # Statements 1 and 3: one against two (a tie, so in playing order); statement 2: everyone
    # who chose a side agreed.
    assert numbers == ["Stelling 1", "Stelling 3", "Stelling 2"]
    assert_no_axe_violations(leider)
    expect(een.locator("h2")).to_have_text("De sessie is afgelopen", timeout=LIVE)
    assert_no_axe_violations(een)

    with leider.expect_download() as download:
        leider.get_by_role("link", name="Download de uitslag als pdf").click()
    pdf = PdfReader(download.value.path())
    content = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert all(tekst in content for tekst in STELLINGEN)
    assert "Wijkteam" in content


def test_the_participant_page_fits_a_phone(browser, live_server, stellingenset):
    from werkplaats import services

    sessie, _ = services.sessie_start(stellingenset=stellingenset, achtergronden=["halt"])
    een = phone(browser, live_server)
    een.goto(f"{live_server.url}/doe-mee/{sessie.code}/")
    een.get_by_role("button", name="Doe mee").click()
    width = een.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"
    box = een.locator(".wp-keuze").first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # big enough to tap
    assert_no_axe_violations(een)
