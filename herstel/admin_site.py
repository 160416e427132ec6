"""The admin site at /beheer/ (installed through herstel.apps.BeheerConfig).

Two changes to Django's admin site: its login form refuses overlong user names with a message
(as ours does, accounts/forms.py), and its "view on site" redirect (/beheer/r/<type>/<id>/)
works only for models the user may see in the admin. Django's own redirect works for every
model with a page: for an editor it would reveal which conversations, answers and trajectories
exist, and their ids, although their pages stay closed.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.urls import path

from accounts.forms import BeheerInlogForm


class BeheerSite(admin.AdminSite):
    site_header = "Werken aan Herstel — beheer"
    site_title = "Werken aan Herstel"
    index_title = "Inhoud beheren"
    login_form = BeheerInlogForm

    def get_urls(self):
        view_on_site = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            view_on_site if getattr(url, "name", None) == "view_on_site" else url
            for url in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's redirect to an object's page, for models this user may view in the admin;
        the same 404 for every other model, whether the object exists or not."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except (ObjectDoesNotExist, ValueError):
            raise Http404("Deze pagina bestaat niet.") from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_permission(request):
            raise Http404("Deze pagina bestaat niet.")
        return shortcut(request, content_type_id, object_id)
