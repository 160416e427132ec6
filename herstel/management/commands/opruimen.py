"""`manage.py opruimen`: the site's clean-up, for cron (every 15 minutes, say).

Deletes what has outlived its time: anonymous and saved conversations past their retention (the
conversation tool's own clean-up, gesprekstool.services.gesprekken_opruimen), werkplaats sessions
older than 30 days (werkplaats.services.sessies_opruimen), expired sessions
(Django's clearsessions) and failed logins older than the lockout period (django-axes). Running it
again deletes nothing new. A run that starts while another is busy (a slow run, or two servers
with the same crontab) skips itself instead of deleting the same rows at the same time.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction
from django.utils import timezone

from gesprekstool.services import gesprekken_opruimen
from herstel.locks import only_one_run
from werkplaats.services import sessies_opruimen

LOCK_KEY = 20_261_201  # arbitrary; linkcontrole uses 20_261_202


class Command(BaseCommand):
    help = (
        "Verwijdert verlopen gesprekken, oude werkplaatssessies, verlopen sessies en oude mislukte "
        "inlogpogingen. "
        "Veilig om vaak en tegelijk te draaien, bijvoorbeeld elk kwartier vanuit cron."
    )

    def handle(self, *args, **options):
        with only_one_run(LOCK_KEY) as locked, transaction.atomic():
            if not locked:
                self.stdout.write("Er loopt al een opruimronde; deze slaat over.")
                return
            gesprekken = gesprekken_opruimen()
            sessies = sessies_opruimen()
            call_command("clearsessions")
            pogingen, _ = AccessAttempt.objects.filter(
                attempt_time__lt=timezone.now() - settings.AXES_COOLOFF_TIME
            ).delete()
        self.stdout.write(
            f"Opgeruimd: {gesprekken} verlopen gesprek(ken), {sessies} oude werkplaatssessie(s), "
            "de verlopen sessies en "
            f"{pogingen} oude mislukte inlogpoging(en)."
        )
