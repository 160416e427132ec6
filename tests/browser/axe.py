"""Accessibility check: run axe-core (shipped inside axe-playwright-python) in the page."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


def assert_no_axe_violations(page):
    results = _axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, (
        f"axe-core found violations on {page.url}:\n{results.generate_report()}"
    )
