import pytest

from tests.browser.axe import assert_no_axe_violations


@pytest.fixture
def seeded(pijlers):
    return pijlers


def test_keyboard_only_from_home_to_a_pillar(page, seeded):
    page.goto(page.base_url + "/")
    # First Tab reaches the skip link, which jumps to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # Tab on until the link of the pillar "Herstel met het netwerk" has focus, then follow it.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Herstel met het netwerk":
            break
    else:
        pytest.fail("The pillar card could not be reached by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pijlers/herstel-met-het-netwerk/")
    assert page.locator("h1").inner_text() == "Herstel met het netwerk"


def test_focus_is_visible_on_links(page, seeded):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


@pytest.mark.parametrize("path", ["/", "/pijlers/", "/pijlers/zelfherstel/", "/over/", "/privacy/"])
def test_no_axe_violations(page, seeded, path):
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)


def test_home_works_on_a_tablet_in_portrait(context, page, seeded):
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(page.base_url + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow, "the page scrolls sideways on a tablet"
    assert page.locator(".pijler-card").count() == 4


def test_no_request_leaves_the_site(page, seeded):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(page.base_url + "/pijlers/zelfherstel/")
    page.wait_for_load_state("networkidle")
    assert hosts == {page.base_url.split("/")[2]}
