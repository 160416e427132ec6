from django.contrib import admin

from .models import Item, Pijler, Thema


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


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["titel", "type", "status", "publicatiedatum"]
    list_filter = ["status", "type", "pijlers", "themas"]
    search_fields = ["titel", "samenvatting", "inhoud"]
    prepopulated_fields = {"slug": ["titel"]}
    filter_horizontal = ["pijlers", "themas"]
