import reversion
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import template_localtime

from .history import HistoryAdmin
from .leeshulp import LeeshulpMixin
from .models import SEARCH_FIELDS, Bijlage, Doelgroep, Item, ItemStatus, Pijler, Synoniem, Thema

# A bare domain typed into a URL field becomes https://… (Django 6's default, chosen now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Pijler)
class PijlerAdmin(HistoryAdmin):
    list_display = ["naam", "kleur", "volgorde"]
    list_editable = ["volgorde"]
    search_fields = ["naam", "korte_tekst", "uitleg"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Doelgroep)
class DoelgroepAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "volgorde"]
    list_editable = ["volgorde"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


class BijlageInline(admin.TabularInline):
    model = Bijlage
    extra = 1
    fields = ["titel", "bestand", "volgorde"]


def _saved_with_version(request, items, comment):
    """Save each item as one revision, so that a list action shows in the history too."""
    with reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment(comment)
        for item in items:
            item.save()


@admin.action(description="Publiceren")
def publish(modeladmin, request, queryset):
    items = list(queryset.filter(status=ItemStatus.CONCEPT))
    for item in items:
        item.status = ItemStatus.GEPUBLICEERD
    _saved_with_version(request, items, "Gepubliceerd met de actie in de lijst.")


@admin.action(description="Terugzetten naar concept")
def unpublish(modeladmin, request, queryset):
    items = list(queryset.filter(status=ItemStatus.GEPUBLICEERD))
    for item in items:
        item.status = ItemStatus.CONCEPT
    _saved_with_version(request, items, "Teruggezet naar concept met de actie in de lijst.")


@admin.register(Synoniem)
class SynoniemAdmin(admin.ModelAdmin):
    list_display = ["woorden"]
    search_fields = ["woorden"]


class DateHierarchyChangeList(ChangeList):
    """Django turns a year of the date hierarchy it cannot make a date of into its "wrong
    filter" redirect only when datetime() raises ValueError; a year past 2**31 raises
    OverflowError, and year 9999 fails a line later (the year after it): both were a 500."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


@admin.register(Item)
class ItemAdmin(LeeshulpMixin, HistoryAdmin):
    leeshulp = {"titel": "b1", "samenvatting": "b1", "inhoud": "b1"}
    list_display = ["titel", "type", "op_de_site", "publicatiedatum", "gewijzigd", "bekijken"]
    list_filter = ["status", "type", "pijlers", "themas", "doelgroepen"]
    search_fields = ["titel", "samenvatting", "inhoud", "bron"]
    prepopulated_fields = {"slug": ["titel"]}
    filter_horizontal = ["pijlers", "themas", "doelgroepen", "gerelateerd"]
    date_hierarchy = "publicatiedatum"
    actions = [publish, unpublish]
    inlines = [BijlageInline]
    readonly_fields = ["aangemaakt", "gewijzigd"]
    formfield_overrides = HTTPS_URL_FIELDS
    fieldsets = [
        (None, {"fields": ["titel", "slug", "type", "samenvatting", "inhoud"]}),
        ("Labels", {"fields": ["pijlers", "themas", "doelgroepen", "bron"]}),
        (
            "Afbeelding en video",
            {
                "classes": ["collapse"],
                "fields": ["afbeelding", "afbeelding_alt", "video", "ondertitels", "video_url"],
            },
        ),
        ("Gerelateerd", {"classes": ["collapse"], "fields": ["gerelateerd"]}),
        (
            "Publicatie",
            {
                "fields": [
                    "status",
                    "publicatiedatum",
                    ("zichtbaar_vanaf", "zichtbaar_tot"),
                    "aangemaakt",
                    "gewijzigd",
                ],
                "description": "Een gepubliceerd item staat meteen op de site, tenzij je "
                "'zichtbaar vanaf' invult: dan verschijnt het op dat moment vanzelf. Met "
                "'zichtbaar tot' verdwijnt het op dat moment vanzelf.",
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        """Without the timestamps on the add form: there are none yet."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        stamps = {"aangemaakt", "gewijzigd"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in stamps]})
            for name, options in fieldsets
        ]

    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*SEARCH_FIELDS, "body_html", "body_text")

    @admin.display(description="Op de site")
    def bekijken(self, item):
        label = "Bekijken" if item.is_published else "Voorbeeld"
        return format_html('<a href="{}">{}</a>', item.get_absolute_url(), label)

    @admin.display(description="status", ordering="status")
    def op_de_site(self, item):
        """Concept, online, or planned/expired by the schedule, with the moment."""
        state = item.schedule_state
        if state == "gepland":
            return f"Gepland vanaf {localize(template_localtime(item.zichtbaar_vanaf))}"
        if state == "verlopen":
            return f"Verlopen sinds {localize(template_localtime(item.zichtbaar_tot))}"
        if state == "online" and item.zichtbaar_tot:
            return f"Online tot {localize(template_localtime(item.zichtbaar_tot))}"
        return "Online" if state == "online" else "Concept"
