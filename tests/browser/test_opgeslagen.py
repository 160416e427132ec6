"""Saved conversations in a real browser: log in, converse, come back a month later, follow up,
compare, export, delete; axe-core on every page on the way."""

import json
from datetime import timedelta
from pathlib import Path

import time_machine
from django.utils import timezone

from gesprekstool.models import Antwoord, Gesprek, Traject
from tests.browser.axe import assert_no_axe_violations
from tests.factories import OrganisatieFactory, ProfielFactory
from tests.gesprekstool.conftest import load_conversation_seed

PASSWORD = "een-lang-wachtwoord-voor-tests"


def seed_content():
    load_conversation_seed()


def log_in(page):
    page.goto(page.base_url + "/gesprekstool/")
    page.get_by_role("link", name="Inloggen").first.click()
    assert_no_axe_violations(page)
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/gesprekstool/mijn/")


def answer_first_part(page, *, step):
    """Open the first part, move every slider `step` steps to the right, save."""
    page.get_by_role("link", name="Over jou en herstel").click()
    page.wait_for_selector("input.gt-slider")
    sliders = page.locator("input.gt-slider")
    for index in range(sliders.count()):
        slider = sliders.nth(index)
        slider.focus()
        for _ in range(step):
            page.keyboard.press("ArrowRight")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Bewaar en bekijk de tips").click()
    page.wait_for_url("**/klaar/")


def test_professional_over_two_months(page, transactional_db):
    seed_content()
    ProfielFactory(
        gebruiker__username="anna",
        organisatie=OrganisatieFactory(naam="Jeugdreclassering Noord"),
    )
    start = timezone.now()

    log_in(page)
    assert_no_axe_violations(page)
    page.get_by_label("Trajectcode").fill("JR-2026-17")
    page.get_by_role("button", name="Begin het traject en het eerste gesprek").click()
    page.wait_for_selector("h1:has-text('Jullie gesprek')")
    assert_no_axe_violations(page)
    answer_first_part(page, step=1)
    page.get_by_role("link", name="Traject JR-2026-17").click()
    assert_no_axe_violations(page)

    # A month later: the session has expired, the conversation is still there.
    with time_machine.travel(start + timedelta(days=31), tick=True):
        page.goto(page.base_url + "/gesprekstool/mijn/")
        page.wait_for_url("**/account/inloggen/**")
        page.get_by_label("Gebruikersnaam").fill("anna")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url("**/gesprekstool/mijn/")
        page.get_by_role("link", name="JR-2026-17").click()
        page.get_by_role("button", name="Begin een vervolggesprek").click()
        page.wait_for_selector("text=Dit is een vervolggesprek")
        answer_first_part(page, step=4)
        page.get_by_role("link", name="Naar het resultaat").first.click()
        assert page.locator("th:has-text('Vorig gesprek')").count() == 1
        assert_no_axe_violations(page)

        # Compare the two conversations over time.
        page.get_by_role("link", name="Traject JR-2026-17").click()
        page.get_by_role("link", name="Vergelijk de gesprekken").click()
        assert page.locator("svg polyline").count() >= 1
        assert page.locator("table.gt-tabel").first.locator("tbody tr").count() == 5
        assert "hoger" in page.locator("section[aria-labelledby=veranderd]").inner_text()
        assert_no_axe_violations(page)

        # Export the follow-up as a gespreksbestand.
        traject = Traject.objects.get(trajectcode="JR-2026-17")
        tweede = traject.gesprekken.order_by("-aangemaakt").first()
        page.goto(page.base_url + f"/gesprekstool/gesprek/{tweede.uuid}/resultaat/")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download het gespreksbestand").click()
        body = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert body["gesprek"]["trajectcode"] == "JR-2026-17"
        assert {a["score"] for a in body["antwoorden"]} == {9}

        # The log shows what happened; then delete the whole trajectory.
        page.get_by_role("link", name="Naar het traject").click()
        log = page.locator("#toegangslog").inner_text()
        assert "vergeleken" in log and "geëxporteerd" in log and "aangemaakt" in log
        page.get_by_role("link", name="Wis het hele traject").click()
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Ja, wis het hele traject").click()
        page.wait_for_selector("text=en alle gesprekken erin zijn gewist")
        assert_no_axe_violations(page)

    assert not Traject.objects.exists()
    assert not Gesprek.objects.exists()
    assert not Antwoord.objects.exists()
