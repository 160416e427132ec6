from django.apps import AppConfig


class GesprekstoolConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gesprekstool"
    verbose_name = "Gesprekstool"
