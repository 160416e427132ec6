from django.apps import AppConfig


class WerkplaatsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "werkplaats"
    verbose_name = "Werkplaats"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
