from django.core.management import BaseCommand, CommandError

from herstel.portability import ArchiveError, archive_export


class Command(BaseCommand):
    help = (
        "Schrijft alle inhoud (pijlers, kennisplein, gesprekstool-inhoud, projecten) met de "
        "bestanden naar een zip-archief, om in een andere website te importeren."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Waar het archief komt, bijv. inhoud.zip")

    def handle(self, *args, bestand, **options):
        try:
            manifest = archive_export(path=bestand)
        except (ArchiveError, OSError) as error:
            raise CommandError(f"Exporteren mislukt: {error}") from error
        total = sum(manifest["models"].values())
        for name in manifest["missing_media"]:
            self.stderr.write(f"Let op: bestand ontbreekt en zit niet in het archief: {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} records en {len(manifest['media'])} bestanden geschreven naar {bestand}."
            )
        )
