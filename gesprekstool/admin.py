"""Admin for editors: the content of the conversation tool. Conversations are never shown here."""

import reversion
from django.contrib import admin, messages
from django.db.models import Count, ProtectedError
from django.utils.html import format_html

from kennisplein.history import HistoryAdmin
from kennisplein.leeshulp import LeeshulpMixin

from .models import Aanknopingspunt, Onderdeel, Stelling


class StellingInline(LeeshulpMixin, admin.TabularInline):
    leeshulp = {"tekst": "jongeren"}
    model = Stelling
    fields = ["volgorde", "code", "tekst", "doorvragen", "gearchiveerd"]
    extra = 0
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        # Statements with answers may only be archived; the Stelling admin explains why.
        return False


@admin.register(Onderdeel)
class OnderdeelAdmin(HistoryAdmin):
    list_display = ["titel", "pijler", "volgorde", "aantal_stellingen"]
    list_editable = ["volgorde"]
    prepopulated_fields = {"slug": ["titel"]}
    search_fields = ["titel"]
    inlines = [StellingInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("pijler").annotate(n=Count("stellingen"))
        )

    @admin.display(description="stellingen", ordering="n")
    def aantal_stellingen(self, obj):
        return obj.n


@admin.register(Stelling)
class StellingAdmin(LeeshulpMixin, HistoryAdmin):
    leeshulp = {"tekst": "jongeren"}
    list_display = ["tekst", "onderdeel", "volgorde", "gearchiveerd", "in_gebruik"]
    list_filter = ["onderdeel", "gearchiveerd"]
    search_fields = ["tekst", "code", "doorvragen"]
    prepopulated_fields = {"code": ["tekst"]}
    actions = ["archiveren", "terugzetten"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("onderdeel")
            .annotate(n_antwoorden=Count("antwoorden"))
        )

    @admin.display(description="in gebruik", boolean=True, ordering="n_antwoorden")
    def in_gebruik(self, obj):
        return obj.n_antwoorden > 0

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.antwoorden.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        try:
            super().delete_queryset(request, queryset)
        except ProtectedError:
            self.message_user(
                request,
                "Sommige stellingen zijn al gebruikt in een gesprek. Die kun je niet verwijderen; "
                "archiveer ze.",
                messages.ERROR,
            )

    def _archive(self, request, queryset, *, archived, comment):
        """Saved one by one inside the list's revision, so the history shows it too."""
        statements = list(queryset.filter(gearchiveerd=not archived))
        for stelling in statements:
            stelling.gearchiveerd = archived
            stelling.save(update_fields=["gearchiveerd"])
        reversion.set_comment(comment)
        return len(statements)

    @admin.action(description="Archiveren (niet meer tonen in nieuwe gesprekken)")
    def archiveren(self, request, queryset):
        count = self._archive(request, queryset, archived=True, comment="Gearchiveerd.")
        self.message_user(request, f"{count} stelling(en) gearchiveerd.", messages.SUCCESS)

    @admin.action(description="Terugzetten uit het archief")
    def terugzetten(self, request, queryset):
        count = self._archive(
            request, queryset, archived=False, comment="Teruggezet uit het archief."
        )
        self.message_user(request, f"{count} stelling(en) teruggezet.", messages.SUCCESS)


@admin.register(Aanknopingspunt)
class AanknopingspuntAdmin(HistoryAdmin):
    list_display = ["titel", "onderdeel", "regel_uitleg", "aantal_items"]
    list_filter = ["onderdeel", "regel"]
    search_fields = ["titel", "tekst"]
    autocomplete_fields = ["stelling"]
    filter_horizontal = ["items"]
    fieldsets = [
        (None, {"fields": ["onderdeel", "titel", "tekst", "volgorde"]}),
        (
            "Wanneer tonen?",
            {
                "fields": ["regel", "stelling", "drempel"],
                "description": "Bijvoorbeeld: tonen als stelling X 4 of lager scoort. "
                "'Weet ik niet' telt nooit mee.",
            },
        ),
        ("Links naar het kennisplein", {"fields": ["items"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("onderdeel", "stelling")
            .annotate(n_items=Count("items"))
        )

    @admin.display(description="wanneer")
    def regel_uitleg(self, obj):
        text = obj.get_regel_display()
        if obj.stelling_id:
            return format_html("{}<br><small>{}: {}</small>", text, obj.stelling, obj.drempel)
        if obj.drempel is not None:
            return format_html("{} <small>({})</small>", text, obj.drempel)
        return text

    @admin.display(description="kennisitems", ordering="n_items")
    def aantal_items(self, obj):
        return obj.n_items
