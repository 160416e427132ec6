"""Professional accounts: a user who belongs to an organisation may keep saved conversations."""

from django.conf import settings
from django.db import models

from herstel.models import Organisatie


class ProfielQuerySet(models.QuerySet):
    def colleagues_of(self, user):
        """Active members of the user's organisation, without the user."""
        return (
            self.filter(organisatie__profielen__gebruiker=user, gebruiker__is_active=True)
            .exclude(gebruiker=user)
            .select_related("gebruiker")
            .order_by("gebruiker__first_name", "gebruiker__username")
        )


class Profiel(models.Model):
    """Membership of an organisation. Only users with a profile can save conversations."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profiel",
        verbose_name="gebruiker",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="profielen",
        verbose_name="organisatie",
        help_text="De organisatie waar deze professional werkt. Alleen collega's van dezelfde "
        "organisatie kunnen trajecten aan elkaar overdragen.",
    )

    objects = ProfielQuerySet.as_manager()

    class Meta:
        ordering = ["organisatie__naam", "gebruiker__username"]
        verbose_name = "lidmaatschap van een organisatie"
        verbose_name_plural = "lidmaatschappen van organisaties"

    def __str__(self):
        return f"{self.gebruiker} ({self.organisatie})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("gesprekstool:mijn")


def display_name(user):
    """How a colleague is shown: full name when known, else the user name."""
    if user is None:
        return "een verwijderd account"
    return user.get_full_name() or user.get_username()
