from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from .leeshulp import LeeshulpMixin
from .models import SEARCH_FIELDS, Bijlage, Doelgroep, Item, ItemStatus, Pijler, Synoniem, Thema

# A bare domain typed into a URL field becomes https://… (Django 6's default, chosen now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Pijler)
class PijlerAdmin(admin.ModelAdmin):
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


@admin.action(description="Publiceren")
def publish(modeladmin, request, queryset):
    for item in queryset.filter(status=ItemStatus.CONCEPT):
        item.status = ItemStatus.GEPUBLICEERD
        item.save()


@admin.action(description="Terugzetten naar concept")
def unpublish(modeladmin, request, queryset):
    queryset.update(status=ItemStatus.CONCEPT)


@admin.register(Synoniem)
class SynoniemAdmin(admin.ModelAdmin):
    list_display = ["woorden"]
    search_fields = ["woorden"]


@admin.register(Item)
class ItemAdmin(LeeshulpMixin, admin.ModelAdmin):
    leeshulp = {"titel": "b1", "samenvatting": "b1", "inhoud": "b1"}
    list_display = ["titel", "type", "status", "publicatiedatum", "gewijzigd", "bekijken"]
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
        ("Publicatie", {"fields": ["status", "publicatiedatum", "aangemaakt", "gewijzigd"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*SEARCH_FIELDS, "body_html", "body_text")

    @admin.display(description="Op de site")
    def bekijken(self, item):
        label = "Bekijken" if item.is_published else "Voorbeeld (concept)"
        return format_html('<a href="{}">{}</a>', item.get_absolute_url(), label)
