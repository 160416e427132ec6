from django.db import models
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
