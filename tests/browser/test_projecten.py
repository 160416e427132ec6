import pytest
from django.core.management import call_command

from tests.browser.axe import assert_no_axe_violations


@pytest.fixture
def seeded(transactional_db):
    call_command("seed")


def test_find_a_swing_project_by_filter_open_it_and_follow_a_deliverable(page, seeded):
    page.goto(page.base_url + "/projecten/")
    page.get_by_label("Programma", exact=True).select_option("swing")
    page.get_by_label("Bouwsteen").select_option("nieuwe-methoden")
    page.get_by_role("button", name="Toon projecten").click()
    page.wait_for_url("**/projecten/?*bouwsteen=nieuwe-methoden*")
    assert page.locator(".project-results__count").inner_text() == "2 projecten"
    page.get_by_role("link", name="Signs of Success", exact=True).click()
    page.wait_for_url("**/projecten/signs-of-success/")
    assert page.locator("h1").inner_text() == "Signs of Success"
    page.get_by_role("link", name="Klaar mee?!").click()
    page.wait_for_url("**/kennisplein/klaar-mee/")
    assert page.locator("h1").inner_text() == "Klaar mee?!"


def test_filters_work_without_javascript(no_js_page, seeded):
    page = no_js_page
    page.goto(page.base_url + "/projecten/")
    page.get_by_label("Regio").select_option("limburg")
    page.get_by_role("button", name="Toon projecten").click()
    page.wait_for_url("**regio=limburg**")
    titles = page.locator(".project-card .card__title").all_inner_texts()
    assert titles == [
        "Kleinschalige voorzieningen: transitie van de justitiële jeugdzorg naar de gemeenten",
        "Pilot Safe Path Jeugdzorg",
    ]


def test_reach_table_opens_by_keyboard(page, seeded):
    page.goto(page.base_url + "/projecten/signs-of-success/")
    table = page.locator(".bereik__table")
    assert not table.is_visible()
    page.locator(".bereik__details summary").focus()
    page.keyboard.press("Enter")
    assert table.is_visible()
    assert "80" in table.inner_text()


@pytest.mark.parametrize(
    "path",
    [
        "/projecten/",
        "/projecten/?regio=atlantis",
        "/projecten/de-stem-van-de-client/",
        "/projecten/werkplaats-jr-2-0/",
        "/projecten/kleinschalige-voorzieningen/",
        "/projecten/programmas/swing/",
        "/projecten/symposia/op-weg-naar-succes-en-herstel/",
        "/over/",
    ],
)
def test_no_axe_violations(page, seeded, path):
    page.goto(page.base_url + path)
    page.locator("details").evaluate_all("els => els.forEach(e => e.open = true)")
    assert_no_axe_violations(page)


def test_project_page_fits_a_tablet_in_portrait(page, seeded):
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(page.base_url + "/projecten/de-stem-van-de-client/")
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
