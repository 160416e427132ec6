"""Admin pages of the tools for editors: link check, content package, accessibility statement.

Kept apart from the project-record admin (herstel/admin.py), which imports this module.
"""

import tempfile

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from .forms import InhoudspakketForm
from .leesniveau import furthest_from_b1
from .models import Inhoudspakket, Leesniveau, Linkprobleem, Toegankelijkheidsverklaring
from .portability import ArchiveError, archive_export, archive_import, non_empty_models

EXPORT_PERMISSION = "herstel.inhoud_exporteren"
IMPORT_PERMISSION = "herstel.inhoud_importeren"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Nothing to add, change or delete here: a list or page to look at."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ToolAdmin(ReadOnlyAdmin):
    """A page of its own (no table behind it), shown on the admin index as "view" to whoever
    has_module_permission allows."""

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def get_model_perms(self, request):
        return {"view": self.has_module_permission(request)}


@admin.register(Linkprobleem)
class LinkprobleemAdmin(ReadOnlyAdmin):
    """What the last `manage.py linkcontrole` found; read only, fixed in the texts themselves."""

    list_display = ["waar", "veld", "link", "soort", "melding", "gecontroleerd"]
    list_filter = ["soort", ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["bron", "link"]
    list_select_related = ["content_type"]
    list_display_links = None

    class Media:
        css = {"all": ["css/beheer.css"]}

    def changelist_view(self, request, extra_context=None):
        title = "Linkcontrole: links die niet werken (bij de laatste controle)"
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    @admin.display(description="waar", ordering="bron")
    def waar(self, problem):
        model = problem.content_type.model_class()
        if model is None:
            return problem.bron
        try:
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                args=[problem.object_id],
            )
        except NoReverseMatch:
            return problem.bron
        return format_html(
            '<a href="{}">{}</a> <span class="help">({})</span>',
            url,
            problem.bron,
            model._meta.verbose_name,
        )


@admin.register(Toegankelijkheidsverklaring)
class ToegankelijkheidsverklaringAdmin(admin.ModelAdmin):
    """One statement: the list goes straight to it (or to the form for the first one)."""

    fieldsets = [
        (None, {"fields": ["organisatie", "status", "datum_verklaring"]}),
        ("Onderzoek", {"fields": ["laatste_onderzoek", "onderzoek", "nog_niet_in_orde"]}),
        ("Contact en klachten", {"fields": ["contact", "klachten"]}),
    ]

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request) and not Toegankelijkheidsverklaring.objects.exists()
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        statement = Toegankelijkheidsverklaring.objects.first()
        info = self.opts.app_label, self.opts.model_name
        if statement is not None:
            return HttpResponseRedirect(reverse("admin:{}_{}_change".format(*info), args=[1]))
        if self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:{}_{}_add".format(*info)))
        return super().changelist_view(request, extra_context)


@admin.register(Inhoudspakket)
class InhoudspakketAdmin(ToolAdmin):
    """Download all content as a package, or import one into an empty site.

    The same code as `manage.py export_content` / `import_content` (herstel.portability), so the
    admin makes the same checks and gives the same messages.
    """

    def has_module_permission(self, request):
        return request.user.has_perm(EXPORT_PERMISSION) or request.user.has_perm(IMPORT_PERMISSION)

    def get_urls(self):
        return [
            path(
                "",
                self.admin_site.admin_view(self.package_view),
                name="herstel_inhoudspakket_changelist",
            ),
            path(
                "download/",
                self.admin_site.admin_view(self.download_view),
                name="herstel_inhoudspakket_download",
            ),
        ]

    def package_view(self, request):
        if not self.has_module_permission(request):
            raise PermissionDenied
        may_import = request.user.has_perm(IMPORT_PERMISSION)
        form = InhoudspakketForm()
        if request.method == "POST":
            if not may_import:
                raise PermissionDenied
            form = InhoudspakketForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["pakket"]
                try:
                    manifest = archive_import(path=upload, name=upload.name)
                except ArchiveError as error:
                    form.add_error("pakket", f"Importeren is niet gelukt: {error}")
                else:
                    total = sum(manifest["models"].values())
                    self.message_user(
                        request,
                        f"{total} records en {len(manifest['media'])} bestanden geïmporteerd.",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:herstel_inhoudspakket_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Inhoudspakket",
            "opts": self.opts,
            "form": form,
            "may_export": request.user.has_perm(EXPORT_PERMISSION),
            "may_import": may_import,
            "filled": non_empty_models() if may_import else [],
        }
        return TemplateResponse(request, "admin/herstel/inhoudspakket.html", context)

    def download_view(self, request):
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        # FileResponse closes the file when it has been sent; the file never has a name on disk.
        archive = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115
        archive_export(path=archive)
        archive.seek(0)
        name = f"inhoud-{timezone.localdate():%Y-%m-%d}.zip"
        return FileResponse(archive, as_attachment=True, filename=name)


@admin.register(Leesniveau)
class LeesniveauAdmin(ToolAdmin):
    """The texts furthest from B1, for anyone who may read items or statements."""

    KINDS = {"item": "Kennisitems", "stelling": "Stellingen van de gesprekstool"}

    def has_module_permission(self, request):
        return request.user.has_perm("kennisplein.view_item") or request.user.has_perm(
            "gesprekstool.view_stelling"
        )

    def get_urls(self):
        return [
            path(
                "",
                self.admin_site.admin_view(self.list_view),
                name="herstel_leesniveau_changelist",
            )
        ]

    def list_view(self, request):
        if not self.has_module_permission(request):
            raise PermissionDenied
        kind = request.GET.get("soort")
        if kind not in self.KINDS:
            kind = None
        rows, total = furthest_from_b1(kind=kind)
        context = {
            **self.admin_site.each_context(request),
            "title": "Teksten die het verst van B1 af staan",
            "opts": self.opts,
            "rows": rows,
            "total": total,
            "kinds": self.KINDS,
            "kind": kind,
        }
        return TemplateResponse(request, "admin/herstel/leesniveau.html", context)
