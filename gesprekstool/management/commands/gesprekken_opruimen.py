from django.core.management import BaseCommand

from gesprekstool.services import gesprekken_opruimen


class Command(BaseCommand):
    help = (
        "Verwijdert anonieme gesprekken die 24 uur niet zijn veranderd. Veilig om vaak te "
        "draaien, bijvoorbeeld elk kwartier vanuit cron."
    )

    def handle(self, *args, **options):
        count = gesprekken_opruimen()
        self.stdout.write(f"{count} verlopen gesprek(ken) verwijderd.")
