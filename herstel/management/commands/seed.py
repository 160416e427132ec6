from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction

from kennisplein.models import Pijler

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def seed_fixture_files():
    """The seed content in load order: files are numbered (010_pijlers.yaml, 020_…)."""
    return sorted(FIXTURES_DIR.glob("*.yaml"))


class Command(BaseCommand):
    help = "Laadt de startinhoud in een lege database. Een gevulde database blijft zoals hij is."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Laad de inhoud ook als er al inhoud is."
        )

    def handle(self, *args, force=False, **options):
        if Pijler.objects.exists() and not force:
            self.stdout.write("De database heeft al inhoud; er is niets geladen.")
            return
        files = seed_fixture_files()
        with transaction.atomic():
            call_command("loaddata", *[str(path) for path in files], verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Startinhoud geladen uit {len(files)} bestanden."))
