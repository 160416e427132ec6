"""An editor in the admin: a draft, its preview, a schedule, published by the clock alone, and
an earlier version restored from the history, with axe-core on the history pages we added."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from herstel.roles import ensure_editor_group
from kennisplein.models import Item
from tests.browser.axe import assert_no_axe_violations
from tests.factories import PijlerFactory, UserFactory

PASSWORD = "een-lang-wachtwoord-voor-tests"


@pytest.fixture
def editor(transactional_db):
    user = UserFactory(username="redacteur", is_staff=True)
    user.groups.add(ensure_editor_group())
    PijlerFactory(slug="zelfherstel", naam="Zelfherstel")
    return user


def log_in(page):
    page.goto(page.base_url + "/beheer/login/")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/beheer/")


def save(page):
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0, page.locator(".errorlist").all_inner_texts()


def test_draft_preview_schedule_publish_and_restore(page, browser, live_server, editor):
    log_in(page)
    # A draft.
    page.goto(page.base_url + "/beheer/kennisplein/item/add/")
    page.get_by_label("Titel:").fill("Herstelcirkel in de klas")
    page.get_by_label("Soort:").select_option("methode")
    page.get_by_label("Samenvatting:").fill("Een kring waarin iedereen zegt wat er gebeurde.")
    page.get_by_label("Inhoud:").fill("## Hoe\n\nZet de stoelen in een kring.")
    page.locator("#id_pijlers_from").select_option(label="Zelfherstel")
    page.get_by_role("button", name="Geselecteerde pijlers kiezen").click()
    save(page)
    item = Item.objects.get(slug="herstelcirkel-in-de-klas")
    assert not item.is_published

    visitor = browser.new_context(locale="nl-NL").new_page()
    url = live_server.url + item.get_absolute_url()
    assert visitor.goto(url).status == 404

    # The preview, for the editor only.
    page.goto(url)
    assert "Concept." in page.locator("main").inner_text()

    # Scheduled: published, but visible only from two minutes from now.
    page.goto(f"{page.base_url}/beheer/kennisplein/item/{item.pk}/change/")
    start = timezone.localtime() + dt.timedelta(minutes=2)
    page.get_by_label("Status:").select_option("gepubliceerd")
    page.locator("#id_zichtbaar_vanaf_0").fill(start.strftime("%d-%m-%Y"))
    page.locator("#id_zichtbaar_vanaf_1").fill(start.strftime("%H:%M:%S"))
    save(page)
    page.goto(page.base_url + "/beheer/kennisplein/item/")
    assert "Gepland vanaf" in page.locator("#result_list").inner_text()
    assert visitor.goto(url).status == 404

    # Published by the clock alone: nobody saves anything.
    with time_machine.travel(start + dt.timedelta(seconds=5)):
        assert visitor.goto(url).status == 200
        assert visitor.locator("h1").inner_text() == "Herstelcirkel in de klas"

        # A mistake, then the earlier version back from the history.
        page.goto(f"{page.base_url}/beheer/kennisplein/item/{item.pk}/change/")
        page.get_by_label("Titel:").fill("Een titel die niet klopt")
        save(page)
        page.get_by_role("link", name="Geschiedenis").click()
        page.wait_for_url("**/history/")
        assert page.locator("#change-history tbody tr").count() == 3
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Vergelijk de gekozen versies").click()
        page.wait_for_url("**/history/vergelijk/**")
        changed = page.locator(".vergelijking__anders").all_inner_texts()
        assert any("Een titel die niet klopt" in row for row in changed)
        assert_no_axe_violations(page)
        page.get_by_role("link", name="De oude versie bekijken en terugzetten").click()
        assert page.get_by_label("Titel:").input_value() == "Herstelcirkel in de klas"
        page.locator("input[name=_save]").first.click()
        page.wait_for_url("**/beheer/kennisplein/item/")
        item.refresh_from_db()
        assert item.titel == "Herstelcirkel in de klas"
        assert visitor.goto(url).status == 200
        assert visitor.locator("h1").inner_text() == "Herstelcirkel in de klas"
    visitor.context.close()
