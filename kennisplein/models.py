from django.db import models
from django.db.models.functions import Now
from django.urls import reverse


class PijlerColor(models.TextChoices):
    # Each colour maps to a CSS class (pijler--<value>); the palette is checked for contrast
    # in the stylesheet, so editors cannot pick an unreadable colour.
    GROEN = "groen", "Groen"
    BLAUW = "blauw", "Blauw"
    ORANJE = "oranje", "Oranje"
    PAARS = "paars", "Paars"


class PijlerQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Pijler(models.Model):
    """One of the four pillars of herstel that everything on the site hangs on."""

    slug = models.SlugField("slug", max_length=80, unique=True)
    naam = models.CharField("naam", max_length=80, unique=True)
    kleur = models.CharField(
        "kleur", max_length=10, choices=PijlerColor.choices, default=PijlerColor.GROEN
    )
    korte_tekst = models.CharField(
        "korte tekst",
        max_length=240,
        help_text="Eén of twee zinnen voor de kaart op de homepage. Schrijf op B1-niveau.",
    )
    uitleg = models.TextField(
        "uitleg", help_text="Wat deze pijler inhoudt en waarom hij ertoe doet. Markdown mag."
    )
    tips = models.TextField(
        "tips voor de professional",
        blank=True,
        help_text="Praktische tips, één per regel als lijst (begin de regel met '- '). Markdown.",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lager komt eerder."
    )

    objects = PijlerQuerySet.as_manager()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = "pijler"
        verbose_name_plural = "pijlers"

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("kennisplein:pijler-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class ThemaQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Thema(models.Model):
    """A subject that cuts across pillars, such as "Netwerk betrekken" or "Veiligheid"."""

    slug = models.SlugField("slug", max_length=80, unique=True)
    naam = models.CharField("naam", max_length=120, unique=True)

    objects = ThemaQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"

    def __str__(self):
        return self.naam

    def natural_key(self):
        return (self.slug,)


class ItemType(models.TextChoices):
    ARTIKEL = "artikel", "Artikel"
    METHODE = "methode", "Methode"
    TOOL = "tool", "Tool of werkvorm"
    ONDERZOEK = "onderzoek", "Onderzoek"
    PRAKTIJKVOORBEELD = "praktijkvoorbeeld", "Praktijkvoorbeeld"
    VIDEO = "video", "Video"
    FACTSHEET = "factsheet", "Factsheet"
    TIP = "tip", "Tip"


class ItemStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"


class ItemQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. Every public view starts here."""
        return self.filter(status=ItemStatus.GEPUBLICEERD)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Item(models.Model):
    """A piece of knowledge: a method, tool, piece of research, practice example, video, tip…"""

    type = models.CharField("soort", max_length=20, choices=ItemType.choices)
    titel = models.CharField("titel", max_length=200)
    slug = models.SlugField("slug", max_length=200, unique=True)
    samenvatting = models.TextField(
        "samenvatting", help_text="Twee of drie zinnen: wat is het en wat heb je eraan?"
    )
    inhoud = models.TextField("inhoud", blank=True, help_text="Markdown.")
    pijlers = models.ManyToManyField(Pijler, related_name="items", verbose_name="pijlers")
    themas = models.ManyToManyField(Thema, related_name="items", blank=True, verbose_name="thema's")
    status = models.CharField(
        "status", max_length=20, choices=ItemStatus.choices, default=ItemStatus.CONCEPT
    )
    publicatiedatum = models.DateField("publicatiedatum", null=True, blank=True)
    # db_default too, so fixtures (raw saves, which skip auto_now) get a timestamp.
    aangemaakt = models.DateTimeField("aangemaakt", auto_now_add=True, db_default=Now())
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True, db_default=Now())

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["titel"]
        verbose_name = "kennisitem"
        verbose_name_plural = "kennisitems"

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("kennisplein:item-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
