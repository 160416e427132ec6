"""The gespreksbestand: a conversation as a small, signed JSON file for the young person's dossier.

The format is documented in docs/gespreksbestand.md and defined once, in the pydantic models
below: version 2 (now written) and version 1 (still read, upgraded to 2 on reading). The server
never keeps an uploaded file. Reading is careful with hostile files: the size and the nesting
depth are checked before the JSON is parsed, and the parsed file is validated by the schema as
if it were not signed (strict types, lengths, no NUL or other control characters, no personal
data in free text) before its signature is checked. Every refusal is a BestandFout with a Dutch
message; nothing in a file can cause a server error.
"""

import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from .models import (
    NOTE_MAX_LENGTH,
    REVIEW_NOTE_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    Afspraak,
    Antwoord,
    Onderdeel,
    Stelling,
    Terugblik,
    TerugblikStatus,
    WieRol,
)
from .validators import validate_free_text, validate_trajectcode

FORMAAT = "werken-aan-herstel/gespreksbestand"
VERSIE = 2
VERSIES = (1, 2)
MAX_BYTES = 256 * 1024
MAX_DEPTH = 6
MAX_AFSPRAKEN = 100
MAX_ANTWOORDEN = 500
NOT_A_FILE = (
    "Dit is geen gespreksbestand. Kies het .json-bestand dat je bij een gesprek hebt bewaard."
)
TOO_BIG = "Dit bestand is te groot. Een gespreksbestand is klein."
SIGN_SALT = "gesprekstool.gespreksbestand.v1"


class BestandFout(Exception):
    """The file is refused; the message is shown to the user as it is."""


# --- the schema ----------------------------------------------------------------------------------


def _plain_text(value):
    # PostgreSQL cannot store NUL; other control characters and lone surrogates have no place
    # in a note either. Line breaks and tabs are fine.
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\r\t" for c in value):
        raise ValueError("bevat tekens die niet in een tekst horen")
    return value


def _checked_by(validator):
    """A Django validator as a check of the schema: its Dutch message becomes the file's error."""

    def check(value):
        if value:
            try:
                validator(value)
            except DjangoValidationError as error:
                raise ValueError(error.messages[0]) from None
        return value

    return check


_free_text = _checked_by(validate_free_text)
_trajectcode = _checked_by(validate_trajectcode)


def _iso_date(value):
    if not isinstance(value, str) or len(value) > 10:
        raise ValueError("is geen datum")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("is geen datum") from None


def Tekst(max_length, *checks):  # noqa: N802 - reads as a type in the models below
    return Annotated[
        str, Field(max_length=max_length), AfterValidator(_plain_text), *map(AfterValidator, checks)
    ]


Score = Annotated[int, Field(ge=SCORE_MIN, le=SCORE_MAX)] | None
Gemiddelde = Annotated[float, Field(ge=SCORE_MIN, le=SCORE_MAX)]
Datum = Annotated[date, BeforeValidator(_iso_date)]
Code = Tekst(80)


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class GesprekV1(Schema):
    datum: Datum
    trajectcode: Tekst(30, _trajectcode)
    eenvoudig: bool


class GesprekV2(GesprekV1):
    vorige_tonen: bool


class AntwoordV1(Schema):
    stelling: Code
    onderdeel: Code
    tekst: Tekst(200)
    score: Score
    weet_niet: bool
    bespreken: bool
    notitie: Tekst(NOTE_MAX_LENGTH, _free_text)

    @model_validator(mode="after")
    def _what_was_chosen(self):
        if self.weet_niet and self.score is not None:
            raise ValueError("heeft een score én 'weet ik niet'")
        if self.score is None and not (self.weet_niet or self.bespreken or self.notitie):
            raise ValueError("is leeg")
        return self


class AfspraakV1(Schema):
    onderdeel: Code
    wat: Tekst(300, _free_text)
    wie: Tekst(120, _free_text)
    wanneer: Tekst(120, _free_text)


class AfspraakV2(AfspraakV1):
    # "" for agreements made before roles existed: their `wie` is free text.
    wie_rol: Literal["", *WieRol.values]

    @model_validator(mode="after")
    def _role_or_text(self):
        if self.wie_rol in ("", WieRol.ANDERS) and not self.wie:
            raise ValueError("zegt niet wie het doet")
        if self.wie_rol not in ("", WieRol.ANDERS) and self.wie:
            raise ValueError("heeft een rol én een eigen tekst bij 'wie'")
        return self


class TerugblikV2(AfspraakV2):
    status: Literal["", *TerugblikStatus.values]
    notitie: Tekst(REVIEW_NOTE_MAX_LENGTH, _free_text)


class VorigAntwoordV2(Schema):
    onderdeel: Code
    score: Score
    weet_niet: bool
    bespreken: bool


class VorigeV2(Schema):
    datum: Datum
    onderdelen: dict[Code, Gemiddelde] = Field(max_length=20)
    stellingen: dict[Code, VorigAntwoordV2] = Field(max_length=MAX_ANTWOORDEN)


class AfsluitingV1(Schema):
    gehoord: Score
    belangrijk: Score
    manier: Score


class BestandV1(Schema):
    formaat: Literal[FORMAAT]
    versie: Literal[1]
    gemaakt: Tekst(40)
    gesprek: GesprekV1
    antwoorden: list[AntwoordV1] = Field(max_length=MAX_ANTWOORDEN)
    afspraken: list[AfspraakV1] = Field(max_length=MAX_AFSPRAKEN)
    afsluiting: AfsluitingV1
    handtekening: Tekst(64)

    def upgrade(self):
        """The same conversation in version 2: agreements without a role keep their text.
        Built from checked values, so not validated again."""
        return BestandV2.model_construct(
            formaat=FORMAAT,
            versie=2,
            gemaakt=self.gemaakt,
            gesprek=GesprekV2.model_construct(**dict(self.gesprek), vorige_tonen=True),
            antwoorden=self.antwoorden,
            afspraken=[AfspraakV2.model_construct(**dict(a), wie_rol="") for a in self.afspraken],
            terugblik=[],
            vorige=None,
            afsluiting=self.afsluiting,
            handtekening=self.handtekening,
        )


class BestandV2(Schema):
    formaat: Literal[FORMAAT]
    versie: Literal[2]
    gemaakt: Tekst(40)
    gesprek: GesprekV2
    antwoorden: list[AntwoordV1] = Field(max_length=MAX_ANTWOORDEN)
    afspraken: list[AfspraakV2] = Field(max_length=MAX_AFSPRAKEN)
    terugblik: list[TerugblikV2] = Field(max_length=MAX_AFSPRAKEN)
    vorige: VorigeV2 | None
    afsluiting: AfsluitingV1
    handtekening: Tekst(64)

    def upgrade(self):
        return self


BESTAND = TypeAdapter(Annotated[BestandV1 | BestandV2, Field(discriminator="versie")])


# --- writing -------------------------------------------------------------------------------------


def _canonical(body):
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _signature(body, secret=None):
    return salted_hmac(SIGN_SALT, _canonical(body), secret=secret, algorithm="sha256").hexdigest()


def _signed_by_us(signature, body):
    """Signed with SECRET_KEY, or with a key in SECRET_KEY_FALLBACKS: files handed out before
    the key was rotated still open while the old key is listed there."""
    return any(
        constant_time_compare(signature, _signature(body, secret))
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    )


def _afspraak(a):
    return {
        "onderdeel": a.onderdeel.slug,
        "wat": a.wat,
        "wie_rol": a.wie_rol,
        "wie": a.wie,
        "wanneer": a.wanneer,
    }


def export_gesprek(gesprek):
    """The conversation as a dict in the current format version (see docs/gespreksbestand.md)."""
    antwoorden = Antwoord.objects.filter(gesprek=gesprek).select_related("stelling__onderdeel")
    afspraken = Afspraak.objects.filter(gesprek=gesprek).select_related("onderdeel")
    terugblik = Terugblik.objects.filter(gesprek=gesprek).select_related("onderdeel")
    vorige = gesprek.vorige and {"stellingen": {}, **gesprek.vorige}
    body = {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "gemaakt": timezone.localtime().isoformat(timespec="seconds"),
        "gesprek": {
            "datum": timezone.localdate(gesprek.aangemaakt).isoformat(),
            "trajectcode": gesprek.trajectcode,
            "eenvoudig": gesprek.eenvoudig,
            "vorige_tonen": gesprek.vorige_tonen,
        },
        "antwoorden": [
            {
                "stelling": a.stelling.code,
                "onderdeel": a.stelling.onderdeel.slug,
                "tekst": a.stelling_tekst,
                "score": a.score,
                "weet_niet": a.weet_niet,
                "bespreken": a.bespreken,
                "notitie": a.notitie,
            }
            for a in antwoorden
        ],
        "afspraken": [_afspraak(a) for a in afspraken],
        "terugblik": [
            {**_afspraak(t), "status": t.status, "notitie": t.notitie} for t in terugblik
        ],
        "vorige": vorige or None,
        "afsluiting": {
            "gehoord": gesprek.check_gehoord,
            "belangrijk": gesprek.check_belangrijk,
            "manier": gesprek.check_manier,
        },
    }
    return {**body, "handtekening": _signature(body)}


def export_bytes(gesprek):
    return json.dumps(export_gesprek(gesprek), ensure_ascii=False, indent=2).encode()


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bestand:
    """A checked file in the current version, with its statements and parts looked up."""

    inhoud: BestandV2
    stellingen: dict  # code -> Stelling
    onderdelen: dict  # slug -> Onderdeel

    @property
    def datum(self):
        return self.inhoud.gesprek.datum


def _expect(condition, message):
    if not condition:
        raise BestandFout(message)


def _depth(text):
    """The deepest nesting of [ and { outside strings; counted before parsing, because a file
    nested a thousand levels deep would make the JSON parser itself fail."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _no_duplicates(pairs):
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


# Where in the file: (as a whole, one of them).
FIELD_NAMES = {
    "gesprek": ("het gesprek", "het gesprek"),
    "antwoorden": ("de antwoorden", "antwoord"),
    "afspraken": ("de afspraken", "afspraak"),
    "terugblik": ("de terugblik", "terugblik"),
    "vorige": ("het vorige gesprek", "het vorige gesprek"),
    "afsluiting": ("de afsluiting", "de afsluiting"),
    "stellingen": ("de stellingen", "stelling"),
    "onderdelen": ("de onderdelen", "onderdeel"),
}
PROBLEMS = {
    "string_type": "is geen tekst",
    "string_unicode": "bevat tekens die niet in een tekst horen",
    "string_too_long": "is te lang",
    "int_type": "moet een getal van 0 tot en met 10 zijn",
    "float_type": "moet een getal van 0 tot en met 10 zijn",
    "greater_than_equal": "moet een getal van 0 tot en met 10 zijn",
    "less_than_equal": "moet een getal van 0 tot en met 10 zijn",
    "bool_type": "moet waar of onwaar zijn",
    "missing": "ontbreekt",
    "extra_forbidden": "hoort niet in een gespreksbestand",
    "too_long": "heeft te veel onderdelen",
    "literal_error": "heeft een waarde die deze website niet kent",
    "list_type": "is geen lijst",
}


def _where(loc):
    """('2', 'antwoorden', 3, 'notitie') → 'antwoord 4, notitie'."""
    words = []
    for index, part in enumerate(loc):
        if isinstance(part, int):
            continue
        if index == 0 and part in ("1", "2"):
            continue  # the version the file says it has
        following = loc[index + 1] if index + 1 < len(loc) else None
        if part in FIELD_NAMES:
            whole, one = FIELD_NAMES[part]
            words.append(f"{one} {following + 1}" if isinstance(following, int) else whole)
        elif isinstance(following, int):
            words.append(f"{part} {following + 1}")
        else:
            words.append(str(part).replace("_", " "))
    return ", ".join(words) or "het bestand"


def _dutch(error):
    problem = error["type"]
    if problem == "value_error":
        what = str(error["ctx"]["error"])
    else:
        what = PROBLEMS.get(problem, "heeft de verkeerde vorm")
    where = _where(error["loc"])
    if what.startswith("“"):  # a free-text finding is a whole sentence
        return f"Dit bestand kan niet worden geopend: in {where} staat iets dat niet mag. {what}"
    return f"Het bestand klopt niet: {where} {what}."


def _parse(raw):
    _expect(len(raw) <= MAX_BYTES, TOO_BIG)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BestandFout(NOT_A_FILE) from None
    _expect(_depth(text) <= MAX_DEPTH, "Het bestand klopt niet: het is te diep genest.")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise BestandFout(NOT_A_FILE) from None
    _expect(isinstance(data, dict) and data.get("formaat") == FORMAAT, NOT_A_FILE)
    _expect(
        data.get("versie") in VERSIES and type(data.get("versie")) is int,
        "Dit gespreksbestand heeft een versie die deze website niet kent.",
    )
    return data


def read_bestand(uploaded):
    """Parse and check an uploaded file; returns a Bestand or raises BestandFout."""
    _expect(uploaded.size <= MAX_BYTES, TOO_BIG)
    data = _parse(uploaded.read(MAX_BYTES + 1))
    try:
        checked = BESTAND.validate_python(data)
    except ValidationError as error:
        raise BestandFout(_dutch(error.errors()[0])) from None
    body = {k: v for k, v in data.items() if k != "handtekening"}
    _expect(
        _signed_by_us(checked.handtekening, body),
        "Dit bestand is veranderd nadat het werd bewaard, of het komt van een andere website. "
        "Daarom kan het niet worden geopend.",
    )
    # Signed by us, but the content may have changed since (archived statements stay known,
    # deleted ones do not exist).
    return _resolve(checked.upgrade())


def _resolve(inhoud):
    codes = [a.stelling for a in inhoud.antwoorden]
    _expect(
        len(codes) == len(set(codes)), "Het bestand klopt niet: een stelling staat er twee keer in."
    )
    stellingen = Stelling.objects.select_related("onderdeel").in_bulk(codes, field_name="code")
    for antwoord in inhoud.antwoorden:
        stelling = stellingen.get(antwoord.stelling)
        _expect(
            stelling is not None and stelling.onderdeel.slug == antwoord.onderdeel,
            "Dit bestand bevat stellingen die deze website niet kent.",
        )
    onderdelen = Onderdeel.objects.in_bulk(field_name="slug")
    _expect(
        all(a.onderdeel in onderdelen for a in [*inhoud.afspraken, *inhoud.terugblik]),
        "Dit bestand bevat een onbekend onderdeel.",
    )
    return Bestand(inhoud=inhoud, stellingen=stellingen, onderdelen=onderdelen)
