"""The relevance set of kennisplein/relevance.py against the seed content."""

import io

from django.core.management import call_command

from kennisplein.relevance import QUERIES, measure


def test_every_expected_item_is_in_the_top_three(seeded):
    assert len(QUERIES) >= 30
    missed = [(o.query, o.found[:3], o.expected) for o in measure() if not o.passed]
    assert missed == []


def test_the_command_prints_the_share_and_the_mrr(seeded):
    out = io.StringIO()
    call_command("kennisplein_relevantie", stdout=out)
    assert f"{len(QUERIES)} zoekvragen: 100% in de top 3, MRR" in out.getvalue()
