"""Browser tests: Playwright drives Debian's Chromium against a live test server.

Chromium is never downloaded here; without /usr/bin/chromium these tests skip loudly
(.ci/run installs it, so in CI they always run).
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(
            f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}. "
            "Install it with: apt-get install -y chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1024, "height": 768})
    yield context
    context.close()


@pytest.fixture
def page(context, live_server, transactional_db):
    page = context.new_page()
    page.base_url = live_server.url
    page.set_default_timeout(10_000)
    yield page
    page.close()


@pytest.fixture
def no_js_page(browser, live_server, transactional_db):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    page.set_default_timeout(10_000)
    yield page
    context.close()
