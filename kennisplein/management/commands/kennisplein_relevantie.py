from django.core.management import BaseCommand

from kennisplein.relevance import TOP, measure, summary


class Command(BaseCommand):
    help = (
        "Meet hoe goed zoeken werkt: per zoekvraag uit kennisplein/relevance.py of de verwachte "
        "items in de top 3 staan, en de mean reciprocal rank (MRR)."
    )

    def handle(self, *args, **options):
        outcomes = measure()
        for outcome in outcomes:
            mark = "ok  " if outcome.passed else "MIS "
            self.stdout.write(f"{mark}{outcome.query!r}: {', '.join(outcome.found[:TOP])}")
        self.stdout.write(self.style.SUCCESS(summary(outcomes)))
