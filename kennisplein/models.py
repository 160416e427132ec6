"""The knowledge base: pillars, themes, audiences, items and their attachments, and search.

The search schema is defined here, once. An item's words are prepared in Python (search.py:
folded, base forms, parts of compounds) into `search_title` (weight A), `search_summary` and
`search_tags` (B) and `search_rest` (C). PostgreSQL generates from those, with the `dutch`
configuration (Snowball stems, stop words): `search_vector` (all of it, GIN index) to find
items and `rank_vector` (without the body) to rank them; `words_vector` holds title and summary
with every word, also very common ones, for a query of only such words. `save()` prepares what
comes from the item's own row; indexing.py prepares `search_tags` when its tags change;
`manage.py kennisplein_zoekindex` prepares everything again (after bulk changes or a change to
search.py). `ItemQuerySet.search()` finds and ranks, `with_snippets()` marks the matches.
The facets read each item's tag ids from its own row, kept there by PostgreSQL (tag_ids.py).
"""

import html
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Case, ExpressionWrapper, F, Func, Prefetch, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Now, Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from . import search, tag_ids
from .markdown import render_markdown
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


# A lookup, not ItemType(value): a row without a type (a bad import) still saves its search texts.
TYPE_LABELS = dict(ItemType.choices)


class ItemStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"


# The kinds of tag an item carries: the name in the query string and the many-to-many field.
TAG_FIELDS = {"pijler": "pijlers", "thema": "themas", "doelgroep": "doelgroepen"}

MARKS = {"start_sel": search.START, "stop_sel": search.STOP, "config": "simple"}


def _unmarked(field):
    """The field without our highlight markers, so stored text cannot forge a highlight."""
    text = models.TextField()
    return Replace(
        Replace(F(field), Value(search.START), output_field=text),
        Value(search.STOP),
        output_field=text,
    )


class WordsIn(Func):
    """A 'simple' OR query of those `words` (an array) that occur in `text`. ts_headline's
    cost grows with the size of its query, and a prefix brings many forms ("gesprek": over 300,
    of which the 100 most common are marked); given only the forms each text has, it marks the
    same words. One page's snippets, 19 searches at 10,000 items: 21 instead of 28 ms. No word
    in the text: an empty query, which marks nothing."""

    output_field = SearchQueryField()
    template = (
        "to_tsquery('simple', array_to_string(ARRAY("
        "SELECT unnest(tsvector_to_array(to_tsvector('simple', %(text)s)))"
        " INTERSECT SELECT unnest(%(words)s)), ' | '))"
    )

    def as_sql(self, compiler, connection, **extra):
        (text, text_params), (words, words_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        return self.template % {"text": text, "words": words}, (*text_params, *words_params)


def _marked(field, words, **options):
    """`field` with the words of `words` it has marked (SearchHeadline, see MARKS)."""
    text = _unmarked(field)
    return SearchHeadline(text, WordsIn(text, words), **options, **MARKS)


RANKED = 1000  # hits of a search scored for relevance, see ItemQuerySet.best_first()
BEST_FIRST = ["-rank", "-publicatiedatum", "-id"]


def _terms(query):
    if isinstance(query, search.SearchTerms):
        return query
    return search.SearchTerms(query, Synoniem.objects.mapping())


def rank_for(terms):
    """How well an item matches: more of the words, and in the title rather than the summary
    and tags (the body is not in rank_vector)."""
    return SearchRank(F("rank_vector"), terms.query(every_word=False))


class ItemQuerySet(models.QuerySet):
    def published(self):
        """What the public may see now: published, and inside its scheduled window if it has
        one. Python's clock, not the database's, so one moment holds for a whole request and
        tests can travel in time. Every public view starts here."""
        now = timezone.now()
        return self.filter(
            Q(zichtbaar_vanaf__isnull=True) | Q(zichtbaar_vanaf__lte=now),
            Q(zichtbaar_tot__isnull=True) | Q(zichtbaar_tot__gt=now),
            status=ItemStatus.GEPUBLICEERD,
        )

    def search(self, query, *, every_word=True):
        """The items with every word of the query (a string or search.SearchTerms) or, with
        every_word=False, any word, in their title, summary, tags or body; best first: ranked
        by how many of the words are in their title (most) or summary and tags, then newest
        first."""
        query = _terms(query)
        return self.find(query, every_word=every_word).best_first(query)

    def find(self, query, *, every_word=True):
        """The items search() finds, in no order: to count them, filter them, or rank them
        after filtering (best_first)."""
        return self.filter(search_vector=_terms(query).query(every_word=every_word))

    def best_first(self, query):
        """These items (found by find()) ranked for the query, then newest first.

        Ranking costs a rank vector read and scored per hit: 0.3 s for a word in 90,000 of
        100,000 items. Only the RANKED newest hits are scored (chosen in a narrow subquery, a
        hashed lookup per hit); further hits follow them, newest first. Below RANKED hits
        (every query on the real content) this is plain ranking. The list page reads its
        page of these in the same order, but cheaper (listing.BestFirst)."""
        rank = Case(
            When(pk__in=self.scored(), then=rank_for(_terms(query))),
            default=Value(-1.0),
            output_field=models.FloatField(),
        )
        return self.annotate(rank=rank).order_by(*BEST_FIRST)

    def scored(self):
        """The ids of the RANKED newest of these hits: the ones best_first() scores."""
        return self.newest_first().values("pk")[:RANKED]

    def found_any(self):
        """Whether a search (find(), with_words()) finds anything: exists(), always from the
        index. exists() asks for one row, and with the query hidden from the planner
        (search.IndexedQuery: 1 in 200 items expected to match) PostgreSQL reads the table
        from the start, unpacking each search vector, until one matches: 0.8 s at 100,000
        items for a word no item has (every typo). A MATERIALIZED part is planned for all its
        rows, so from the GIN index: 0.2 ms for that word, 12 ms for a word in most items."""
        sql, params = self.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH hits AS MATERIALIZED ({sql}) SELECT EXISTS (SELECT 1 FROM hits)",  # noqa: S608 - the ORM's SQL, with parameters
                params,
            )
            return cursor.fetchone()[0]

    def with_words(self, terms):
        """Items with every word as typed in their title or summary, even very common words
        that search() leaves out ("een"), newest first."""
        return self.filter(words_vector=terms.whole_words()).hits_newest_first()

    def with_snippets(self, words):
        """The title, the summary and a passage of the body, with `words` (an array of words
        as written, lower case) between search.START and search.STOP."""
        return self.annotate(
            title_marked=_marked("titel", words, highlight_all=True),
            summary_marked=_marked("samenvatting", words, highlight_all=True),
            body_marked=_marked("body_text", words, max_words=30, min_words=15, max_fragments=2),
        )

    def with_tag(self, kind, slugs):
        """Items with any of these pillars, themes or audiences (kind: "pijler", …)."""
        tag_model = Item._meta.get_field(TAG_FIELDS[kind]).related_model
        ids = ArraySubquery(tag_model.objects.filter(slug__in=slugs).order_by().values("id"))
        column = tag_ids.COLUMNS[kind]
        return self.alias(**tag_ids.expressions()).filter(**{f"{column}__overlap": ids})

    def for_cards(self):
        """Cards on list pages: without the body, with the pillars as a plain list
        (`card_pijlers`): `item.pijlers.all` in a template builds a manager and a QuerySet
        per card, which cost more CPU than the rest of the card."""
        return self.without_body().prefetch_related(Prefetch("pijlers", to_attr="card_pijlers"))

    def without_body(self):
        return self.defer("inhoud", "body_html", "body_text", *SEARCH_FIELDS)

    def for_detail(self):
        """The item page's row, without what only a fresh render needs: the page's content is
        a `{% cache %}` fragment, so its tags and downloads are read (`Item.details`) only when
        that fragment is rendered, once per content change."""
        return self.defer("inhoud", "body_text", *SEARCH_FIELDS)

    def related_to(self, item, count=3):
        """Chosen by an editor, else the newest items that share the most themes with it."""
        chosen = self.filter(pk__in=item.gerelateerd.values("pk")).only(*RELATED_FIELDS)
        chosen = list(chosen.order_by("titel")[:count])
        if chosen:
            return chosen
        # From each item's own theme ids (tag_ids.py): one pass over the items that share a
        # theme, with no join to the link table and no count per item in a hash table (55
        # instead of 280 ms at 100,000 items). The item's own ids first, in a query of its own.
        own = Item.objects.filter(pk=item.pk).annotate(ids=tag_ids.expressions()["thema_ids"])
        themes = own.values_list("ids", flat=True).first() or []
        if not themes:
            return self.none()
        shared = RawSQL(  # noqa: S611 - the ids are parameters
            " + ".join(["(thema_ids @> ARRAY[%s]::bigint[])::int"] * len(themes)),
            themes,
            output_field=models.IntegerField(),
        )
        return (
            self.exclude(pk=item.pk)
            .alias(**tag_ids.expressions())
            .filter(thema_ids__overlap=themes)
            .annotate(shared=shared)
            .order_by("-shared", "-publicatiedatum", "-id")
            .only(*RELATED_FIELDS)[:count]
        )

    def hits_newest_first(self):
        """A search's hits newest first, as newest_first() orders them. Not by the date
        index: with the query hidden from the planner (search.IndexedQuery) PostgreSQL
        expects 1 in 200 items to match, so it walks the date index until it has a page,
        unpacking each search vector, and for a word in a few items reads them all (1.9 s
        at 100,000 items). The date as an expression no index holds makes it take the hits
        from the GIN index and sort those."""
        day = ExpressionWrapper(F("publicatiedatum") + Value(0), output_field=models.DateField())
        return self.order_by(day.desc(), "-id")

    def hits_a_z(self):
        """A search's hits by title, as the A-Z list orders them; not by the title index, for
        the reason hits_newest_first() gives."""
        return self.order_by(Concat("sort_title", Value("")), "id")

    def newest_first(self):
        return self.order_by("-publicatiedatum", "-id")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# What a related item's card shows: `only()` costs less CPU to build than deferring the rest.
RELATED_FIELDS = ["type", "titel", "slug", "samenvatting", "publicatiedatum"]

# Derived columns no page shows.
SEARCH_FIELDS = [
    "sort_title",
    "search_title",
    "search_summary",
    "search_tags",
    "search_rest",
    "search_vector",
    "rank_vector",
    "words_vector",
]


TITLE_AND_SUMMARY = SearchVector("search_title", weight="A", config=search.CONFIG) + SearchVector(
    "search_summary", "search_tags", weight="B", config=search.CONFIG
)


def _derived(verbose_name):
    return models.TextField(verbose_name, blank=True, editable=False, serialize=False)


def _json_rows(columns, source, order):
    """A subquery giving the rows of `source` (alias t) as one JSON array."""
    pairs = ", ".join(f"'{column}', t.{column}" for column in columns)
    select = f"SELECT coalesce(json_agg(json_build_object({pairs}) ORDER BY {order}), '[]')"
    return f"({select} FROM {source})"  # noqa: S608 - our own table and column names


# Item.details: one row of four JSON arrays for the item %(item)s.
DETAILS_SQL = "SELECT " + ", ".join(
    [
        _json_rows(
            ["id", "slug", "naam", "kleur"],
            "kennisplein_pijler t JOIN kennisplein_item_pijlers l"
            " ON l.pijler_id = t.id AND l.item_id = %(item)s",
            "t.volgorde, t.naam",
        ),
        _json_rows(
            ["slug", "naam"],
            "kennisplein_thema t JOIN kennisplein_item_themas l"
            " ON l.thema_id = t.id AND l.item_id = %(item)s",
            "t.naam",
        ),
        _json_rows(
            ["slug", "naam"],
            "kennisplein_doelgroep t JOIN kennisplein_item_doelgroepen l"
            " ON l.doelgroep_id = t.id AND l.item_id = %(item)s",
            "t.volgorde, t.naam",
        ),
        _json_rows(
            ["id", "titel", "bestand", "grootte"],
            "kennisplein_bijlage t WHERE t.item_id = %(item)s",
            "t.volgorde, t.id",
        ),
    ]
)


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
        help_text="De datum die bezoekers bij het item zien. Leeg laten bij publiceren: dan "
        "wordt het vandaag, of de dag waarop het item zichtbaar wordt.",
    )
    # Scheduled publishing without a cron job: published() compares with the clock, and the
    # page cache keys its pages on the next of these moments (page_cache.py).
    zichtbaar_vanaf = models.DateTimeField(
        "zichtbaar vanaf",
        null=True,
        blank=True,
        help_text="Alleen invullen als een gepubliceerd item pas later op de site mag komen. "
        "Leeg: meteen zichtbaar.",
    )
    zichtbaar_tot = models.DateTimeField(
        "zichtbaar tot",
        null=True,
        blank=True,
        help_text="Alleen invullen als het item op een vast moment van de site moet. "
        "Leeg: blijft staan.",
    )
    # db_default too, so fixtures (raw saves, which skip auto_now) get a timestamp.
    aangemaakt = models.DateTimeField("aangemaakt", auto_now_add=True, db_default=Now())
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True, db_default=Now())
    # Derived from the fields above (see the module docstring); never edited, never exported.
    body_html = _derived("inhoud als HTML")
    body_text = _derived("inhoud als platte tekst")
    sort_title = _derived("titel om op te sorteren")
    search_title = _derived("zoektekst titel")
    search_summary = _derived("zoektekst samenvatting en soort")
    search_tags = _derived("zoektekst pijlers, thema's en doelgroepen")
    search_rest = _derived("zoektekst inhoud en bron")
    search_vector = models.GeneratedField(
        expression=TITLE_AND_SUMMARY
        + SearchVector("search_rest", weight="C", config=search.CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Ranks the hits without unpacking their large search_vector. The table keeps its rows
    # narrow (toast_tuple_target, migration 0006): searches read every hit's row.
    rank_vector = models.GeneratedField(
        expression=TITLE_AND_SUMMARY, output_field=SearchVectorField(), db_persist=True
    )
    words_vector = models.GeneratedField(
        expression=SearchVector("search_title", "search_summary", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["titel"]
        verbose_name = "kennisitem"
        verbose_name_plural = "kennisitems"
        indexes = [
            GinIndex(fields=["search_vector"], name="item_zoekvector_gin"),
            GinIndex(fields=["words_vector"], name="item_woorden_gin"),
            models.Index(
                fields=["status", "-publicatiedatum", "-id"], name="item_status_nieuwste_idx"
            ),
            models.Index(fields=["status", "sort_title"], name="item_status_a_z_idx"),
            # The facets read their own covering index, item_facetten_idx (tag_ids.py).
            models.Index(
                fields=["zichtbaar_vanaf"],
                condition=Q(zichtbaar_vanaf__isnull=False),
                name="item_zichtbaar_vanaf_idx",
            ),
            models.Index(
                fields=["zichtbaar_tot"],
                condition=Q(zichtbaar_tot__isnull=False),
                name="item_zichtbaar_tot_idx",
            ),
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
            models.CheckConstraint(
                condition=Q(zichtbaar_vanaf__isnull=True)
                | Q(zichtbaar_tot__isnull=True)
                | Q(zichtbaar_tot__gt=F("zichtbaar_vanaf")),
                name="item_zichtbaar_tot_na_vanaf",
                violation_error_message="‘Zichtbaar tot’ moet na ‘zichtbaar vanaf’ liggen.",
            ),
        ]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        self.fill_publication_date()
        self.derive()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("kennisplein:item-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        # Before the constraints are validated (full_clean runs clean() first), so that the
        # admin's form passes item_gepubliceerd_heeft_datum as the help text promises.
        self.fill_publication_date()

    def fill_publication_date(self):
        """A published item without a date gets the day it becomes visible: today, or the day
        of `zichtbaar_vanaf` when that lies ahead."""
        if self.status == ItemStatus.GEPUBLICEERD and self.publicatiedatum is None:
            start = self.zichtbaar_vanaf
            if start is not None and start > timezone.now():
                self.publicatiedatum = timezone.localdate(start)
            else:
                self.publicatiedatum = timezone.localdate()

    def derive(self):
        """Fill the derived fields that come from this row (search_tags: indexing.py)."""
        for name, value in derived_fields(self).items():
            setattr(self, name, value)

    @cached_property
    def details(self) -> dict:
        """Pillars, themes, audiences and downloads of this item, in one query instead of four
        (each a JSON array, in its model's Meta.ordering). Plain SQL: built with the ORM
        (ArraySubquery of JSONObject) the same query cost about 6 ms of CPU to compile,
        more than the rest of the page; this one costs about 0.4 ms."""
        with connection.cursor() as cursor:
            cursor.execute(DETAILS_SQL, {"item": self.pk})
            pijlers, themas, doelgroepen, bijlagen = cursor.fetchone()
        return {
            "pijlers": [Pijler(**row) for row in pijlers],
            "themas": themas,
            "doelgroepen": doelgroepen,
            "bijlagen": [Bijlage(item=self, **row) for row in bijlagen],
        }

    @property
    def body(self):
        return mark_safe(self.body_html)  # noqa: S308 - render_markdown sanitised it

    @property
    def was_edited(self):
        """Changed after it was first saved (seeded items are not)."""
        return (self.gewijzigd - self.aangemaakt).total_seconds() > 60

    @property
    def is_published(self):
        """Visible to the public now (published() for one item)."""
        now = timezone.now()
        return (
            self.status == ItemStatus.GEPUBLICEERD
            and (self.zichtbaar_vanaf is None or self.zichtbaar_vanaf <= now)
            and (self.zichtbaar_tot is None or self.zichtbaar_tot > now)
        )

    @property
    def schedule_state(self):
        """What an editor needs to know in one word: concept, gepland, online or verlopen."""
        if self.status != ItemStatus.GEPUBLICEERD:
            return "concept"
        now = timezone.now()
        if self.zichtbaar_vanaf is not None and self.zichtbaar_vanaf > now:
            return "gepland"
        if self.zichtbaar_tot is not None and self.zichtbaar_tot <= now:
            return "verlopen"
        return "online"

    @property
    def video_host(self):
        """The other website a video link leads to, named before the visitor clicks."""
        return (urlsplit(self.video_url).hostname or "").removeprefix("www.")


def derived_fields(item) -> dict:
    """What is derived from an item's own row: Markdown rendered once per change, not per visit,
    and the search texts. Works on historical models in migrations too."""
    body_html = render_markdown(item.inhoud)
    body_text = " ".join(html.unescape(nh3.clean(body_html, tags=set())).split())
    return {
        "body_html": body_html,
        "body_text": body_text,
        "sort_title": search.fold(item.titel),
        "search_title": search.prepare(item.titel),
        "search_summary": search.prepare(item.samenvatting, TYPE_LABELS.get(item.type, "")),
        "search_rest": search.prepare(body_text, item.bron),
    }


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


class SynoniemQuerySet(models.QuerySet):
    def mapping(self) -> dict[str, tuple[str, ...]]:
        """Each word's base form -> the base forms of the words it means the same as."""
        mapping = {}
        for group in self.values_list("woorden", flat=True):
            bases = [search.analyse(word)[1] for word in Synoniem.split(group)]
            for base in bases:
                mapping[base] = mapping.get(base, ()) + tuple(b for b in bases if b != base)
        return mapping

    def get_by_natural_key(self, woorden):
        return self.get(woorden=woorden)


class Synoniem(models.Model):
    """Words that mean the same to someone who searches: a search for one finds all."""

    woorden = models.CharField(
        "woorden",
        max_length=300,
        unique=True,
        help_text="Twee of meer losse woorden met dezelfde betekenis, gescheiden door komma's. "
        "Bijvoorbeeld: excuus, spijt, sorry. Werkt meteen bij de volgende zoekopdracht.",
    )

    objects = SynoniemQuerySet.as_manager()

    class Meta:
        ordering = ["woorden"]
        verbose_name = "synoniemen"
        verbose_name_plural = "synoniemen"

    def __str__(self):
        return self.woorden

    def natural_key(self):
        return (self.woorden,)

    @staticmethod
    def split(woorden):
        return [word.strip() for word in woorden.split(",") if word.strip()]

    def clean(self):
        words = self.split(self.woorden)
        if len(words) < 2 or any(search.words(word) != [word] for word in words):
            message = "Geef minstens twee losse woorden (zonder spaties), met komma's ertussen."
            raise ValidationError({"woorden": message})
        self.woorden = ", ".join(words)


class Zoekwoord(models.Model):
    """A word as written in published items (lower case), with its forms for search.

    Two uses: "Bedoelde je …?" suggests a common word close to a misspelled one, and snippets
    mark the words as written that a query matched (a query "brief" marks "brieven"). Kept
    current on save; `manage.py kennisplein_zoekindex` counts it again. A stale word does no
    harm: a suggestion is only shown when it finds something.
    """

    woord = models.CharField("woord", max_length=60, primary_key=True)
    aantal = models.PositiveIntegerField("in hoeveel items", default=0)
    vormen = models.TextField("vormen voor het zoeken", blank=True)
    vector = models.GeneratedField(
        expression=SearchVector("vormen", config=search.CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["woord"]
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"
        indexes = [GinIndex(fields=["vector"], name="zoekwoord_vormen_gin")]

    def __str__(self):
        return self.woord
