from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from herstel.ratelimit import Limit

# Error code of a refusal because of too many attempts; the views answer it with 429.
TOO_MANY = "te_vaak"
OLD_PASSWORD_TRIES = Limit("wachtwoord-wijzigen", 5, 15 * 60)


class UsernameLengthMixin:
    """Django's login form sets the user name's max_length after making the field, so it is never
    checked: an overlong name went on to the lockout table, which refused it (a 500)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
        field.error_messages["max_length"] = (
            "Een gebruikersnaam heeft hooguit %(limit_value)d tekens. Kijk of je de goede "
            "naam hebt ingevuld."
        )


class InlogForm(UsernameLengthMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. "
        "Let op hoofdletters en kleine letters.",
        "inactive": "Dit account staat uit. Vraag de beheerder van jouw organisatie om hulp.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        self.fields["username"].error_messages["required"] = "Vul je gebruikersnaam in."
        self.fields["password"].error_messages["required"] = "Vul je wachtwoord in."


class BeheerInlogForm(UsernameLengthMixin, AdminAuthenticationForm):
    """The admin's login form (herstel/admin_site.py)."""


class WachtwoordVergetenForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Je e-mailadres bij je organisatie"
        self.fields["email"].error_messages = {
            "required": "Vul je e-mailadres in.",
            "invalid": "Dit is geen geldig e-mailadres.",
        }


class WachtwoordWijzigenForm(PasswordChangeForm):
    """Django's form, with a limit on tries of the old password: a session left open must not
    become a way to guess it."""

    def clean_old_password(self):
        if not OLD_PASSWORD_TRIES.allow(self.user.pk):
            raise ValidationError(
                "Je hebt te vaak je huidige wachtwoord geprobeerd. Wacht een kwartier en probeer "
                "het dan opnieuw.",
                code=TOO_MANY,
            )
        return super().clean_old_password()
