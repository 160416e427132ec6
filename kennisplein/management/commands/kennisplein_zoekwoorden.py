from django.core.management import BaseCommand

from kennisplein.models import Zoekwoord
from kennisplein.search import refresh_vocabulary


class Command(BaseCommand):
    help = "Bouwt de woordenlijst voor 'Bedoelde je …?' opnieuw op uit alle gepubliceerde items."

    def handle(self, *args, **options):
        refresh_vocabulary()
        self.stdout.write(self.style.SUCCESS(f"{Zoekwoord.objects.count()} zoekwoorden."))
