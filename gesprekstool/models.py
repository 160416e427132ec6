"""The conversation tool.

Content (edited in the admin): Onderdeel, Stelling, Aanknopingspunt.
What happens in a conversation (never content, never in the admin): Gesprek, Antwoord, Afspraak.
"""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from herstel.prepared import PreparedQuery
from kennisplein.models import Item, Pijler

from .adressen import reverse_once

SCORE_MIN = 0
SCORE_MAX = 10
NOTE_MAX_LENGTH = 1000
REVIEW_NOTE_MAX_LENGTH = 300
WIE_ANDERS_MAX_LENGTH = 60
ANONYMOUS_LIFETIME = timedelta(hours=24)

PICTOGRAM_CHOICES = [
    ("algemeen", "Gesprek (twee ballonnen)"),
    ("zelfherstel", "Plant die groeit"),
    ("slachtoffer", "Twee handen"),
    ("netwerk", "Mensen om je heen"),
    ("maatschappij", "Huizen in de wijk"),
]


class OnderdeelQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_overview(self):
        """Parts with their pillar and the number of active statements, for the overview."""
        # Explicit order: Meta.ordering is not applied to a query with an aggregate.
        return (
            self.select_related("pijler")
            .annotate(
                aantal_stellingen=models.Count(
                    "stellingen", filter=Q(stellingen__gearchiveerd=False)
                )
            )
            .order_by(*Onderdeel._meta.ordering)
        )


class Onderdeel(models.Model):
    """A part of the conversation: a general part, and one per pillar."""

    slug = models.SlugField("slug", max_length=80, unique=True)
    titel = models.CharField("titel", max_length=120)
    pijler = models.OneToOneField(
        Pijler,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onderdeel",
        verbose_name="pijler",
        help_text="Laat leeg voor het algemene deel. Elke pijler heeft hooguit één onderdeel.",
    )
    intro_professional = models.TextField(
        "uitleg voor de professional",
        help_text="Waar gaat dit deel over en waar let je op? Een paar korte alinea's.",
    )
    intro_jongere = models.TextField(
        "uitleg voor de jongere",
        help_text="Eén tot drie korte zinnen op B1-niveau, in de je-vorm.",
    )
    pictogram = models.CharField(
        "pictogram",
        max_length=20,
        choices=PICTOGRAM_CHOICES,
        help_text="Het plaatje dat bij dit deel hoort (in static/gesprekstool/pictogrammen/).",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lager komt eerder."
    )

    objects = OnderdeelQuerySet.as_manager()

    class Meta:
        ordering = ["volgorde", "titel"]
        verbose_name = "onderdeel"
        verbose_name_plural = "onderdelen"

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("gesprekstool:kaarten", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def kleur(self):
        return self.pijler.kleur if self.pijler_id else "algemeen"

    @property
    def pictogram_path(self):
        return f"gesprekstool/pictogrammen/{self.pictogram}.svg"


class StellingQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def active(self):
        return self.filter(gearchiveerd=False)


class Stelling(models.Model):
    """A statement the young person answers on a scale from 0 to 10."""

    onderdeel = models.ForeignKey(
        Onderdeel, on_delete=models.CASCADE, related_name="stellingen", verbose_name="onderdeel"
    )
    code = models.SlugField(
        "code",
        max_length=80,
        unique=True,
        help_text=(
            "Vaste naam van de stelling, gebruikt in gespreksbestanden. Verander hem niet meer "
            "als er gesprekken mee zijn gevoerd."
        ),
    )
    tekst = models.CharField(
        "stelling",
        max_length=200,
        help_text="Kort, in de ik-vorm, op B1-niveau. Eén gedachte per stelling.",
    )
    doorvragen = models.TextField(
        "doorvraagvragen",
        help_text="Twee of drie vragen voor de professional, één per regel.",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lager komt eerder."
    )
    gearchiveerd = models.BooleanField(
        "gearchiveerd",
        default=False,
        help_text=(
            "Een gearchiveerde stelling komt niet meer in nieuwe gesprekken. Stellingen met "
            "antwoorden kun je niet verwijderen, alleen archiveren."
        ),
    )

    objects = StellingQuerySet.as_manager()

    class Meta:
        ordering = ["onderdeel__volgorde", "volgorde", "id"]
        verbose_name = "stelling"
        verbose_name_plural = "stellingen"

    def __str__(self):
        return self.tekst

    def get_absolute_url(self):
        return reverse("gesprekstool:kaarten", kwargs={"slug": self.onderdeel.slug})

    def natural_key(self):
        return (self.code,)

    @property
    def doorvraag_lijst(self):
        return [line.strip() for line in self.doorvragen.splitlines() if line.strip()]


class Regel(models.TextChoices):
    STELLING_LAAG = "stelling_laag", "Stelling scoort op of onder de drempel"
    STELLING_HOOG = "stelling_hoog", "Stelling scoort op of boven de drempel"
    GEMIDDELDE_LAAG = "gemiddelde_laag", "Gemiddelde van het onderdeel op of onder de drempel"
    GEMIDDELDE_HOOG = "gemiddelde_hoog", "Gemiddelde van het onderdeel op of boven de drempel"
    BESPREKEN = "bespreken", "Stelling gemarkeerd met 'hier wil ik over praten'"
    ALTIJD = "altijd", "Altijd tonen"


# Tuples, not sets: their order ends up in the migration and must be stable.
STELLING_RULES = (Regel.STELLING_LAAG, Regel.STELLING_HOOG, Regel.BESPREKEN)
THRESHOLD_RULES = (
    Regel.STELLING_LAAG,
    Regel.STELLING_HOOG,
    Regel.GEMIDDELDE_LAAG,
    Regel.GEMIDDELDE_HOOG,
)


class ItemLink(NamedTuple):
    """A published kennisplein item as a lead links to it. Plain values: the leads are kept
    with the tool content and unpickled for every result page, where fifty Item instances
    cost more than the rest of the page (0.4 ms)."""

    id: int
    url: str
    titel: str
    soort: str  # its type as shown, e.g. "Methode"

    @classmethod
    def of(cls, item):
        return cls(item.id, item.get_absolute_url(), item.titel, item.get_type_display())


class AanknopingspuntQuerySet(models.QuerySet):
    def for_onderdelen(self, onderdelen):
        """Leads of these parts, each with `links`: its published items (ItemLink, by title),
        in two queries."""
        punten = list(self.filter(onderdeel__in=onderdelen))
        items = (
            Item.objects.published()
            .filter(aanknopingspunten__in=punten)
            .annotate(punt_id=F("aanknopingspunten"))
            .only("slug", "titel", "type")
        )
        links = {}
        for item in items:
            links.setdefault(item.punt_id, []).append(ItemLink.of(item))
        for punt in punten:
            punt.links = tuple(links.get(punt.id, ()))
        return punten


class Aanknopingspunt(models.Model):
    """A lead shown after a part when its rule matches the answers."""

    onderdeel = models.ForeignKey(
        Onderdeel,
        on_delete=models.CASCADE,
        related_name="aanknopingspunten",
        verbose_name="onderdeel",
    )
    titel = models.CharField("titel", max_length=160)
    tekst = models.TextField(
        "tekst",
        help_text="Een korte tip voor het vervolg: wat kun je samen doen? Twee tot vier zinnen.",
    )
    regel = models.CharField(
        "wanneer tonen", max_length=20, choices=Regel.choices, default=Regel.STELLING_LAAG
    )
    stelling = models.ForeignKey(
        Stelling,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="aanknopingspunten",
        verbose_name="stelling",
        help_text="Nodig bij regels over één stelling. Kies een stelling uit hetzelfde onderdeel.",
    )
    drempel = models.PositiveSmallIntegerField(
        "drempel",
        null=True,
        blank=True,
        help_text="Score van 0 tot 10. Nodig bij regels met 'drempel'. Bijvoorbeeld 4.",
    )
    items = models.ManyToManyField(
        Item,
        blank=True,
        related_name="aanknopingspunten",
        verbose_name="kennisitems",
        help_text="Methoden, tools of tips op het kennisplein die hierbij helpen.",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lager komt eerder."
    )

    objects = AanknopingspuntQuerySet.as_manager()

    class Meta:
        ordering = ["onderdeel__volgorde", "volgorde", "id"]
        verbose_name = "aanknopingspunt"
        verbose_name_plural = "aanknopingspunten"
        constraints = [
            models.CheckConstraint(
                condition=~Q(regel__in=[rule.value for rule in STELLING_RULES])
                | Q(stelling__isnull=False),
                name="aanknopingspunt_regel_heeft_stelling",
                violation_error_message="Kies bij deze regel een stelling.",
            ),
            models.CheckConstraint(
                condition=~Q(regel__in=[rule.value for rule in THRESHOLD_RULES])
                | Q(drempel__isnull=False, drempel__lte=SCORE_MAX),
                name="aanknopingspunt_regel_heeft_drempel",
                violation_error_message="Vul bij deze regel een drempel van 0 tot en met 10 in.",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("gesprekstool:kaarten", kwargs={"slug": self.onderdeel.slug})

    def clean(self):
        errors = {}
        if self.regel in STELLING_RULES and not self.stelling_id:
            errors["stelling"] = "Kies bij deze regel een stelling."
        if (
            self.stelling_id
            and self.onderdeel_id
            and self.stelling.onderdeel_id != self.onderdeel_id
        ):
            errors["stelling"] = "Kies een stelling uit hetzelfde onderdeel."
        if self.regel in THRESHOLD_RULES and (self.drempel is None or self.drempel > SCORE_MAX):
            errors["drempel"] = "Vul bij deze regel een drempel van 0 tot en met 10 in."
        if errors:
            raise ValidationError(errors)

    def applies(self, antwoorden, gemiddelde):
        """Whether this lead fits the answers ({stelling_id: Antwoord}) and the part's average.

        "Weet ik niet" and skipped statements have no score and never trigger a score rule.
        """
        if self.regel == Regel.ALTIJD:
            return True
        if self.regel in (Regel.GEMIDDELDE_LAAG, Regel.GEMIDDELDE_HOOG):
            if gemiddelde is None:
                return False
            if self.regel == Regel.GEMIDDELDE_LAAG:
                return gemiddelde <= self.drempel
            return gemiddelde >= self.drempel
        antwoord = antwoorden.get(self.stelling_id)
        if antwoord is None:
            return False
        if self.regel == Regel.BESPREKEN:
            return antwoord.bespreken
        if antwoord.score is None:
            return False
        if self.regel == Regel.STELLING_LAAG:
            return antwoord.score <= self.drempel
        return antwoord.score >= self.drempel


def saved_retention():
    """How long a saved conversation is kept after its last change (a setting, in days)."""
    return timedelta(days=settings.GESPREKSTOOL_RETENTION_DAYS)


def gekozen(prefix=""):
    """An answer counts as given when the young person chose a score or "weet ik niet"; a row
    with only a mark ("hier wil ik over praten") or a note is kept but is not answered."""
    return Q(**{f"{prefix}score__isnull": False}) | Q(**{f"{prefix}weet_niet": True})


def aantal_gekozen():
    return models.Count("antwoorden", filter=gekozen("antwoorden__"))


class TrajectQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(eigenaar=user)

    def alive(self, now=None):
        return self.filter(gewijzigd__gte=(now or timezone.now()) - saved_retention())

    def for_list(self):
        """The owner's list: number of conversations, date of the last one and how many
        statements that last one answered; one query however many trajectories."""
        latest = Gesprek.objects.filter(traject=models.OuterRef("pk")).order_by(
            "-aangemaakt", "-id"
        )
        return self.annotate(
            aantal_gesprekken=models.Count("gesprekken"),
            laatste_gesprek=models.Max("gesprekken__aangemaakt"),
            laatste_beantwoord=models.Subquery(latest.annotate(n=aantal_gekozen()).values("n")[:1]),
        ).order_by("trajectcode")


class Traject(models.Model):
    """The conversations a professional has with one young person over time, under a
    pseudonymous trajectcode from the organisation's own dossier. Never a name."""

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trajecten",
        verbose_name="eigenaar",
    )
    organisatie = models.ForeignKey(
        "herstel.Organisatie",
        on_delete=models.PROTECT,
        related_name="trajecten",
        verbose_name="organisatie",
    )
    trajectcode = models.CharField("trajectcode", max_length=30)
    aangemaakt = models.DateTimeField("aangemaakt", auto_now_add=True)
    # Every change to a conversation in it moves this on; retention counts from here.
    gewijzigd = models.DateTimeField("laatst gewijzigd", default=timezone.now, db_index=True)

    objects = TrajectQuerySet.as_manager()

    class Meta:
        ordering = ["trajectcode"]
        verbose_name = "traject"
        verbose_name_plural = "trajecten"
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "trajectcode"],
                name="traject_code_uniek_per_organisatie",
                violation_error_message="Er is in jouw organisatie al een traject met deze code.",
            ),
            models.CheckConstraint(condition=~Q(trajectcode=""), name="traject_heeft_trajectcode"),
        ]

    def __str__(self):
        # Never the trajectcode: the admin lists related objects by str() when a user or an
        # organisation is deleted, and it must show nothing of a conversation.
        return f"Traject {self.uuid.hex[:8]}"

    def get_absolute_url(self):
        return reverse("gesprekstool:traject", kwargs={"traject": self.uuid})

    @property
    def verloopt(self):
        """When the whole trajectory is gone if nothing changes until then."""
        return self.gewijzigd + saved_retention()


def _expired(now):
    """The retention rule, once: anonymous conversations live ANONYMOUS_LIFETIME, saved ones
    GESPREKSTOOL_RETENTION_DAYS, both counted from the last change."""
    return Q(eigenaar__isnull=True, gewijzigd__lt=now - ANONYMOUS_LIFETIME) | Q(
        eigenaar__isnull=False, gewijzigd__lt=now - saved_retention()
    )


def anonymous_alive_since(now=None):
    """An anonymous conversation last changed before this moment is gone."""
    return (now or timezone.now()) - ANONYMOUS_LIFETIME


class GesprekQuerySet(models.QuerySet):
    def anonymous(self):
        return self.filter(eigenaar__isnull=True)

    def of_session(self, sessie, *, since=None):
        """The live anonymous conversations of one browser session (its token's hash): `alive`
        for anonymous ones only, written as one plain filter (read on every conversation page;
        the two excludes of `alive` cost more to build than the query costs to run). `since`:
        the oldest last change that still lives (`anonymous_alive_since()`)."""
        return self.filter(
            eigenaar__isnull=True,
            sessie=sessie,
            gewijzigd__gte=since or anonymous_alive_since(),
        )

    def saved(self):
        return self.filter(eigenaar__isnull=False)

    def alive(self, now=None):
        """Conversations that have not yet passed their retention (see `_expired`)."""
        return self.exclude(_expired(now or timezone.now()))

    def expired(self, now=None):
        return self.filter(_expired(now or timezone.now()))

    def owned_by(self, user):
        return self.alive().filter(eigenaar=user, traject__eigenaar=user)

    def with_progress(self):
        """Each conversation with the number of statements answered, oldest first."""
        return self.annotate(beantwoord=aantal_gekozen()).order_by("aangemaakt", "id")


CHECK_FIELDS = ("check_gehoord", "check_belangrijk", "check_manier")


class Gesprek(models.Model):
    """One conversation. No names: at most a pseudonymous trajectcode.

    Anonymous conversations belong to the browser session that started it (see `sessie`) and
    are deleted 24 hours after their last change. A saved conversation belongs to
    a Traject; its `eigenaar` is the trajectory's owner (kept equal by services.py) and it is
    deleted GESPREKSTOOL_RETENTION_DAYS after its last change.
    """

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gesprekken",
        verbose_name="eigenaar",
    )
    traject = models.ForeignKey(
        Traject,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gesprekken",
        verbose_name="traject",
    )
    trajectcode = models.CharField("trajectcode", max_length=30, blank=True)
    # Which browser session an anonymous conversation belongs to: a hash of the session's
    # gesprekstool token (services.session_token), never the session key itself. Kept here,
    # not as a list in the session, so parallel requests of one session cannot overwrite it.
    sessie = models.CharField("sessie", max_length=64, blank=True, editable=False)
    eenvoudig = models.BooleanField("eenvoudige stand", default=False)
    # A follow-up shows last time's answer beside each statement unless the worker hides it.
    vorige_tonen = models.BooleanField("vorige antwoorden tonen", default=True)
    aangemaakt = models.DateTimeField("aangemaakt", auto_now_add=True)
    gewijzigd = models.DateTimeField("laatst gewijzigd", default=timezone.now, db_index=True)
    # Closing check: "Hoe was dit gesprek voor jou?"
    check_gehoord = models.PositiveSmallIntegerField("ik voelde me gehoord", null=True, blank=True)
    check_belangrijk = models.PositiveSmallIntegerField(
        "we praatten over wat ik belangrijk vind", null=True, blank=True
    )
    check_manier = models.PositiveSmallIntegerField(
        "de manier van werken paste bij mij", null=True, blank=True
    )
    # A follow-up keeps a snapshot of the earlier conversation to compare with (see
    # gesprekstool.vorige): {"datum": "YYYY-MM-DD", "onderdelen": {"<slug>": 6.5, …},
    # "stellingen": {"<code>": {"score": 6, "weet_niet": false, "bespreken": true}, …}}.
    # Snapshots made before statements were kept have only "datum" and "onderdelen".
    vorige = models.JSONField("vorig gesprek", null=True, blank=True)

    objects = GesprekQuerySet.as_manager()

    class Meta:
        ordering = ["-gewijzigd"]
        verbose_name = "gesprek"
        verbose_name_plural = "gesprekken"
        indexes = [
            models.Index(
                fields=["sessie"], name="gesprek_sessie", condition=Q(eigenaar__isnull=True)
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(check_gehoord__lte=SCORE_MAX)
                & Q(check_belangrijk__lte=SCORE_MAX)
                & Q(check_manier__lte=SCORE_MAX),
                name="gesprek_check_0_10",
            ),
            # Saved means: an owner and a trajectory, always both.
            models.CheckConstraint(
                condition=Q(eigenaar__isnull=True, traject__isnull=True)
                | Q(eigenaar__isnull=False, traject__isnull=False),
                name="gesprek_opgeslagen_heeft_traject",
            ),
        ]

    def __str__(self):
        # No trajectcode, no answers: see Traject.__str__.
        return f"Gesprek {self.uuid.hex[:8]}"

    def get_absolute_url(self):
        return reverse_once("gesprekstool:overzicht", self.uuid)

    def touch(self):
        self.gewijzigd = timezone.now()
        Gesprek.objects.filter(pk=self.pk).update(gewijzigd=self.gewijzigd)
        if self.traject_id:
            Traject.objects.filter(pk=self.traject_id).update(gewijzigd=self.gewijzigd)

    @property
    def opgeslagen(self):
        return self.traject_id is not None

    @property
    def verloopt(self):
        lifetime = saved_retention() if self.opgeslagen else ANONYMOUS_LIFETIME
        return self.gewijzigd + lifetime

    @property
    def vorige_datum(self):
        """The date of the earlier conversation this follow-up compares with, or None."""
        if not self.vorige:
            return None
        return date.fromisoformat(self.vorige["datum"])

    @property
    def heeft_afsluiting(self):
        return any(getattr(self, name) is not None for name in CHECK_FIELDS)


class Antwoord(models.Model):
    """The answer to one statement in one conversation; saved as an upsert per statement.

    Every field holds only what was chosen: no score unless one was chosen, "weet ik niet"
    only when ticked. A row exists only while at least one of them holds something.
    """

    gesprek = models.ForeignKey(
        Gesprek, on_delete=models.CASCADE, related_name="antwoorden", verbose_name="gesprek"
    )
    # PROTECT: a statement with answers can be archived, not deleted.
    stelling = models.ForeignKey(
        Stelling, on_delete=models.PROTECT, related_name="antwoorden", verbose_name="stelling"
    )
    stelling_tekst = models.CharField(
        "stelling zoals gevraagd", max_length=200, help_text="De tekst zoals die werd gevraagd."
    )
    score = models.PositiveSmallIntegerField("score", null=True, blank=True)
    weet_niet = models.BooleanField("weet ik niet / overgeslagen", default=False)
    bespreken = models.BooleanField("hier wil ik over praten", default=False)
    notitie = models.TextField("notitie", max_length=NOTE_MAX_LENGTH, blank=True)
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True, db_default=Now())

    class Meta:
        ordering = ["stelling__onderdeel__volgorde", "stelling__volgorde", "stelling_id"]
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(
                fields=["gesprek", "stelling"], name="antwoord_een_per_stelling"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX) | Q(score__isnull=True),
                name="antwoord_score_0_10",
            ),
            models.CheckConstraint(
                condition=Q(weet_niet=False) | Q(score__isnull=True),
                name="antwoord_weet_niet_zonder_score",
            ),
            models.CheckConstraint(
                condition=gekozen() | Q(bespreken=True) | ~Q(notitie=""),
                name="antwoord_niet_leeg",
            ),
        ]

    def __str__(self):
        # Never the answer itself: see Traject.__str__.
        return f"Antwoord {self.pk}"

    def get_absolute_url(self):
        return reverse(
            "gesprekstool:onderdeel",
            kwargs={"gesprek": self.gesprek.uuid, "slug": self.stelling.onderdeel.slug},
        )

    @property
    def gekozen(self):
        return self.score is not None or self.weet_niet

    @property
    def score_label(self):
        if self.score is not None:
            return f"{self.score} van 10"
        return "weet ik niet / overgeslagen" if self.weet_niet else "nog niet gekozen"


class WieRol(models.TextChoices):
    JONGERE = "jongere", "de jongere"
    OUDER = "ouder", "ouder of verzorger"
    PROFESSIONAL = "professional", "professional"
    NETWERK = "netwerk", "iemand uit het netwerk"
    ANDERS = "anders", "anders"


class AfspraakVelden(models.Model):
    """What, who and when of an agreement; shared by an agreement and its later review.

    Who is a role. Only "anders" has a short text of its own; agreements made before roles
    existed have no role and keep their free text in `wie`.
    """

    onderdeel = models.ForeignKey(
        Onderdeel, on_delete=models.PROTECT, related_name="+", verbose_name="onderdeel"
    )
    wat = models.CharField("wat gaan we doen", max_length=300)
    wie_rol = models.CharField("wie doet het", max_length=20, choices=WieRol.choices, blank=True)
    wie = models.CharField("wie (anders)", max_length=120, blank=True)
    wanneer = models.CharField("wanneer", max_length=120)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(wie_rol__in=[WieRol.ANDERS, ""], wie__gt="")
                | (Q(wie_rol__in=WieRol.values) & ~Q(wie_rol=WieRol.ANDERS) & Q(wie="")),
                name="%(class)s_wie_is_rol_of_tekst",
                violation_error_message="Kies wie het doet, of schrijf het op bij 'anders'.",
            ),
        ]

    @property
    def wie_tekst(self):
        if self.wie_rol and self.wie_rol != WieRol.ANDERS:
            return self.get_wie_rol_display()
        return self.wie


class Afspraak(AfspraakVelden):
    """An agreed next step: what, who, when, per part (and so per pillar)."""

    gesprek = models.ForeignKey(
        Gesprek, on_delete=models.CASCADE, related_name="afspraken", verbose_name="gesprek"
    )
    onderdeel = models.ForeignKey(
        Onderdeel, on_delete=models.PROTECT, related_name="afspraken", verbose_name="onderdeel"
    )
    aangemaakt = models.DateTimeField("aangemaakt", auto_now_add=True)

    class Meta(AfspraakVelden.Meta):
        ordering = ["onderdeel__volgorde", "aangemaakt", "id"]
        verbose_name = "afspraak"
        verbose_name_plural = "afspraken"

    def __str__(self):
        return f"Afspraak {self.pk}"

    def get_absolute_url(self):
        return (
            reverse("gesprekstool:resultaat", kwargs={"gesprek": self.gesprek.uuid}) + "#afspraken"
        )


class TerugblikStatus(models.TextChoices):
    GEDAAN = "gedaan", "gedaan"
    DEELS = "deels", "deels gedaan"
    NIET_GEDAAN = "niet_gedaan", "niet gedaan"
    NIET_NODIG = "niet_nodig", "niet meer nodig"


class Terugblik(AfspraakVelden):
    """An agreement of the previous conversation, looked back on in a follow-up.

    Copied when the follow-up starts (from the earlier conversation or its file), so it stays
    when the earlier one is deleted. Status and note stay empty until they are chosen.
    """

    gesprek = models.ForeignKey(
        Gesprek, on_delete=models.CASCADE, related_name="terugblikken", verbose_name="gesprek"
    )
    status = models.CharField(
        "hoe ging het", max_length=20, choices=TerugblikStatus.choices, blank=True
    )
    notitie = models.CharField("notitie", max_length=REVIEW_NOTE_MAX_LENGTH, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta(AfspraakVelden.Meta):
        ordering = ["volgorde", "id"]
        constraints = [
            *AfspraakVelden.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=[*TerugblikStatus.values, ""]),
                name="terugblik_status_bekend",
            ),
        ]
        verbose_name = "terugblik op een afspraak"
        verbose_name_plural = "terugblikken op afspraken"

    def __str__(self):
        return f"Terugblik {self.pk}"

    def get_absolute_url(self):
        return reverse("gesprekstool:terugblik", kwargs={"gesprek": self.gesprek.uuid})


class Actie(models.TextChoices):
    AANGEMAAKT = "aangemaakt", "aangemaakt"
    GEOPEND = "geopend", "geopend"
    GEWIJZIGD = "gewijzigd", "gewijzigd"
    GEEXPORTEERD = "geexporteerd", "geëxporteerd"
    GEIMPORTEERD = "geimporteerd", "geïmporteerd"
    VERGELEKEN = "vergeleken", "vergeleken"
    OVERGEDRAGEN = "overgedragen", "overgedragen"
    VERWIJDERD = "verwijderd", "verwijderd"


class ToegangQuerySet(models.QuerySet):
    def recent(self, limit=100):
        return self.order_by("-tijdstip", "-id")[:limit]


class Toegang(models.Model):
    """Access log of a trajectory: who opened, changed, exported, transferred or deleted what,
    and when. Visible to the trajectory's owner; deleted together with the trajectory."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="toegangen", verbose_name="traject"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="gebruiker",
    )
    # Kept as text so the log still says who it was after an account is removed.
    gebruiker_naam = models.CharField("naam van de gebruiker", max_length=150)
    actie = models.CharField("wat", max_length=20, choices=Actie.choices)
    omschrijving = models.CharField("toelichting", max_length=200, blank=True)
    tijdstip = models.DateTimeField("wanneer", default=timezone.now, db_index=True)

    objects = ToegangQuerySet.as_manager()

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = "toegang"
        verbose_name_plural = "toegangslog"

    def __str__(self):
        return f"Logregel {self.pk}"

    def get_absolute_url(self):
        return self.traject.get_absolute_url() + "#toegangslog"


# --- the queries of every conversation page, their SQL built once per process -------------------
# (herstel/prepared.py). The probes only mark where each call's values go.

_PROBE_UUID = uuid.UUID(int=0)
_PROBE_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)

# An anonymous conversation of this browser session, if it still lives: [gesprek] or [].
session_gesprek = PreparedQuery(
    lambda sessie, gesprek_uuid, since: (
        Gesprek.objects.of_session(sessie, since=since).filter(uuid=gesprek_uuid).order_by("pk")[:1]
    ),
    sessie="<sessie>",
    gesprek_uuid=_PROBE_UUID,
    since=_PROBE_MOMENT,
)
# The most recently changed live conversation of this browser session: [gesprek] or [].
latest_session_gesprek = PreparedQuery(
    lambda sessie, since: Gesprek.objects.of_session(sessie, since=since).order_by(
        "-gewijzigd", "-pk"
    )[:1],
    sessie="<sessie>",
    since=_PROBE_MOMENT,
)
# A conversation's answers (unordered: summary.gesprek_resultaten orders them per part).
gesprek_antwoorden = PreparedQuery(
    lambda gesprek_id: Antwoord.objects.filter(gesprek_id=gesprek_id).order_by(),
    gesprek_id=-1,
)
# Its answers in one part.
onderdeel_antwoorden = PreparedQuery(
    lambda gesprek_id, onderdeel_id: Antwoord.objects.filter(
        gesprek_id=gesprek_id, stelling__onderdeel_id=onderdeel_id
    ).order_by(),
    gesprek_id=-1,
    onderdeel_id=-2,
)
# Its agreements, in their order.
gesprek_afspraken = PreparedQuery(
    lambda gesprek_id: Afspraak.objects.filter(gesprek_id=gesprek_id), gesprek_id=-1
)
