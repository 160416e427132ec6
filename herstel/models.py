"""Project records: programmes, projects, their workshops, deliverables, reach and lessons.

Every model has a natural key (slugs, or the parent's key plus a name or number), so the content
can be exported to another portal and loaded there without depending on database ids.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Max, Min, Prefetch, Q
from django.urls import reverse

from kennisplein.models import Item
from kennisplein.uploads import DOCUMENT_EXTENSIONS, IMAGE_EXTENSIONS, FileTypeValidator

# Project pages live at /projecten/<slug>/; these slugs are taken by other pages there.
RESERVED_PROJECT_SLUGS = ("programmas", "symposia")


def validate_site_or_web_address(value):
    """A path on this site ("/gesprekstool/": the same on every host the content moves to) or
    a full http(s) address."""
    if value.startswith("/") and not value.startswith("//") and " " not in value:
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            "Geef een pagina op deze site die begint met /, zoals /gesprekstool/, of een "
            "webadres dat begint met https://.",
            code="invalid",
        ) from None


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Regio(models.Model):
    """A province (or comparable area) to filter projects on."""

    naam = models.CharField("naam", max_length=80, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "regio"
        verbose_name_plural = "regio's"

    def __str__(self):
        return self.naam

    def natural_key(self):
        return (self.slug,)


class OrganisatieSoort(models.TextChoices):
    GECERTIFICEERDE_INSTELLING = "gi", "Gecertificeerde instelling"
    GEMEENTE = "gemeente", "Gemeente"
    KENNISINSTITUUT = "kennisinstituut", "Kennisinstituut of onderwijs"
    ZORGAANBIEDER = "zorgaanbieder", "Zorgaanbieder"
    KETENPARTNER = "ketenpartner", "Ketenpartner (Raad, Veilig Thuis, reclassering…)"
    LOKAAL_TEAM = "lokaal-team", "Lokaal team of CJG"
    ADVIESBUREAU = "adviesbureau", "Adviesbureau"
    OVERHEID = "overheid", "Rijksoverheid"
    MAATSCHAPPELIJK = "maatschappelijk", "Maatschappelijke organisatie"


class Organisatie(models.Model):
    naam = models.CharField("naam", max_length=200, unique=True)
    slug = models.SlugField("slug", max_length=200, unique=True)
    soort = models.CharField("soort", max_length=20, choices=OrganisatieSoort.choices)
    regio = models.CharField(
        "regio",
        max_length=120,
        blank=True,
        help_text="Waar de organisatie werkt, bijv. 'landelijk'.",
    )
    website = models.URLField("website", blank=True)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def __str__(self):
        return self.naam

    def natural_key(self):
        return (self.slug,)


class ProgrammaQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(gepubliceerd=True)


class Programma(models.Model):
    """A programme that funds and guides several projects, such as SWING."""

    naam = models.CharField("naam", max_length=200, unique=True)
    slug = models.SlugField("slug", max_length=200, unique=True)
    volledige_naam = models.CharField(
        "volledige naam",
        max_length=250,
        blank=True,
        help_text="Voluit, als de naam een afkorting is.",
    )
    samenvatting = models.TextField("samenvatting", help_text="Twee of drie zinnen, B1-niveau.")
    doel = models.TextField("doel", help_text="Wat het programma wilde bereiken. Markdown mag.")
    beschrijving = models.TextField(
        "beschrijving", blank=True, help_text="Achtergrond, verloop en conclusies. Markdown."
    )
    opdrachtgever = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmas_als_opdrachtgever",
        verbose_name="opdrachtgever",
    )
    uitvoerder = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmas_als_uitvoerder",
        verbose_name="uitvoerder",
    )
    startjaar = models.PositiveSmallIntegerField("startjaar", null=True, blank=True)
    eindjaar = models.PositiveSmallIntegerField("eindjaar", null=True, blank=True)
    gepubliceerd = models.BooleanField(
        "gepubliceerd", default=False, help_text="Alleen gepubliceerde programma's zijn te zien."
    )

    objects = ProgrammaQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "programma"
        verbose_name_plural = "programma's"
        constraints = [
            models.CheckConstraint(
                condition=Q(eindjaar__isnull=True)
                | Q(startjaar__isnull=True)
                | Q(eindjaar__gte=F("startjaar")),
                name="programma_periode_oplopend",
                violation_error_message="Het eindjaar kan niet vóór het startjaar liggen.",
            )
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("herstel:programma-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Bouwsteen(models.Model):
    """A building block (theme) of a programme; SWING has four."""

    programma = models.ForeignKey(
        Programma, on_delete=models.CASCADE, related_name="bouwstenen", verbose_name="programma"
    )
    naam = models.CharField("naam", max_length=200)
    slug = models.SlugField("slug", max_length=200, unique=True)
    beschrijving = models.TextField("beschrijving", blank=True, help_text="Markdown mag.")
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["programma__naam", "volgorde", "naam"]
        verbose_name = "bouwsteen"
        verbose_name_plural = "bouwstenen"

    def __str__(self):
        return self.naam

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["herstel.programma"]


class CijferGroep(models.TextChoices):
    DEELNEMERS = "deelnemers", "De deelnemers"
    RESULTATEN = "resultaten", "De resultaten"
    WEBSITES = "websites", "Bezoek aan de websites"


class ChildQuerySet(models.QuerySet):
    """Children of a parent with a slug: looked up by their own key plus the parent's slug."""

    parent_field = ""
    own_fields = ()

    def get_by_natural_key(self, *key):
        *own, parent_slug = key
        lookup = dict(zip(self.own_fields, own, strict=True))
        lookup[f"{self.parent_field}__slug"] = parent_slug
        return self.get(**lookup)


def child_manager(parent_field, *own_fields):
    queryset = type(
        f"{parent_field.title()}ChildQuerySet",
        (ChildQuerySet,),
        {"parent_field": parent_field, "own_fields": own_fields},
    )
    return queryset.as_manager()


class ProgrammaCijfer(models.Model):
    """A figure of the programme's dashboard ("in cijfers")."""

    programma = models.ForeignKey(
        Programma, on_delete=models.CASCADE, related_name="cijfers", verbose_name="programma"
    )
    groep = models.CharField("groep", max_length=20, choices=CijferGroep.choices)
    waarde = models.PositiveIntegerField("waarde")
    label = models.CharField(
        "label", max_length=200, help_text="Bijv. 'gecertificeerde instellingen'."
    )
    toelichting = models.CharField("toelichting", max_length=250, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = child_manager("programma", "label")

    class Meta:
        ordering = ["programma_id", "groep", "volgorde"]
        verbose_name = "cijfer"
        verbose_name_plural = "cijfers"
        constraints = [
            models.UniqueConstraint(
                fields=["programma", "label"],
                name="programmacijfer_uniek_label",
                violation_error_message="Dit programma heeft al een cijfer met dit label.",
            )
        ]

    def __str__(self):
        return f"{self.waarde} {self.label}"

    def natural_key(self):
        return (self.label, *self.programma.natural_key())

    natural_key.dependencies = ["herstel.programma"]


class ProjectStatus(models.TextChoices):
    GEPLAND = "gepland", "Gepland"
    LOPEND = "lopend", "Lopend"
    AFGEROND = "afgerond", "Afgerond"


class ProjectRol(models.TextChoices):
    PENVOERDER = "penvoerder", "Verantwoordelijk (penvoerder)"
    PROJECTLEIDING = "projectleiding", "Projectleiding"
    PARTNER = "partner", "Betrokken organisatie"
    METHODEONTWIKKELING = "methode", "Methodeontwikkeling"
    ONDERZOEK = "onderzoek", "Onderzoek"

    @classmethod
    def leading(cls):
        return [cls.PENVOERDER, cls.PROJECTLEIDING]


class ProjectQuerySet(SlugQuerySet):
    def published(self):
        """What the public may see. Every public view starts here."""
        return self.filter(gepubliceerd=True)

    def leading_organisations(self):
        return Prefetch(
            "projectorganisaties",
            queryset=Projectorganisatie.objects.filter(rol__in=ProjectRol.leading()).select_related(
                "organisatie"
            ),
            to_attr="leidende_organisaties",
        )

    def for_list(self):
        return self.select_related("programma", "hoofdbouwsteen").prefetch_related(
            "regios", self.leading_organisations()
        )

    def for_detail(self):
        return self.select_related("programma", "hoofdbouwsteen").prefetch_related(
            "regios",
            "bouwstenen",
            Prefetch(
                "projectorganisaties",
                queryset=Projectorganisatie.objects.select_related("organisatie"),
            ),
            Prefetch("opbrengsten", queryset=Opbrengst.objects.select_related("item")),
            "bereik",
            "lessen",
            "beoogde_resultaten",
            Prefetch("werkplaatsen", queryset=Werkplaats.objects.prefetch_related("bijeenkomsten")),
            Prefetch("symposia", queryset=Symposium.objects.published()),
        )

    def in_year(self, year):
        """Projects that ran (for part of) the given year."""
        return self.filter(startjaar__lte=year).filter(
            Q(eindjaar__gte=year) | Q(eindjaar__isnull=True)
        )

    def for_bouwsteen(self, bouwsteen):
        """Projects with this building block as main goal or as one they also worked on."""
        also = Project.bouwstenen.through.objects.filter(bouwsteen=bouwsteen)
        return self.filter(Q(hoofdbouwsteen=bouwsteen) | Q(pk__in=also.values("project_id")))

    def year_range(self):
        values = self.aggregate(
            first=Min("startjaar"), last_start=Max("startjaar"), last_end=Max("eindjaar")
        )
        if values["first"] is None:
            return []
        last = max(v for v in (values["last_start"], values["last_end"]) if v is not None)
        return list(range(values["first"], last + 1))


class Project(models.Model):
    naam = models.CharField("naam", max_length=250)
    # No angle brackets in help texts: the admin shows them as HTML ("/projecten//.").
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="Het laatste stuk van het webadres, zoals werkplaats-jr-2-0 in "
        "/projecten/werkplaats-jr-2-0/. Verander dit niet meer na publicatie: andere pagina's "
        "linken ernaar.",
    )
    programma = models.ForeignKey(
        Programma,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projecten",
        verbose_name="programma",
    )
    volgorde = models.PositiveSmallIntegerField(
        "nummer in het programma", default=0, help_text="Volgorde binnen het programma."
    )
    projectnummer = models.CharField(
        "projectnummer", max_length=40, blank=True, help_text="Het nummer van de subsidiegever."
    )
    samenvatting = models.TextField("samenvatting", help_text="Twee of drie zinnen, B1-niveau.")
    aanleiding = models.TextField(
        "aanleiding", blank=True, help_text="Waarom dit project? Markdown."
    )
    doel = models.TextField("doel", help_text="Markdown.")
    aanpak = models.TextField("aanpak", blank=True, help_text="Hoe is er gewerkt? Markdown.")
    resultaten = models.TextField(
        "resultaten en praktijkervaring", blank=True, help_text="Wat leverde het op? Markdown."
    )
    praktijkonderzoek = models.TextField("praktijkonderzoek", blank=True, help_text="Markdown.")
    eindverslag = models.TextField(
        "eindverslag",
        blank=True,
        help_text="De kern van het eindverslag, in eigen woorden. Markdown.",
    )
    startjaar = models.PositiveSmallIntegerField("startjaar", null=True, blank=True)
    eindjaar = models.PositiveSmallIntegerField("eindjaar", null=True, blank=True)
    periode_toelichting = models.CharField(
        "toelichting op de periode",
        max_length=250,
        blank=True,
        help_text="Bijv. 'uitvoering december 2015 tot en met maart 2016'.",
    )
    regios = models.ManyToManyField(
        Regio, related_name="projecten", blank=True, verbose_name="regio's (provincies)"
    )
    regio_omschrijving = models.CharField(
        "regio", max_length=250, blank=True, help_text="Zoals de regio heet, bijv. 'IJmond'."
    )
    projectleider = models.CharField("projectleider", max_length=120, blank=True)
    projectleider_rol = models.CharField(
        "rol van de projectleider",
        max_length=200,
        blank=True,
        help_text="Bijv. 'projectleider en penvoerder'.",
    )
    organisaties = models.ManyToManyField(
        Organisatie,
        through="Projectorganisatie",
        related_name="projecten",
        blank=True,
        verbose_name="organisaties",
    )
    overige_betrokkenen = models.TextField(
        "overige betrokkenen",
        blank=True,
        help_text="Betrokkenen die geen organisatie zijn, bijv. 'lokale wijkteams' of experts.",
    )
    hoofdbouwsteen = models.ForeignKey(
        Bouwsteen,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hoofdprojecten",
        verbose_name="bouwsteen (hoofddoel)",
    )
    bouwstenen = models.ManyToManyField(
        Bouwsteen,
        related_name="projecten",
        blank=True,
        verbose_name="draagt ook bij aan",
        help_text="Andere bouwstenen waar het project aan werkte.",
    )
    status = models.CharField(
        "status", max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.AFGEROND
    )
    bron = models.CharField(
        "bron", max_length=300, blank=True, help_text="Waar deze gegevens vandaan komen."
    )
    gepubliceerd = models.BooleanField(
        "gepubliceerd", default=False, help_text="Alleen gepubliceerde projecten zijn te zien."
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = [F("startjaar").desc(nulls_last=True), "volgorde", "naam"]
        verbose_name = "project"
        verbose_name_plural = "projecten"
        constraints = [
            models.CheckConstraint(
                condition=Q(eindjaar__isnull=True)
                | Q(startjaar__isnull=True)
                | Q(eindjaar__gte=F("startjaar")),
                name="project_periode_oplopend",
                violation_error_message="Het eindjaar kan niet vóór het startjaar liggen.",
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_PROJECT_SLUGS),
                name="project_slug_niet_gereserveerd",
                violation_error_message="Deze slug is al in gebruik door een andere pagina.",
            ),
            models.UniqueConstraint(
                fields=["projectnummer"],
                condition=~Q(projectnummer=""),
                name="project_projectnummer_uniek",
                violation_error_message="Dit projectnummer hoort al bij een ander project.",
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("herstel:project-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def periode(self):
        if self.startjaar and self.eindjaar and self.eindjaar != self.startjaar:
            return f"{self.startjaar}–{self.eindjaar}"
        if self.startjaar:
            return (
                f"vanaf {self.startjaar}"
                if self.status == ProjectStatus.LOPEND
                else str(self.startjaar)
            )
        return ""


class Projectorganisatie(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="projectorganisaties"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="projectrollen"
    )
    rol = models.CharField("rol", max_length=20, choices=ProjectRol.choices)
    toelichting = models.CharField("toelichting", max_length=250, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = child_manager("project", "organisatie__slug")

    class Meta:
        ordering = ["project_id", "volgorde", "organisatie__naam"]
        verbose_name = "organisatie in het project"
        verbose_name_plural = "organisaties in het project"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisatie"],
                name="projectorganisatie_een_keer",
                violation_error_message="Deze organisatie staat al bij het project.",
            )
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.get_rol_display()})"

    def natural_key(self):
        return (self.organisatie.slug, *self.project.natural_key())

    natural_key.dependencies = ["herstel.project", "herstel.organisatie"]


class OpbrengstSoort(models.TextChoices):
    TOOL = "tool", "Tool of werkvorm"
    WERKWIJZE = "werkwijze", "Werkwijze of methode"
    HANDLEIDING = "handleiding", "Handleiding of praktijkgids"
    HANDREIKING = "handreiking", "Handreiking of hand-out"
    WEBSITE = "website", "Website"
    FILM = "film", "Film"
    SYMPOSIUM = "symposium", "Symposium"
    BORGINGSPLAN = "borgingsplan", "Borgingsplan"
    ONDERZOEK = "onderzoek", "Onderzoek of rapport"
    TRAINING = "training", "Training"
    SPEL = "spel", "Spel"
    OVERIG = "overig", "Overig"


class Opbrengst(models.Model):
    """A deliverable of a project, linked to its knowledge item when there is one."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="opbrengsten")
    titel = models.CharField("titel", max_length=250)
    soort = models.CharField("soort", max_length=20, choices=OpbrengstSoort.choices)
    beschrijving = models.TextField("beschrijving", blank=True)
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opbrengsten",
        verbose_name="kennisitem",
        help_text="Staat deze opbrengst op het kennisplein? Kies dan het item.",
    )
    url = models.CharField(
        "link",
        max_length=300,
        blank=True,
        validators=[validate_site_or_web_address],
        help_text="Een pagina op deze site, zoals /gesprekstool/, of een webadres dat begint "
        "met https://. Alleen nodig als de opbrengst geen kennisitem is.",
    )
    bestand = models.FileField(
        "bestand",
        upload_to="projecten/opbrengsten/",
        blank=True,
        validators=[FileTypeValidator(DOCUMENT_EXTENSIONS + IMAGE_EXTENSIONS)],
        help_text="Een pdf, een Word-, Excel-, PowerPoint- of OpenDocument-bestand, of een "
        "afbeelding (JPEG, PNG of WebP).",
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = child_manager("project", "titel")

    class Meta:
        ordering = ["project_id", "volgorde", "titel"]
        verbose_name = "opbrengst"
        verbose_name_plural = "opbrengsten"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "titel"],
                name="opbrengst_titel_uniek",
                violation_error_message="Dit project heeft al een opbrengst met deze titel.",
            )
        ]

    def __str__(self):
        return self.titel

    def natural_key(self):
        return (self.titel, *self.project.natural_key())

    natural_key.dependencies = ["herstel.project", "kennisplein.item"]

    @property
    def item_url(self):
        """The kennisplein page, only when the item is published (a draft would be a 404)."""
        if self.item_id and self.item.is_published:
            return self.item.get_absolute_url()
        return ""

    @property
    def link(self):
        """Where the deliverable's title leads: its kennisplein item, else its own link."""
        return self.item_url or self.url


class Bereik(models.Model):
    """A labelled figure of whom a project reached: "100 gezinnen"."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="bereik")
    groep = models.CharField(
        "groep",
        max_length=120,
        blank=True,
        help_text="Bijv. 'Uitvoering project' of de naam van een onderdeel.",
    )
    aantal = models.PositiveIntegerField("aantal")
    label = models.CharField("wie", max_length=200, help_text="Bijv. 'gezinnen'.")
    toelichting = models.CharField("toelichting", max_length=250, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = child_manager("project", "groep", "label")

    class Meta:
        ordering = ["project_id", "volgorde", "pk"]
        verbose_name = "bereik"
        verbose_name_plural = "bereik"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "groep", "label"],
                name="bereik_uniek_per_groep",
                violation_error_message="Dit cijfer staat al in deze groep.",
            ),
            models.CheckConstraint(
                condition=Q(aantal__gte=0),
                name="bereik_aantal_niet_negatief",
                violation_error_message="Een aantal kan niet negatief zijn.",
            ),
        ]

    def __str__(self):
        return f"{self.aantal} {self.label}"

    def natural_key(self):
        return (self.groep, self.label, *self.project.natural_key())

    natural_key.dependencies = ["herstel.project"]


class Les(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="lessen")
    titel = models.CharField("les", max_length=250)
    toelichting = models.TextField("toelichting", blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = child_manager("project", "titel")

    class Meta:
        ordering = ["project_id", "volgorde", "titel"]
        verbose_name = "les"
        verbose_name_plural = "lessen"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "titel"],
                name="les_titel_uniek",
                violation_error_message="Dit project heeft al een les met deze titel.",
            )
        ]

    def __str__(self):
        return self.titel

    def natural_key(self):
        return (self.titel, *self.project.natural_key())

    natural_key.dependencies = ["herstel.project"]


class Bestemming(models.TextChoices):
    GEEN = "", "Geen link"
    GESPREKSTOOL = "gesprekstool", "De gesprekstool"
    KENNISPLEIN = "kennisplein", "Het kennisplein"
    VIDEOS = "videos", "De succesfilmpjes op het kennisplein"
    SYMPOSIUM = "symposium", "De symposiumpagina van het project"
    PROJECT = "project", "De projectpagina"


class BeoogdResultaat(models.Model):
    """An intended result of a project, and where this website delivers it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="beoogde_resultaten"
    )
    nummer = models.PositiveSmallIntegerField("nummer")
    omschrijving = models.TextField("beoogd resultaat")
    op_de_site = models.TextField(
        "wat je ervan terugziet", blank=True, help_text="Hoe deze website het resultaat laat zien."
    )
    bestemming = models.CharField(
        "link naar", max_length=20, choices=Bestemming.choices, blank=True
    )

    objects = child_manager("project", "nummer")

    class Meta:
        ordering = ["project_id", "nummer"]
        verbose_name = "beoogd resultaat"
        verbose_name_plural = "beoogde resultaten"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "nummer"],
                name="beoogdresultaat_nummer_uniek",
                violation_error_message="Dit nummer is al gebruikt.",
            )
        ]

    def __str__(self):
        return f"{self.nummer}. {self.omschrijving[:60]}"

    def natural_key(self):
        return (self.nummer, *self.project.natural_key())

    natural_key.dependencies = ["herstel.project"]

    def link(self, symposia=()):
        """(url, label) of the page that delivers this result, or None."""
        if self.bestemming == Bestemming.GESPREKSTOOL:
            return reverse("gesprekstool:start"), "Naar de gesprekstool"
        if self.bestemming == Bestemming.KENNISPLEIN:
            return reverse("kennisplein:item-list"), "Naar het kennisplein"
        if self.bestemming == Bestemming.VIDEOS:
            return reverse("kennisplein:item-list") + "?type=video", "Bekijk de succesfilmpjes"
        if self.bestemming == Bestemming.SYMPOSIUM and symposia:
            return symposia[0].get_absolute_url(), "Naar de symposiumpagina"
        if self.bestemming == Bestemming.PROJECT:
            return self.project.get_absolute_url(), "Naar de projectpagina"
        return None


class Werkplaats(models.Model):
    """A learning workshop of a project: people from several organisations learning together."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="werkplaatsen")
    naam = models.CharField("naam", max_length=200)
    regio = models.CharField("regio", max_length=250, blank=True)
    deelnemers = models.TextField("deelnemers", blank=True, help_text="Welke rollen deden mee?")
    beschrijving = models.TextField("beschrijving", blank=True, help_text="Markdown mag.")
    aantal_bijeenkomsten = models.PositiveSmallIntegerField(
        "aantal bijeenkomsten",
        null=True,
        blank=True,
        help_text="Ook invullen als niet elke bijeenkomst hieronder beschreven is.",
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = child_manager("project", "naam")

    class Meta:
        ordering = ["project_id", "volgorde", "naam"]
        verbose_name = "werkplaats"
        verbose_name_plural = "werkplaatsen"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "naam"],
                name="werkplaats_naam_uniek",
                violation_error_message="Dit project heeft al een werkplaats met deze naam.",
            )
        ]

    def __str__(self):
        return self.naam

    def natural_key(self):
        return (self.naam, *self.project.natural_key())

    natural_key.dependencies = ["herstel.project"]


class BijeenkomstQuerySet(models.QuerySet):
    def get_by_natural_key(self, volgnummer, werkplaats_naam, project_slug):
        return self.get(
            volgnummer=volgnummer,
            werkplaats__naam=werkplaats_naam,
            werkplaats__project__slug=project_slug,
        )


class Bijeenkomst(models.Model):
    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.CASCADE, related_name="bijeenkomsten"
    )
    volgnummer = models.PositiveSmallIntegerField("volgnummer")
    datum = models.DateField("datum", null=True, blank=True)
    thema = models.CharField("thema", max_length=250)
    deelnemers = models.TextField("wie deden mee", blank=True)
    verslag = models.TextField("kort verslag", blank=True)

    objects = BijeenkomstQuerySet.as_manager()

    class Meta:
        ordering = ["werkplaats_id", "volgnummer"]
        verbose_name = "bijeenkomst"
        verbose_name_plural = "bijeenkomsten"
        constraints = [
            models.UniqueConstraint(
                fields=["werkplaats", "volgnummer"],
                name="bijeenkomst_volgnummer_uniek",
                violation_error_message="Dit volgnummer is al gebruikt in deze werkplaats.",
            )
        ]

    def __str__(self):
        return f"{self.volgnummer}. {self.thema}"

    def natural_key(self):
        return (self.volgnummer, *self.werkplaats.natural_key())

    natural_key.dependencies = ["herstel.werkplaats"]


class SymposiumQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(gepubliceerd=True)


class Symposium(models.Model):
    titel = models.CharField("titel", max_length=250)
    slug = models.SlugField("slug", max_length=200, unique=True)
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="symposia",
        verbose_name="project",
    )
    jaar = models.PositiveSmallIntegerField("jaar", null=True, blank=True)
    datum = models.DateField("datum", null=True, blank=True)
    plaats = models.CharField("plaats", max_length=200, blank=True)
    doelgroep = models.CharField("voor wie", max_length=300, blank=True)
    inleiding = models.TextField("inleiding", help_text="Markdown mag.")
    opname = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="symposia",
        verbose_name="opname (video-item)",
        limit_choices_to={"type": "video"},
    )
    gepubliceerd = models.BooleanField("gepubliceerd", default=False)

    objects = SymposiumQuerySet.as_manager()

    class Meta:
        ordering = [F("jaar").desc(nulls_last=True), "titel"]
        verbose_name = "symposium"
        verbose_name_plural = "symposia"

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("herstel:symposium-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["herstel.project", "kennisplein.item"]

    @property
    def opname_url(self):
        if self.opname_id and self.opname.is_published:
            return self.opname.get_absolute_url()
        return ""


class SymposiumOnderdeel(models.Model):
    symposium = models.ForeignKey(Symposium, on_delete=models.CASCADE, related_name="onderdelen")
    volgorde = models.PositiveSmallIntegerField("volgorde")
    tijd = models.TimeField("tijd", null=True, blank=True)
    titel = models.CharField("onderwerp", max_length=250)
    spreker = models.CharField(
        "spreker", max_length=250, blank=True, help_text="Naam of rol en organisatie."
    )
    toelichting = models.TextField("toelichting", blank=True)

    objects = child_manager("symposium", "volgorde")

    class Meta:
        ordering = ["symposium_id", "volgorde"]
        verbose_name = "programmaonderdeel"
        verbose_name_plural = "programma"
        constraints = [
            models.UniqueConstraint(
                fields=["symposium", "volgorde"],
                name="symposiumonderdeel_volgorde_uniek",
                violation_error_message="Dit nummer is al gebruikt in het programma.",
            )
        ]

    def __str__(self):
        return self.titel

    def natural_key(self):
        return (self.volgorde, *self.symposium.natural_key())

    natural_key.dependencies = ["herstel.symposium"]


class SeedFile(models.Model):
    """A fixture file from fixtures/ that `manage.py seed` has loaded into this database.

    Recording files one by one lets a database that already has content take the seed files
    that a newer version adds, without reloading (and overwriting) what editors have changed.
    """

    name = models.CharField("bestand", max_length=200, unique=True)
    loaded_at = models.DateTimeField("geladen op", auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "geladen startbestand"
        verbose_name_plural = "geladen startbestanden"

    def __str__(self):
        return self.name


# --- Tools for editors: the accessibility statement, the link check, the content package ---


class ToegankelijkheidStatus(models.TextChoices):
    """The statuses of the Dutch government's model statement (toegankelijkheidsverklaring)."""

    A = "A", "A — voldoet volledig aan de eisen"
    B = "B", "B — voldoet gedeeltelijk aan de eisen"
    C = "C", "C — eerste maatregelen genomen"
    D = "D", "D — voldoet niet aan de eisen"


class Toegankelijkheidsverklaring(models.Model):
    """The site's one accessibility statement, in the parts of the government's model.

    A singleton: the primary key is always 1 (a named constraint holds it), so editors change the
    statement instead of adding a second one. No row means no statement yet; the public page says
    so instead of inventing one.
    """

    SINGLETON_PK = 1

    id = models.PositiveSmallIntegerField(primary_key=True, editable=False)
    organisatie = models.CharField(
        "organisatie",
        max_length=200,
        help_text="Wie is verantwoordelijk voor deze website? Bijvoorbeeld uw organisatie.",
    )
    status = models.CharField(
        "status",
        max_length=1,
        choices=ToegankelijkheidStatus.choices,
        help_text="Hoe ver is de website? Kies de status uit het laatste onderzoek.",
    )
    datum_verklaring = models.DateField(
        "datum van deze verklaring", help_text="Wanneer is deze verklaring vastgesteld?"
    )
    laatste_onderzoek = models.DateField(
        "datum van het laatste onderzoek",
        help_text="Wanneer is de website voor het laatst op toegankelijkheid gecontroleerd?",
    )
    onderzoek = models.TextField(
        "hoe is er onderzocht",
        help_text="Wie heeft de website gecontroleerd, en hoe? Markdown mag.",
    )
    nog_niet_in_orde = models.TextField(
        "wat nog niet voldoet",
        blank=True,
        help_text=(
            "Welke onderdelen voldoen nog niet, waarom niet, en wanneer is het opgelost? "
            "Leeg laten als alles voldoet. Markdown mag."
        ),
    )
    contact = models.TextField(
        "contact",
        help_text="Hoe kan iemand een probleem melden? Bijvoorbeeld een e-mailadres.",
    )
    klachten = models.TextField(
        "klacht indienen",
        help_text=(
            "Wat kan iemand doen als de reactie niet goed is? Noem de klachtenregeling en de "
            "Nationale ombudsman. Markdown mag."
        ),
    )
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True)

    class Meta:
        verbose_name = "toegankelijkheidsverklaring"
        verbose_name_plural = "toegankelijkheidsverklaring"
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="toegankelijkheidsverklaring_enkel",
                violation_error_message="Er is maar één toegankelijkheidsverklaring.",
            ),
            models.CheckConstraint(
                condition=Q(laatste_onderzoek__lte=F("datum_verklaring")),
                name="toegankelijkheid_onderzoek_voor_verklaring",
                violation_error_message=(
                    "Het onderzoek moet op of vóór de datum van de verklaring liggen."
                ),
            ),
        ]

    def __str__(self):
        return "Toegankelijkheidsverklaring"

    def save(self, *args, **kwargs):
        self.id = self.SINGLETON_PK
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("toegankelijkheid")

    @property
    def status_tekst(self):
        """The status as a sentence ending: "voldoet gedeeltelijk aan de eisen"."""
        return self.get_status_display().split(" — ", 1)[-1]


class LinkSoort(models.TextChoices):
    PAGINA = "pagina", "pagina bestaat niet"
    ITEM = "item", "verwijst naar iets dat ontbreekt"
    BESTAND = "bestand", "bestand ontbreekt"
    EXTERN = "extern", "externe link werkt niet"
    ONBEREIKBAAR = "onbereikbaar", "externe site niet bereikbaar"


class Linkprobleem(models.Model):
    """A link in a Markdown text that did not work at the last link check (herstel.linkcheck).

    Rows are replaced by every run of `manage.py linkcontrole`; editors read them in the admin.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name="soort inhoud"
    )
    object_id = models.PositiveBigIntegerField("id")
    bron = models.CharField("waar", max_length=300)
    veld = models.CharField("veld", max_length=100)
    link = models.CharField("link", max_length=2000)
    soort = models.CharField("probleem", max_length=20, choices=LinkSoort.choices)
    melding = models.CharField("toelichting", max_length=300)
    gecontroleerd = models.DateTimeField("gecontroleerd op")

    class Meta:
        ordering = ["content_type_id", "bron", "veld", "link"]
        verbose_name = "linkprobleem"
        verbose_name_plural = "linkproblemen"

    def __str__(self):
        return f"{self.bron}: {self.link}"


class Inhoudspakket(models.Model):
    """No table: only the permissions to download and import the content package in the admin."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("inhoud_exporteren", "Mag het inhoudspakket downloaden"),
            ("inhoud_importeren", "Mag een inhoudspakket importeren in een lege website"),
        ]
        verbose_name = "inhoudspakket"
        verbose_name_plural = "inhoudspakket"

    def __str__(self):
        return "Inhoudspakket"


class Leesniveau(models.Model):
    """No table: the admin's list of texts furthest from B1 (herstel.leesniveau) hangs on it."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = "leesniveau"
        verbose_name_plural = "leesniveau van teksten"

    def __str__(self):
        return "Leesniveau"
