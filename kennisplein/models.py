from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from .uploads import (
    DOCUMENT_EXTENSIONS,
    IMAGE_EXTENSIONS,
    SUBTITLE_EXTENSIONS,
    VIDEO_EXTENSIONS,
    FileTypeValidator,
)


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


class Doelgroep(models.Model):
    """Who an item is written for, such as "Jeugdreclasseerder" or "Jongere zelf"."""

    slug = models.SlugField("slug", max_length=80, unique=True)
    naam = models.CharField("naam", max_length=120, unique=True)
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lager komt eerder in het filter."
    )

    objects = ThemaQuerySet.as_manager()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"

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


# The kinds of tag an item carries: the name in the query string and the many-to-many field.
TAG_FIELDS = {"pijler": "pijlers", "thema": "themas", "doelgroep": "doelgroepen"}


def tag_links(field_name):
    """The link model of one kind of tag ("pijlers", …) and its column with the tag's id."""
    field = Item._meta.get_field(field_name)
    return field.remote_field.through, field.m2m_reverse_name()


# Columns a list or search page never shows: left out of those queries.
SEARCH_COLUMNS = ["search_vector", "rank_vector", "titel_vector"]
LIST_DEFERRED_FIELDS = [
    "inhoud",
    *SEARCH_COLUMNS,
    "video",
    "ondertitels",
    "video_url",
]


class ItemQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. Every public view starts here."""
        return self.filter(status=ItemStatus.GEPUBLICEERD)

    def with_tag_ids(self):
        """The ids of the item's pillars, themes and audiences (pijler_ids, thema_ids,
        doelgroep_ids) as arrays in the same row; tags.Tags has the tags themselves."""

        def ids(field_name):
            links, column = tag_links(field_name)
            mine = links.objects.filter(item_id=OuterRef("pk")).order_by()
            return ArraySubquery(mine.values(column))

        return self.annotate(**{f"{kind}_ids": ids(name) for kind, name in TAG_FIELDS.items()})

    def for_list(self):
        """Cards on list pages: tag ids, without the heavy columns (see tags.Tags.attach)."""
        return self.defer(*LIST_DEFERRED_FIELDS).with_tag_ids()

    def for_page(self):
        """An item page: the row without its search columns (the rest is loaded when needed)."""
        return self.defer(*SEARCH_COLUMNS)

    def for_detail(self):
        """An item page with its tag ids and whether it has attachments (see tags.Tags.attach)."""
        attachments = Bijlage.objects.filter(item_id=OuterRef("pk"))
        return self.for_page().with_tag_ids().annotate(has_attachments=Exists(attachments))

    def newest_first(self):
        return self.order_by("-publicatiedatum", "-id")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Item(models.Model):
    """A piece of knowledge: a method, tool, piece of research, practice example, video, tip…"""

    type = models.CharField("soort", max_length=20, choices=ItemType.choices)
    titel = models.CharField("titel", max_length=200)
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="Het laatste stuk van het webadres. Verander dit niet meer na publicatie: "
        "andere pagina's linken ernaar.",
    )
    samenvatting = models.TextField(
        "samenvatting", help_text="Twee of drie zinnen: wat is het en wat heb je eraan?"
    )
    inhoud = models.TextField(
        "inhoud",
        blank=True,
        help_text="Markdown: ## voor een tussenkop, - voor een opsomming, **vet**, "
        "[tekst](https://…) voor een link. HTML en scripts worden weggefilterd.",
    )
    pijlers = models.ManyToManyField(Pijler, related_name="items", verbose_name="pijlers")
    themas = models.ManyToManyField(Thema, related_name="items", blank=True, verbose_name="thema's")
    doelgroepen = models.ManyToManyField(
        Doelgroep,
        related_name="items",
        blank=True,
        verbose_name="doelgroepen",
        help_text="Voor wie is dit vooral bedoeld?",
    )
    bron = models.CharField(
        "bron of organisatie",
        max_length=200,
        blank=True,
        help_text="Wie heeft het gemaakt of uitgegeven, bijvoorbeeld een project of organisatie.",
    )
    afbeelding = models.ImageField(
        "afbeelding",
        upload_to="kennisplein/afbeeldingen/",
        blank=True,
        validators=[FileTypeValidator(IMAGE_EXTENSIONS)],
        help_text="Een foto of illustratie als JPEG, PNG of WebP.",
    )
    afbeelding_alt = models.CharField(
        "beschrijving van de afbeelding",
        max_length=250,
        blank=True,
        help_text="Wat staat er op de afbeelding? Verplicht als je een afbeelding kiest; "
        "schermlezers lezen dit voor.",
    )
    video = models.FileField(
        "videobestand",
        upload_to="kennisplein/video/",
        blank=True,
        validators=[FileTypeValidator(VIDEO_EXTENSIONS)],
        help_text="Een eigen videobestand (mp4 of webm). Dan is ook een ondertitelbestand nodig.",
    )
    ondertitels = models.FileField(
        "ondertitels",
        upload_to="kennisplein/video/",
        blank=True,
        validators=[FileTypeValidator(SUBTITLE_EXTENSIONS)],
        help_text="Ondertitels bij het videobestand, als WebVTT-bestand (.vtt).",
    )
    video_url = models.URLField(
        "link naar video elders",
        blank=True,
        help_text="Een video op een andere website (bijvoorbeeld YouTube of Vimeo). Bezoekers "
        "zien eerst een knop; pas na een klik gaan ze naar die website.",
    )
    gerelateerd = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        verbose_name="gerelateerde items",
        help_text="Kies zelf wat erbij past. Leeg laten: de site kiest items met dezelfde "
        "thema's en pijlers.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=ItemStatus.choices,
        default=ItemStatus.CONCEPT,
        help_text="Alleen gepubliceerde items zijn te zien voor bezoekers.",
    )
    publicatiedatum = models.DateField(
        "publicatiedatum",
        null=True,
        blank=True,
        help_text="Leeg laten bij publiceren: dan wordt het vandaag.",
    )
    # db_default too, so fixtures (raw saves, which skip auto_now) get a timestamp.
    aangemaakt = models.DateTimeField("aangemaakt", auto_now_add=True, db_default=Now())
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True, db_default=Now())
    # Filled by a database trigger (migration 0003) on every insert and update, and when the
    # item's themes change, so bulk changes and raw SQL keep it current too.
    search_vector = SearchVectorField("zoekindex", null=True, editable=False, serialize=False)
    # The title alone and the title with the summary, also kept by the trigger: "best match"
    # puts hits in the title first, then in the summary, then the rest (see facets.py).
    titel_vector = SearchVectorField("titelindex", null=True, editable=False, serialize=False)
    rank_vector = SearchVectorField("rangschikking", null=True, editable=False, serialize=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["titel"]
        verbose_name = "kennisitem"
        verbose_name_plural = "kennisitems"
        indexes = [
            GinIndex(fields=["search_vector"], name="item_zoekvector_gin"),
            GinIndex(fields=["rank_vector"], name="item_rangvector_gin"),
            GinIndex(fields=["titel_vector"], name="item_titelvector_gin"),
            models.Index(
                fields=["status", "-publicatiedatum", "-id"], name="item_status_nieuwste_idx"
            ),
            models.Index(fields=["status", "titel"], name="item_status_titel_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(afbeelding="") | ~Q(afbeelding_alt=""),
                name="item_afbeelding_heeft_alt_tekst",
            ),
            models.CheckConstraint(
                condition=Q(video="") | ~Q(ondertitels=""),
                name="item_video_heeft_ondertitels",
            ),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.GEPUBLICEERD) | Q(publicatiedatum__isnull=False),
                name="item_gepubliceerd_heeft_datum",
            ),
        ]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        if self.status == ItemStatus.GEPUBLICEERD and self.publicatiedatum is None:
            self.publicatiedatum = timezone.localdate()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("kennisplein:item-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == ItemStatus.GEPUBLICEERD

    @property
    def video_host(self):
        """The other website a video link leads to, named before the visitor clicks."""
        return (urlsplit(self.video_url).hostname or "").removeprefix("www.")


class Bijlage(models.Model):
    """A downloadable file that belongs to an item: a PDF, a Word or Excel file, a presentation."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="bijlagen", verbose_name="item"
    )
    titel = models.CharField(
        "titel",
        max_length=200,
        help_text="Zoals bezoekers de link zien, bijvoorbeeld 'Werkblad tijdlijnen'.",
    )
    bestand = models.FileField(
        "bestand",
        upload_to="kennisplein/bijlagen/",
        validators=[FileTypeValidator(DOCUMENT_EXTENSIONS)],
        help_text="PDF, Word, Excel, PowerPoint of OpenDocument.",
    )
    grootte = models.PositiveBigIntegerField("grootte in bytes", default=0, editable=False)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["volgorde", "id"]
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        if self.bestand:
            try:
                self.grootte = self.bestand.size
            except OSError:
                self.grootte = 0
        super().save(*args, **kwargs)

    @property
    def bestandstype(self):
        """The file type as visitors know it: PDF, Word, Excel…"""
        extension = Path(self.bestand.name).suffix.lower().lstrip(".")
        return FILE_TYPE_NAMES.get(extension, extension.upper())


FILE_TYPE_NAMES = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "odt": "OpenDocument-tekst",
    "xls": "Excel",
    "xlsx": "Excel",
    "ods": "OpenDocument-rekenblad",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "odp": "OpenDocument-presentatie",
}


class Zoekwoord(models.Model):
    """A word that occurs in published items: the vocabulary for "Bedoelde je …?" suggestions.

    Kept current on save and refreshed by `manage.py zoekwoorden`; a suggestion is only shown
    after checking that it finds something, so a stale word does no harm.
    """

    woord = models.CharField("woord", max_length=60, primary_key=True)
    aantal = models.PositiveIntegerField("in hoeveel items", default=0)

    class Meta:
        ordering = ["woord"]
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"

    def __str__(self):
        return self.woord
