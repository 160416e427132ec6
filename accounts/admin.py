"""Accounts in the admin: a superuser links a user to an organisation. No conversations here."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import Profiel

User = get_user_model()


class ProfielInline(admin.StackedInline):
    model = Profiel
    can_delete = True
    extra = 0
    max_num = 1
    autocomplete_fields = ["organisatie"]
    verbose_name = "organisatie (voor opgeslagen gesprekken)"


class ProfessionalUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, ProfielInline]
    list_display = [*UserAdmin.list_display, "organisatie"]
    list_select_related = ["profiel__organisatie"]

    @admin.display(description="organisatie", ordering="profiel__organisatie__naam")
    def organisatie(self, obj):
        profiel = getattr(obj, "profiel", None)
        return profiel.organisatie if profiel else "—"


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, ProfessionalUserAdmin)
