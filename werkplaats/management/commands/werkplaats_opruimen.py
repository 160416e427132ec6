from django.core.management import BaseCommand

from werkplaats.services import sessies_opruimen


class Command(BaseCommand):
    help = (
        "Verwijdert werkplaatssessies (met hun deelnemers en antwoorden) die ouder zijn dan 30 "
        "dagen. Veilig om vaak te draaien, bijvoorbeeld elk kwartier vanuit cron."
    )

    def handle(self, *args, **options):
        count = sessies_opruimen()
        self.stdout.write(f"{count} verlopen sessie(s) verwijderd.")
