"""History in the admin: every save keeps a version; compare two, restore one, recover one.

django-reversion keeps the versions: `HistoryAdmin` is its `VersionAdmin`, which registers the
model and the models of its inlines, saves a revision (who, when, the admin's change message)
on every add, change and delete in the admin, and gives the restore page (`…/history/<id>/`,
a change form filled with the old version; saving it puts that version back) and the list of
deleted objects (`…/recover/`). What reversion lacks is a comparison: `HistoryAdmin` adds a
history page where an editor picks two versions, and a page that sets them side by side, field
by field (`…/<id>/history/vergelijk/?van=…&tot=…`).

It lives in kennisplein because every app may depend on kennisplein and kennisplein on none:
the project records and the conversation tool use it too.
"""

import reversion
from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

EMPTY = "—"


class CompareError(Exception):
    """Two versions that cannot be compared; the message is for the editor."""


def versions_of(model, object_id):
    """The versions of one object, newest first, with who saved them."""
    return (
        Version.objects.get_for_object_reference(model, object_id)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def _show(field, value):
    """A stored value as an editor would recognise it (choices by label, links by name)."""
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "ja" if value else "nee"
    if isinstance(field, models.ManyToManyField):
        names = field.related_model._default_manager.filter(pk__in=value).order_by("pk")
        shown = [str(obj) for obj in names]
        missing = len(set(value)) - len(shown)
        if missing:
            shown.append(f"({missing} verwijderd)")
        return ", ".join(shown) or EMPTY
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"(verwijderd, nummer {value})"
    if isinstance(field, models.DateTimeField):
        return localize(template_localtime(value))
    if isinstance(field, models.FileField):
        return str(value)
    return localize(value)


def _related(version):
    """The other objects saved in the same revision (attachments, inline rows), per kind."""
    kinds = {}
    others = version.revision.version_set.exclude(pk=version.pk).select_related("content_type")
    for other in others.order_by("content_type_id", "object_repr"):
        model = other.content_type.model_class()
        label = model._meta.verbose_name_plural if model else other.content_type.model
        kinds.setdefault(str(label), []).append(other.object_repr)
    return kinds


def compare(model, older, newer):
    """Rows of (label, old, new, changed) for every field an editor edits, then one row per kind
    of related object saved with it. Raises CompareError if a version no longer fits the model."""
    try:
        old_fields, new_fields = older.field_dict, newer.field_dict
    except RevertError as error:
        raise CompareError(
            "Deze versies passen niet meer bij de huidige velden en zijn niet te vergelijken."
        ) from error
    rows = []
    for name in new_fields.keys() | old_fields.keys():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.editable or field.primary_key:
            continue
        old = _show(field, old_fields.get(name))
        new = _show(field, new_fields.get(name))
        rows.append((field.creation_counter, str(field.verbose_name), old, new, old != new))
    rows = [row[1:] for row in sorted(rows)]
    old_related, new_related = _related(older), _related(newer)
    for label in sorted(old_related.keys() | new_related.keys()):
        old = "; ".join(old_related.get(label, [])) or EMPTY
        new = "; ".join(new_related.get(label, [])) or EMPTY
        rows.append((label, old, new, old != new))
    return rows


class HistoryAdmin(VersionAdmin):
    """A ModelAdmin with versions (django-reversion) and a field-by-field comparison."""

    object_history_template = "beheer/geschiedenis.html"

    def get_urls(self):
        opts = self.model._meta
        compare_url = path(
            "<path:object_id>/history/vergelijk/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare_url, *super().get_urls()]

    def _object_or_404(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # The admin's own lookup: an id that is no number (anything a browser sends) is a 404.
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        """Every version with who saved it and what changed; pick two to compare, or one to
        restore. Replaces reversion's page, which can only restore."""
        obj = self._object_or_404(request, object_id)
        opts = self.model._meta
        versions = versions_of(self.model, str(obj.pk))
        restore = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision"
        rows = [
            {
                "version": version,
                "revision": version.revision,
                "url": reverse(restore, args=(quote(obj.pk), version.pk)),
            }
            for version in versions
        ]
        context = {
            "action_list": rows,
            "compare_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_compare",
                args=(quote(obj.pk),),
            ),
            "can_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        # Django's own history view (titles, breadcrumbs, permissions) with our template.
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def compare_view(self, request, object_id):
        """Two versions side by side. Bad or foreign version numbers get a Dutch 400 page."""
        obj = self._object_or_404(request, object_id)
        versions = versions_of(self.model, str(obj.pk))
        error, rows, older, newer = "", [], None, None
        try:
            ids = [int(request.GET.get(key, "")) for key in ("van", "tot")]
        except ValueError:
            error = "Kies twee versies om te vergelijken."
        else:
            chosen = {version.pk: version for version in versions.filter(pk__in=ids)}
            if len(chosen) != 2:
                error = "Kies twee verschillende versies van dit object om te vergelijken."
            else:
                older, newer = sorted(
                    chosen.values(), key=lambda v: (v.revision.date_created, v.pk)
                )
                try:
                    rows = compare(self.model, older, newer)
                except CompareError as exc:
                    error = str(exc)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Versies vergelijken: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "older": older,
            "newer": newer,
            "rows": rows,
            "changed_rows": [row for row in rows if row[3]],
            "same_rows": [row for row in rows if not row[3]],
            "error": error,
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=(quote(obj.pk),),
            ),
        }
        if older is not None:
            restore = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision"
            context["restore_url"] = reverse(restore, args=(quote(obj.pk), older.pk))
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "beheer/vergelijken.html", context, status=400 if error else 200
        )

    def changelist_view(self, request, extra_context=None):
        # reversion wraps the list in one revision (for list_editable), which would drop the
        # last version of what the delete action removes: it keeps only objects that still
        # exist when the revision ends. Deleting from the list keeps its own revision instead.
        if request.method == "POST" and request.POST.get("action") == "delete_selected":
            context = {"has_change_permission": self.has_change_permission(request)}
            return admin.ModelAdmin.changelist_view(
                self, request, {**context, **(extra_context or {})}
            )
        return super().changelist_view(request, extra_context)

    def delete_model(self, request, obj):
        with transaction.atomic():  # no "deleted" version if the delete fails
            self._keep_before_deleting(request, [obj])
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            self._keep_before_deleting(request, list(queryset))
            super().delete_queryset(request, queryset)

    def _keep_before_deleting(self, request, objects):
        """A last version of what is deleted, so it can be recovered even if it was never
        saved in the admin (seed content has no versions until then)."""
        with reversion.create_revision(atomic=False):
            reversion.set_user(request.user)
            reversion.set_comment("Verwijderd.")
            for obj in objects:
                reversion.add_to_revision(obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """reversion's restore page, but only for a version of this kind of object (reversion
        checks the id alone, so a statement's version could open on an item's page)."""
        versions = Version.objects.get_for_model(self.model)
        if not versions.filter(pk=version_id, object_id=unquote(object_id)).exists():
            raise Http404("Deze versie bestaat niet.")
        return super().revision_view(request, object_id, version_id, extra_context)
