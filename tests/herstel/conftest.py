import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The full seed content: pillars, knowledge items and all project records."""
    call_command("seed")


@pytest.fixture
def item(db, pijlers):
    from kennisplein.models import Item

    def make(slug, *, status="gepubliceerd", type="tool"):
        item = Item.objects.create(
            slug=slug,
            titel=slug.replace("-", " ").title(),
            samenvatting="Kort.",
            type=type,
            status=status,
        )
        item.pijlers.add(pijlers[0])
        return item

    return make
