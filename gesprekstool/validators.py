"""No names in the conversation tool, also not in free text.

Every free-text field of a conversation (notes, agreements, reviews, the trajectcode) is checked
for what identifies a young person: e-mail addresses, phone numbers, numbers shaped like a BSN
(nine digits that pass the elfproef) and dates of birth (a full date in the years a young person
in youth justice was born). Ordinary numbers pass: "3 keer per week", "om 14.30 uur", "week 12",
"2024", a meeting date this year. The message says what was found and why it is refused.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

WHY = "Schrijf niets op waarmee iemand te herkennen is."
TRAJECTCODE_EXAMPLE = "Gebruik een code uit jullie dossier, zoals JR-2026-17."

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits with one or two separators between them; "+" or "(" may start a phone number.
NUMBER_RUN = re.compile(r"\+?\(?\d(?:[ .\-/()]{0,2}\d)*")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)")
DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
DATE_WORDS = re.compile(
    r"(?<!\d)(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})",
    re.IGNORECASE,
)
# Young people in youth justice are about 12 to 23; a margin on both sides.
BIRTH_AGES = range(8, 31)
# Two capitalised words in a row: "Jan Jansen", "Sara de Vries" (with a small word between).
NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:van|de|der|den|ter|el|al)){0,2}\s+[A-Z][a-z]+\b")


@dataclass(frozen=True)
class Finding:
    kind: str
    fragment: str

    @property
    def message(self):
        what = {
            "email": "een e-mailadres",
            "telefoon": "een telefoonnummer",
            "bsn": "een burgerservicenummer (BSN)",
            "geboortedatum": "een geboortedatum",
            "naam": "een naam",
        }[self.kind]
        return f"“{self.fragment}” lijkt op {what}. {WHY}"


def _elfproef(digits):
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _birth_year(year, month, day, today):
    if len(year) == 2:
        full = 2000 + int(year)
        year = str(full if full <= today.year else full - 100)
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return False
    return today.year - int(year) in BIRTH_AGES


def _dates(text, today):
    for match in DATE_NUMERIC.finditer(text):
        day, month, year = match.groups()
        if _birth_year(year, month, day, today):
            yield Finding("geboortedatum", match.group())
    for match in DATE_ISO.finditer(text):
        year, month, day = match.groups()
        if _birth_year(year, month, day, today):
            yield Finding("geboortedatum", match.group())
    for match in DATE_WORDS.finditer(text):
        day, month, year = match.groups()
        if _birth_year(year, MONTHS[month.lower()], day, today):
            yield Finding("geboortedatum", match.group())


def _numbers(text):
    for match in NUMBER_RUN.finditer(text):
        run = match.group()
        # A run joined by spaces may hold several numbers ("2024 0612345678"): look at each too.
        for part in [run, *run.split(" ")] if " " in run else [run]:
            digits = re.sub(r"\D", "", part)
            international = part.startswith("+") or digits.startswith("00")
            if (
                international
                and 9 <= len(digits) <= 15
                or digits.startswith("0")
                and len(digits) == 10
            ):
                yield Finding("telefoon", part)
            elif len(digits) == 9 and _elfproef(digits):
                yield Finding("bsn", part)


def find_personal_data(text, *, today=None):
    """What in this text looks like it identifies someone, first finding first (or [])."""
    today = today or timezone.localdate()
    findings = [Finding("email", m.group()) for m in EMAIL.finditer(text)]
    findings += _dates(text, today)
    dates = {f.fragment for f in findings}
    findings += [f for f in _numbers(text) if not any(f.fragment in d for d in dates)]
    return findings


def validate_free_text(value):
    """Refuse free text with an e-mail address, phone number, BSN or date of birth."""
    findings = find_personal_data(value)
    if findings:
        raise ValidationError(findings[0].message, code=findings[0].kind)


def validate_trajectcode(value):
    """A trajectcode is a code from the organisation's own dossier: never a name or a number
    that identifies someone, and it has at least one digit."""
    findings = find_personal_data(value)
    if not findings and NAME.search(value):
        findings = [Finding("naam", NAME.search(value).group())]
    if findings:
        raise ValidationError(f"{findings[0].message} {TRAJECTCODE_EXAMPLE}", code=findings[0].kind)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._/-]*", value):
        raise ValidationError(
            f"Gebruik alleen letters, cijfers, spaties en streepjes. {TRAJECTCODE_EXAMPLE}",
            code="tekens",
        )
    if not re.search(r"\d", value):
        raise ValidationError(
            f"Een trajectcode heeft cijfers, want het is geen naam. {TRAJECTCODE_EXAMPLE}",
            code="geen_cijfers",
        )
