import pytest
from django.core.management import call_command

from tests.browser.axe import assert_no_axe_violations


@pytest.fixture
def seeded(transactional_db):
    call_command("seed")


def tab_to(page, selector, limit=150):
    """Press Tab until the element matching selector has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} could not be reached by keyboard")


def test_search_filter_open_and_come_back_by_keyboard(page, seeded):
    page.goto(page.base_url + "/kennisplein/")
    tab_to(page, "#kp-q")
    page.keyboard.type("netwerk")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kennisplein/?q=netwerk**")
    assert "voor ‘netwerk’" in page.locator("#resultaten").inner_text()

    # Tick "Tool of werkvorm" and "Herstel met het netwerk" with the space bar, then apply.
    tab_to(page, "#f-type-tool")
    page.keyboard.press("Space")
    tab_to(page, "#f-pijler-herstel-met-het-netwerk")
    page.keyboard.press("Space")
    tab_to(page, ".kp-filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**pijler=herstel-met-het-netwerk**")
    url = page.url
    assert "type=tool" in url and "q=netwerk" in url
    first_title = page.locator(".kp-list .card__title a").first.inner_text()

    # Open the first result with the keyboard.
    tab_to(page, ".kp-list .card__title a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kennisplein/*/")
    assert page.locator("h1").inner_text() == first_title

    # Back: the same search, the same filters, the same results.
    page.go_back()
    page.wait_for_url(url)
    assert page.locator("#kp-q").input_value() == "netwerk"
    assert page.locator("#f-type-tool").is_checked()
    assert page.locator("#f-pijler-herstel-met-het-netwerk").is_checked()
    assert page.locator(".kp-list .card__title a").first.inner_text() == first_title


def test_filters_work_without_javascript(no_js_page, seeded):
    page = no_js_page
    page.goto(page.base_url + "/kennisplein/")
    page.check("#f-type-methode")
    page.click(".kp-filters button[type=submit]")
    page.wait_for_url("**type=methode**")
    eyebrows = page.locator(".kp-list .eyebrow").all_inner_texts()
    assert eyebrows and all(text.lower().startswith("methode") for text in eyebrows)


def test_spelling_suggestion_can_be_followed(page, seeded):
    page.goto(page.base_url + "/kennisplein/?q=keukentafeluitdgaing")
    page.get_by_role("link", name="keukentafeluitdaging").click()
    page.wait_for_url("**q=keukentafeluitdaging**")
    assert "De keukentafeluitdaging" in page.locator(".kp-list").inner_text()


def test_print_button_appears_with_javascript(page, seeded):
    page.goto(page.base_url + "/kennisplein/groeiplan/")
    assert page.get_by_role("button", name="Print deze pagina").is_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/kennisplein/",
        "/kennisplein/?q=netwerk&type=tool&pijler=herstel-met-het-netwerk",
        "/kennisplein/?q=xyzzyq&type=methode",
        "/kennisplein/signs-of-success/",
        "/kennisplein/signs-of-success-ankers/",
        "/kennisplein/factsheet-herstelgericht-werken/",
        "/kennisplein/symposium-op-weg-naar-succes-en-herstel/",
        "/pijlers/herstel-naar-het-slachtoffer/",
        "/kennisplein/?q=hoe+schrijf+je+een+excuusbrief+aan+het+slachtoffer",
    ],
)
def test_no_axe_violations_on_kennisplein_pages(page, seeded, path):
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)


PHONE = {"width": 390, "height": 844}


def _sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize(
    "path",
    [
        "/kennisplein/",
        "/kennisplein/?q=hoe+schrijf+je+een+excuusbrief+aan+het+slachtoffer",
        "/kennisplein/signs-of-success-ankers/",
        "/pijlers/herstel-naar-het-slachtoffer/",
        "/",
    ],
)
def test_on_a_phone_nothing_scrolls_sideways(page, seeded, path):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + path)
    assert _sideways_scroll(page) <= 0


def test_on_a_phone_the_first_result_comes_before_the_filters_without_javascript(
    browser, live_server, seeded
):
    context = browser.new_context(locale="nl-NL", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/kennisplein/?q=excuusbrief")
        assert _sideways_scroll(page) <= 0
        first_result = page.locator(".kp-list .card__title a").first
        assert first_result.bounding_box()["y"] < PHONE["height"]  # on the first screen
        assert not page.locator("#f-type-methode").is_visible()  # behind the disclosure
        page.locator("summary.kp-filters__toggle").click()
        page.check("#f-type-tool")
        page.click(".kp-filters button[type=submit]")
        page.wait_for_url("**type=tool**")
        assert "sort=" not in page.url  # empty fields left out of the address
        assert "Filters (1)" in page.locator(".kp-filters__toggle").inner_text()
        assert page.locator(".kp-list .card__title a").first.is_visible()
    finally:
        context.close()


def test_the_header_search_box_searches_the_kennisplein_from_any_page(page, seeded):
    page.goto(page.base_url + "/projecten/")
    page.get_by_label("Zoek op het kennisplein").fill("herstelbemiddeling")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kennisplein/?q=herstelbemiddeling")
    assert "Herstelbemiddeling met Perspectief" in page.locator(".kp-list").inner_text()
    assert page.locator(".kp-list mark").count() > 0


def test_no_axe_violations_on_a_phone(page, seeded):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/kennisplein/?q=brieven&type=tool")
    assert_no_axe_violations(page)
