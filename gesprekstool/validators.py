"""The trajectcode is pseudonymous: it must never be a way to identify a young person."""

import re

from django.core.exceptions import ValidationError

EMAIL = re.compile(r"\S+@\S+")
ALLOWED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")
DIGIT_RUN = re.compile(r"\d[\d .\-/]*\d")


def validate_trajectcode(value):
    """Refuse e-mail addresses, phone numbers and numbers shaped like a BSN, with a clear reason."""
    if EMAIL.search(value):
        raise ValidationError(
            "Dit lijkt op een e-mailadres. Vul geen gegevens in waarmee je iemand herkent. "
            "Gebruik een code, zoals JR-2026-17.",
            code="email",
        )
    for run in DIGIT_RUN.findall(value):
        digits = re.sub(r"\D", "", run)
        if len(digits) >= 10 or (len(digits) >= 9 and digits.startswith("0")):
            raise ValidationError(
                "Dit lijkt op een telefoonnummer. Vul geen gegevens in waarmee je iemand "
                "herkent. Gebruik een code, zoals JR-2026-17.",
                code="telefoon",
            )
        if len(digits) in (8, 9):
            raise ValidationError(
                "Dit lijkt op een burgerservicenummer (BSN). Dat mag hier niet. "
                "Gebruik een code, zoals JR-2026-17.",
                code="bsn",
            )
    if "+" in value:
        raise ValidationError("Gebruik alleen letters, cijfers en streepjes.", code="tekens")
    if not ALLOWED.match(value):
        raise ValidationError(
            "Gebruik alleen letters, cijfers, spaties en streepjes, zoals JR-2026-17.",
            code="tekens",
        )
