from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HerstelConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "herstel"
    verbose_name = "Projecten en werkplaatsen"

    def ready(self):
        from .roles import ensure_editor_group

        post_migrate.connect(ensure_editor_group, dispatch_uid="herstel-editor-group")
