from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Accounts van professionals"

    def ready(self):
        # Signal receivers: when a login ends, and what the lockout table keeps.
        from . import lockout, sessions  # noqa: F401
