from django.core.management import BaseCommand, CommandError

from herstel.portability import ArchiveError, archive_import


class Command(BaseCommand):
    help = (
        "Laadt een archief van export_content in een lege database. Alles of niets: bij een "
        "fout blijft de database leeg."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Het archief, bijv. inhoud.zip")

    def handle(self, *args, bestand, **options):
        try:
            manifest = archive_import(path=bestand)
        except ArchiveError as error:
            raise CommandError(f"Importeren mislukt: {error}") from error
        total = sum(manifest["models"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} records en {len(manifest['media'])} bestanden geïmporteerd uit {bestand}."
            )
        )
