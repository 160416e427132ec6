from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

from accounts.models import Profiel
from herstel.models import Organisatie, OrganisatieSoort

USERNAME = "professional"
PASSWORD = "herstel-lokaal-gesprek"  # noqa: S105 - a local development account only (DEBUG)
ORGANISATIE = "Voorbeeld Jeugdreclassering (lokaal)"


class Command(BaseCommand):
    help = (
        "Maakt (alleen lokaal, met DEBUG aan en opgeslagen gesprekken aan) een account voor "
        "een professional om Mijn gesprekken te proberen."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Dit account is alleen voor lokale ontwikkeling (DEBUG staat uit).")
        if not settings.GESPREKSTOOL_SAVED_CONVERSATIONS:
            self.stdout.write("Opgeslagen gesprekken staan uit: geen account voor professionals.")
            return
        organisatie, _ = Organisatie.objects.get_or_create(
            slug="voorbeeld-jeugdreclassering-lokaal",
            defaults={"naam": ORGANISATIE, "soort": OrganisatieSoort.GECERTIFICEERDE_INSTELLING},
        )
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.email = "professional@example.org"
        user.set_password(PASSWORD)
        user.save()
        Profiel.objects.update_or_create(gebruiker=user, defaults={"organisatie": organisatie})
        self.stdout.write(f"Mijn gesprekken: gebruikersnaam '{USERNAME}', wachtwoord '{PASSWORD}'")
