from django.contrib import admin

from .models import Pijler


@admin.register(Pijler)
class PijlerAdmin(admin.ModelAdmin):
    list_display = ["naam", "kleur", "volgorde"]
    list_editable = ["volgorde"]
    search_fields = ["naam", "korte_tekst", "uitleg"]
    prepopulated_fields = {"slug": ["naam"]}
