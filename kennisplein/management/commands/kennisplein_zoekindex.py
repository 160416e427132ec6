from django.core.management import BaseCommand

from kennisplein.indexing import rebuild
from kennisplein.models import Zoekwoord


class Command(BaseCommand):
    help = (
        "Bereidt de zoekteksten van alle kennisitems opnieuw voor en telt de woordenlijst "
        "opnieuw. Nodig na wijzigingen buiten de admin om (bulk-updates) of aan search.py."
    )

    def handle(self, *args, **options):
        rebuild(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Klaar: {Zoekwoord.objects.count()} zoekwoorden."))
