"""The editors' tools in a real browser: the reading-level hint follows the text while typing,
and the admin pages this adds pass axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from herstel.roles import ensure_editor_group
from kennisplein.models import Item
from tests.browser.axe import AXE_OPTIONS, assert_no_axe_violations
from tests.factories import UserFactory

PASSWORD = "een-lang-wachtwoord-voor-tests"
HARD = (
    "Door de jeugdreclasseringsmedewerker wordt in samenspraak met de betrokken ketenpartners "
    "een herstelgerichte interventie geïndiceerd, waarbij nadrukkelijk rekening gehouden wordt."
)


@pytest.fixture
def editor_page(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed")
    user = UserFactory(username="redacteur", is_staff=True)
    user.groups.add(ensure_editor_group())
    page.goto(page.base_url + "/beheer/login/")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/beheer/")
    return page


def test_the_hint_follows_the_summary_while_the_editor_types(editor_page):
    page = editor_page
    item = Item.objects.get(slug="excuusbrief-schrijven")
    page.goto(f"{page.base_url}/beheer/kennisplein/item/{item.pk}/change/")
    hint = page.locator("#id_samenvatting_leeshulp")
    page.get_by_label("Samenvatting").fill("Schrijf een korte brief. Zeg sorry.")
    page.wait_for_function(
        "() => document.querySelector('#id_samenvatting_leeshulp').textContent"
        ".includes('goed leesbaar')"
    )
    page.get_by_label("Samenvatting").fill(HARD)
    page.wait_for_function(
        "() => document.querySelector('#id_samenvatting_leeshulp').textContent"
        ".includes('te moeilijk')"
    )
    assert "Schrijf actief" in hint.text_content()
    # The item form itself is Django's; axe checks what this adds to it: the three hints.
    results = Axe().run(page, context=".leeshulp", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    "path",
    [
        "/beheer/herstel/leesniveau/",
        "/beheer/herstel/inhoudspakket/",
        "/beheer/herstel/linkprobleem/",
        "/beheer/herstel/toegankelijkheidsverklaring/add/",
    ],
)
def test_the_new_admin_pages_pass_axe(editor_page, path):
    editor_page.goto(editor_page.base_url + path)
    assert_no_axe_violations(editor_page)
