import reversion
from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from kennisplein.admin import HTTPS_URL_FIELDS
from kennisplein.history import HistoryAdmin

from .models import (
    BeoogdResultaat,
    Bereik,
    Bijeenkomst,
    Bouwsteen,
    Les,
    Opbrengst,
    Organisatie,
    Programma,
    ProgrammaCijfer,
    Project,
    Projectorganisatie,
    Regio,
    Symposium,
    SymposiumOnderdeel,
    Werkplaats,
)

# A workshop is edited on its own page and inline on its project's: registered here, before
# either admin, so that its versions always carry its meetings (reversion registers a model
# once, with the inlines of the first admin that has it).
reversion.register(Bijeenkomst)
reversion.register(Werkplaats, follow=["bijeenkomsten"])


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["naam", "soort", "regio"]
    list_filter = ["soort"]
    search_fields = ["naam", "regio"]
    prepopulated_fields = {"slug": ["naam"]}


class BouwsteenInline(admin.StackedInline):
    model = Bouwsteen
    extra = 0
    prepopulated_fields = {"slug": ["naam"]}


class ProgrammaCijferInline(admin.TabularInline):
    model = ProgrammaCijfer
    extra = 0


@admin.register(Programma)
class ProgrammaAdmin(HistoryAdmin):
    list_display = ["naam", "startjaar", "eindjaar", "gepubliceerd", "aantal_projecten"]
    list_filter = ["gepubliceerd"]
    search_fields = ["naam", "volledige_naam", "samenvatting"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["opdrachtgever", "uitvoerder"]
    inlines = [BouwsteenInline, ProgrammaCijferInline]

    @admin.display(description="projecten")
    def aantal_projecten(self, programma):
        return programma.projecten.count()


@admin.register(Bouwsteen)
class BouwsteenAdmin(admin.ModelAdmin):
    list_display = ["naam", "programma", "volgorde"]
    list_filter = ["programma"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


# The project page holds six lists of rows. Each list is folded shut until an editor opens it,
# and its texts get small boxes that grow no wider than the page (beheer.css), so the page is
# a few screens long instead of eleven thousand pixels, and never scrolls sideways.
SMALL_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 40})}}


class FoldedInline:
    classes = ["collapse"]
    extra = 0
    formfield_overrides = SMALL_TEXT


class ProjectorganisatieInline(FoldedInline, admin.TabularInline):
    model = Projectorganisatie
    autocomplete_fields = ["organisatie"]


class OpbrengstInline(FoldedInline, admin.StackedInline):
    model = Opbrengst
    formfield_overrides = {**HTTPS_URL_FIELDS, **SMALL_TEXT}
    autocomplete_fields = ["item"]
    fields = [("titel", "soort", "volgorde"), "beschrijving", "item", ("url", "bestand")]


class BereikInline(FoldedInline, admin.TabularInline):
    model = Bereik


class LesInline(FoldedInline, admin.TabularInline):
    model = Les


class BeoogdResultaatInline(FoldedInline, admin.TabularInline):
    model = BeoogdResultaat


class WerkplaatsInline(FoldedInline, admin.TabularInline):
    model = Werkplaats
    fields = ["naam", "regio", "aantal_bijeenkomsten", "volgorde"]
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(HistoryAdmin):
    list_display = [
        "naam",
        "programma",
        "projectnummer",
        "periode",
        "status",
        "gepubliceerd",
        "bekijk",
    ]
    list_filter = ["gepubliceerd", "status", "programma", "hoofdbouwsteen", "regios"]
    search_fields = ["naam", "projectnummer", "samenvatting", "doel", "organisaties__naam"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["programma", "hoofdbouwsteen"]
    filter_horizontal = ["regios", "bouwstenen"]
    list_select_related = ["programma"]
    save_on_top = True

    class Media:
        css = {"all": ["css/beheer.css"]}

    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 6, "cols": 80})}
    }
    inlines = [
        ProjectorganisatieInline,
        OpbrengstInline,
        BereikInline,
        LesInline,
        BeoogdResultaatInline,
        WerkplaatsInline,
    ]
    fieldsets = [
        (None, {"fields": ["naam", "slug", "gepubliceerd", "status", "samenvatting"]}),
        (
            "Kenmerken",
            {
                "classes": ["collapse"],
                "fields": [
                    ("programma", "volgorde"),
                    "projectnummer",
                    ("startjaar", "eindjaar"),
                    "periode_toelichting",
                    "regios",
                    "regio_omschrijving",
                    ("projectleider", "projectleider_rol"),
                    "hoofdbouwsteen",
                    "bouwstenen",
                    "overige_betrokkenen",
                    "bron",
                ],
            },
        ),
        (
            "Inhoud",
            {
                "fields": [
                    "aanleiding",
                    "doel",
                    "aanpak",
                    "resultaten",
                    "praktijkonderzoek",
                    "eindverslag",
                ]
            },
        ),
    ]

    @admin.display(description="bekijk")
    def bekijk(self, project):
        return format_html('<a href="{}">Bekijk op de site</a>', project.get_absolute_url())


class BijeenkomstInline(admin.StackedInline):
    model = Bijeenkomst
    extra = 0
    fields = [("volgnummer", "datum"), "thema", "deelnemers", "verslag"]


@admin.register(Werkplaats)
class WerkplaatsAdmin(HistoryAdmin):
    list_display = ["naam", "project", "regio", "aantal_bijeenkomsten"]
    list_filter = ["project__programma"]
    search_fields = ["naam", "regio", "project__naam"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]
    inlines = [BijeenkomstInline]


class SymposiumOnderdeelInline(admin.TabularInline):
    model = SymposiumOnderdeel
    extra = 0


@admin.register(Symposium)
class SymposiumAdmin(HistoryAdmin):
    list_display = ["titel", "project", "jaar", "gepubliceerd"]
    list_filter = ["gepubliceerd"]
    search_fields = ["titel", "inleiding"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["project", "opname"]
    inlines = [SymposiumOnderdeelInline]


from . import redactie_admin  # noqa: E402, F401  (registers the editors' tools)
