from django.apps import AppConfig


class WerkplaatsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "werkplaats"
    verbose_name = "Werkplaats"
