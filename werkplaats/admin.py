"""Admin for editors: statement sets. Sessions, participants and answers are never shown here."""

from django.contrib import admin
from django.db.models import Count

from .models import SetStelling, Stellingenset


class SetStellingInline(admin.TabularInline):
    model = SetStelling
    fields = ["volgorde", "tekst", "toelichting"]
    extra = 3


@admin.register(Stellingenset)
class StellingensetAdmin(admin.ModelAdmin):
    list_display = ["titel", "schaal", "gepubliceerd", "aantal_stellingen", "item", "volgorde"]
    list_editable = ["volgorde"]
    list_filter = ["gepubliceerd", "schaal"]
    search_fields = ["titel", "inleiding", "stellingen__tekst"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["item"]
    inlines = [SetStellingInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item").annotate(n=Count("stellingen"))

    @admin.display(description="stellingen", ordering="n")
    def aantal_stellingen(self, obj):
        return obj.n
