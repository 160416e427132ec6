from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction

from herstel.models import SeedFile
from kennisplein.models import Pijler

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def seed_fixture_files():
    """The seed content in load order: files are numbered (010_pijlers.yaml, 020_…)."""
    return sorted(FIXTURES_DIR.glob("*.yaml"))


class Command(BaseCommand):
    help = (
        "Laadt de startinhoud: elk bestand in fixtures/ dat nog niet geladen is. "
        "Wat al geladen is, blijft zoals het is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Laad alle bestanden opnieuw (overschrijft wijzigingen in die inhoud).",
        )

    def handle(self, *args, force=False, **options):
        loaded = set() if force else set(SeedFile.objects.values_list("name", flat=True))
        if not force and not loaded and Pijler.objects.exists():
            # Content that did not come from these files, e.g. imported with import_content.
            self.stdout.write(
                "De database heeft al inhoud die niet uit de startbestanden komt; er is niets "
                "geladen. Gebruik --force om de startinhoud toch te laden."
            )
            return
        files = [path for path in seed_fixture_files() if path.name not in loaded]
        if not files:
            self.stdout.write("Alle startinhoud is al geladen; er is niets veranderd.")
            return
        with transaction.atomic():
            call_command("loaddata", *[str(path) for path in files], verbosity=0)
            for path in files:
                SeedFile.objects.get_or_create(name=path.name)
        self.stdout.write(self.style.SUCCESS(f"Startinhoud geladen uit {len(files)} bestanden."))
