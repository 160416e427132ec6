"""The one stylesheet: each app's section must apply on screen, not only inside an @media block.

Merging appended sections once left a `@media print {` open, which silently turned every
rule after it into print-only rules. CSS allows an unclosed block at the end of a file, so
only a structural check catches it.
"""

import tinycss2
from django.conf import settings

STYLESHEET = settings.BASE_DIR / "static" / "css" / "site.css"


def top_level_selectors():
    rules = tinycss2.parse_stylesheet(
        STYLESHEET.read_text(), skip_comments=True, skip_whitespace=True
    )
    return [
        tinycss2.serialize(rule.prelude).strip() for rule in rules if rule.type == "qualified-rule"
    ]


def test_the_stylesheet_parses_without_errors():
    rules = tinycss2.parse_stylesheet(STYLESHEET.read_text(), skip_comments=True)
    errors = [rule for rule in rules if rule.type == "error"]
    assert not errors, errors


def test_every_section_applies_on_screen():
    selectors = " ".join(top_level_selectors())
    for prefix in [".site-header", ".pijler-card", ".gt-", ".kp-", ".project", ".bereik"]:
        assert prefix in selectors, f"no top-level rule for {prefix}: is an @media block unclosed?"


def test_every_block_is_closed():
    text = STYLESHEET.read_text()
    assert text.count("{") == text.count("}")
