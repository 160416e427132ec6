from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

from herstel.roles import ensure_editor_group

USERNAME = "redacteur"
PASSWORD = "herstel-lokaal"  # noqa: S105 - a local development account only, see the DEBUG check


class Command(BaseCommand):
    help = "Maakt (alleen lokaal, met DEBUG aan) een redacteur-account voor het beheer."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Dit account is alleen voor lokale ontwikkeling (DEBUG staat uit).")
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = True
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(ensure_editor_group())
        self.stdout.write(f"Beheer: gebruikersnaam '{USERNAME}', wachtwoord '{PASSWORD}'")
