from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class HerstelConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "herstel"
    verbose_name = "Projecten en werkplaatsen"

    def ready(self):
        from .roles import ensure_editor_group

        post_migrate.connect(ensure_editor_group, dispatch_uid="herstel-editor-group")


class BeheerConfig(admin_apps.AdminConfig):
    """Django's admin, with our admin site (herstel/admin_site.py) as the default site."""

    default = False  # "herstel" in INSTALLED_APPS still means HerstelConfig
    default_site = "herstel.admin_site.BeheerSite"
