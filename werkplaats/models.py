"""Live statements rounds for werkplaats meetings.

Content (edited in the admin): Stellingenset with its SetStellingen, optionally linked to the
kennisplein item that describes the game.
A meeting (never content, never in the admin): Sessie, a copy of a set's statements
(SessieStelling, so later edits never change a round that was played), anonymous Deelnemers and
their Antwoorden. No names, no accounts, no addresses; everything is deleted after 30 days.
"""

import hashlib
from datetime import timedelta

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from kennisplein.models import Item

RETENTION = timedelta(days=30)  # a session and its answers are deleted this long after the start
OPEN_FOR = timedelta(hours=12)  # the join code and answering work this long at most

# Unambiguous on a projector and a phone: no 0/O, 1/I/L, 5/S, 2/Z, 8/B. 25 symbols, 7 places:
# six billion codes, so guessing one of a few hundred live codes takes millions of tries.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 7


class Schaal(models.TextChoices):
    EENS_ONEENS = "eens_oneens", "Eens, oneens of weet ik niet"
    NUL_TIEN = "nul_tien", "Een cijfer van 0 tot 10"


# The answers a scale offers, in the order they are shown and counted.
SCALE_OPTIONS = {
    Schaal.EENS_ONEENS: (("eens", "Eens"), ("oneens", "Oneens"), ("weet_niet", "Weet ik niet")),
    Schaal.NUL_TIEN: tuple((str(n), str(n)) for n in range(11)),
}
ALL_VALUES = tuple(dict.fromkeys(v for options in SCALE_OPTIONS.values() for v, _ in options))


class Achtergrond(models.TextChoices):
    JEUGDRECLASSERING = "jeugdreclassering", "Jeugdreclassering"
    JEUGDBESCHERMING = "jeugdbescherming", "Jeugdbescherming"
    WIJKTEAM = "wijkteam", "Wijkteam"
    HALT = "halt", "Halt"
    POLITIE = "politie", "Politie"
    ONDERWIJS = "onderwijs", "Onderwijs"
    GEMEENTE = "gemeente", "Gemeente"
    ANDERS = "anders", "Anders"


class StellingensetQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        return self.filter(gepubliceerd=True)

    def for_list(self):
        # Meta.ordering does not apply to a query with GROUP BY: order explicitly.
        return (
            self.published()
            .annotate(aantal_stellingen=models.Count("stellingen"))
            .order_by("volgorde", "titel")
        )

    def for_item(self, item_id):
        """The published sets that play a kennisplein item, for the link on its page."""
        return self.published().filter(item_id=item_id).only("titel", "slug")


class Stellingenset(models.Model):
    """A set of statements a werkplaats can play, e.g. 'Stellingen over samenwerking'."""

    titel = models.CharField("titel", max_length=160)
    slug = models.SlugField("slug", max_length=80, unique=True)
    inleiding = models.TextField(
        "inleiding",
        help_text="Waar gaat deze set over en voor wie is hij? Twee tot vier zinnen, B1.",
    )
    schaal = models.CharField(
        "antwoorden",
        max_length=20,
        choices=Schaal.choices,
        default=Schaal.EENS_ONEENS,
        help_text="Hoe deelnemers antwoorden. Geldt voor alle stellingen van de set.",
    )
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stellingensets",
        verbose_name="kennisitem",
        help_text="Het item op het kennisplein dat dit spel beschrijft. Het item linkt terug.",
    )
    gepubliceerd = models.BooleanField(
        "gepubliceerd", default=False, help_text="Alleen gepubliceerde sets kun je spelen."
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lager komt eerder."
    )

    objects = StellingensetQuerySet.as_manager()

    class Meta:
        ordering = ["volgorde", "titel"]
        verbose_name = "stellingenset"
        verbose_name_plural = "stellingensets"

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("werkplaats:set", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["kennisplein.item"]


class SetStellingQuerySet(models.QuerySet):
    def get_by_natural_key(self, tekst, set_slug):
        return self.get(tekst=tekst, set__slug=set_slug)


class SetStelling(models.Model):
    """One statement of a set."""

    set = models.ForeignKey(
        Stellingenset, on_delete=models.CASCADE, related_name="stellingen", verbose_name="set"
    )
    tekst = models.CharField(
        "stelling",
        max_length=240,
        help_text="Eén bewering waar je het mee eens of oneens kunt zijn. Kort, B1.",
    )
    toelichting = models.TextField(
        "toelichting",
        blank=True,
        help_text="Optioneel: een korte uitleg of vraag voor het gesprek daarna.",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lager komt eerder."
    )

    objects = SetStellingQuerySet.as_manager()

    class Meta:
        ordering = ["set", "volgorde", "id"]
        verbose_name = "stelling"
        verbose_name_plural = "stellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["set", "tekst"],
                name="setstelling_tekst_uniek_in_set",
                violation_error_message="Deze stelling staat al in de set.",
            )
        ]

    def __str__(self):
        return self.tekst

    def natural_key(self):
        return (self.tekst, *self.set.natural_key())

    natural_key.dependencies = ["werkplaats.stellingenset"]


def hash_token(token: str) -> str:
    """The facilitator token is kept only as this hash: the database never holds the link."""
    return hashlib.sha256(token.encode()).hexdigest()


class SessieQuerySet(models.QuerySet):
    def alive(self):
        """Sessions younger than the retention period; older ones are unreachable, even
        before the clean-up command has deleted them."""
        return self.filter(aangemaakt__gt=Now() - RETENTION)

    def expired(self):
        return self.filter(aangemaakt__lte=Now() - RETENTION)

    def for_token(self, token):
        return self.alive().get(leider_hash=hash_token(token))

    def for_participant(self, code, deelnemer_ids):
        """The session with this join code, with `mijn_antwoord`: the answer this phone gave
        to the statement on screen, or None. In one query, as 200 phones ask for it at once;
        `deelnemer_ids` are the phone's participants (signed cookie.py), of which only the one
        in this session can have answered here."""
        mine = Antwoord.objects.filter(
            deelnemer_id__in=deelnemer_ids,
            stelling__sessie=models.OuterRef("pk"),
            stelling__volgorde=models.OuterRef("huidige"),
        )
        return (
            self.alive()
            .filter(code=code)
            .annotate(mijn_antwoord=models.Subquery(mine.order_by().values("waarde")[:1]))
        )


class Sessie(models.Model):
    """One round of a set in one meeting, run by whoever holds the facilitator link."""

    set = models.ForeignKey(
        Stellingenset, on_delete=models.SET_NULL, null=True, related_name="sessies"
    )
    titel = models.CharField(max_length=160)
    schaal = models.CharField(max_length=20, choices=Schaal.choices)
    code = models.CharField(max_length=CODE_LENGTH, unique=True)
    leider_hash = models.CharField(max_length=64, unique=True)
    # The participants' pages poll /doe-mee/live/<kanaal>/: random, so not a way to try codes.
    kanaal = models.CharField(max_length=32, unique=True)
    achtergronden = ArrayField(
        models.CharField(max_length=20, choices=Achtergrond.choices), default=list, blank=True
    )
    huidige = models.PositiveSmallIntegerField(default=0)  # volgorde of the statement on screen
    aantal = models.PositiveSmallIntegerField(default=0)  # statements; copied once, never change
    # Moves on with every change participants should see; their pages poll it (ETag).
    versie = models.PositiveIntegerField(default=1)
    afgesloten = models.DateTimeField(null=True, blank=True)
    aangemaakt = models.DateTimeField(db_default=Now())

    objects = SessieQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt"]
        verbose_name = "sessie"
        verbose_name_plural = "sessies"
        constraints = [
            models.CheckConstraint(
                condition=Q(achtergronden__contained_by=Achtergrond.values),
                name="sessie_bekende_achtergronden",
            )
        ]

    def __str__(self):
        return f"{self.titel} ({self.code})"

    @property
    def deelnemen_url(self):
        """The participants' page. Not get_absolute_url: a session has no public page that the
        admin's "view on site" may lead to."""
        return reverse("werkplaats:deelnemen", kwargs={"code": self.code})

    @property
    def code_leesbaar(self):
        """In two groups, easier to read from a projector: 'K7M 3QXA'."""
        return f"{self.code[:3]} {self.code[3:]}"

    @property
    def is_open(self):
        """Whether people can still join and answer: until the facilitator closes the session,
        and at most OPEN_FOR after the start."""
        return self.afgesloten is None and timezone.now() < self.aangemaakt + OPEN_FOR

    @property
    def options(self):
        return SCALE_OPTIONS[self.schaal]

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self.__dict__.pop("huidige_stelling", None)  # read again for the new `huidige`

    @cached_property
    def huidige_stelling(self):
        """The statement on screen, or None. One query, run only when a page reads it: a
        participant's page kept in the cache reads it only when it is rendered anew."""
        try:
            return self.stellingen.get(volgorde=self.huidige)
        except SessieStelling.DoesNotExist:
            return None

    @property
    def achtergrond_choices(self):
        labels = dict(Achtergrond.choices)
        return [(value, labels[value]) for value in self.achtergronden]

    @property
    def verwijderdatum(self):
        return self.aangemaakt + RETENTION


class SessieStelling(models.Model):
    """A statement as it was played in a session: copied from the set when the session began."""

    sessie = models.ForeignKey(Sessie, on_delete=models.CASCADE, related_name="stellingen")
    volgorde = models.PositiveSmallIntegerField()  # 0, 1, 2, … within the session
    tekst = models.CharField(max_length=240)
    toelichting = models.TextField(blank=True)
    gesloten = models.BooleanField(default=False)  # no more answers or changes
    onthuld = models.BooleanField(default=False)  # the distribution is on the big screen

    class Meta:
        ordering = ["sessie", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["sessie", "volgorde"], name="sessiestelling_volgorde_uniek"
            )
        ]

    def __str__(self):
        return self.tekst

    @property
    def nummer(self):
        return self.volgorde + 1


class Deelnemer(models.Model):
    """An anonymous participant: only the background they chose, if the session asks for it.
    Their browser session knows their id; nothing else identifies them."""

    sessie = models.ForeignKey(Sessie, on_delete=models.CASCADE, related_name="deelnemers")
    achtergrond = models.CharField(max_length=20, choices=Achtergrond.choices, blank=True)

    class Meta:
        ordering = ["sessie", "id"]

    def __str__(self):
        return f"deelnemer {self.pk}"


class Antwoord(models.Model):
    """A participant's answer to one statement; changed in place until the statement closes."""

    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="antwoorden")
    stelling = models.ForeignKey(
        SessieStelling, on_delete=models.CASCADE, related_name="antwoorden"
    )
    waarde = models.CharField(max_length=10)
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["stelling", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deelnemer", "stelling"],
                name="werkplaats_antwoord_een_per_stelling",
                violation_error_message="Je hebt deze stelling al beantwoord.",
            ),
            models.CheckConstraint(
                condition=Q(waarde__in=ALL_VALUES),
                name="werkplaats_antwoord_bekende_waarde",
                violation_error_message="Dit antwoord kennen we niet.",
            ),
        ]

    def __str__(self):
        return f"{self.stelling}: {self.waarde}"
