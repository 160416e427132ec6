from django.apps import AppConfig


class KennispleinConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kennisplein"
    verbose_name = "Kennisplein"

    def ready(self):
        from . import indexing  # noqa: F401 - connects the receivers
