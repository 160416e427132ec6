"""Password rules on top of Django's: long passphrases are welcome, obvious words are not."""

import re

from django.core.exceptions import ValidationError

SITE_WORDS = ("herstel", "wachtwoord", "password", "jeugdreclassering", "gesprekstool")


class MaximumLengthValidator:
    """Very long inputs only cost hashing time; 128 characters is room for any passphrase."""

    def __init__(self, max_length=128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                f"Dit wachtwoord is te lang. Gebruik hooguit {self.max_length} tekens.",
                code="password_too_long",
            )

    def get_help_text(self):
        return f"Je wachtwoord heeft hooguit {self.max_length} tekens."


class SiteWordsValidator:
    """Refuse passwords built around the site's own words, or one character repeated."""

    def validate(self, password, user=None):
        lowered = password.lower()
        for word in SITE_WORDS:
            if word in lowered and len(lowered.replace(word, "")) < 10:
                raise ValidationError(
                    f"Dit wachtwoord is te makkelijk te raden: het draait om '{word}'.",
                    code="password_site_word",
                )
        if re.fullmatch(r"(.)\1*", password):
            raise ValidationError(
                "Dit wachtwoord bestaat uit één teken dat steeds herhaald wordt.",
                code="password_repeated",
            )

    def get_help_text(self):
        return "Je wachtwoord draait niet om woorden als 'herstel' of 'wachtwoord'."
