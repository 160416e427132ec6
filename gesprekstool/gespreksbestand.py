"""The gespreksbestand: a conversation as a small, signed JSON file for the young person's dossier.

The format is documented in docs/gespreksbestand.md. The server never keeps an uploaded file:
it is read into memory, checked strictly, and turned into a conversation of this session.
"""

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import NOTE_MAX_LENGTH, SCORE_MAX, SCORE_MIN, Afspraak, Antwoord, Onderdeel, Stelling
from .validators import validate_trajectcode

FORMAAT = "werken-aan-herstel/gespreksbestand"
VERSIE = 1
MAX_BYTES = 256 * 1024
MAX_AFSPRAKEN = 100
NOT_A_FILE = (
    "Dit is geen gespreksbestand. Kies het .json-bestand dat je bij een gesprek hebt bewaard."
)
SIGN_SALT = "gesprekstool.gespreksbestand.v1"


class BestandFout(Exception):
    """The file is refused; the message is shown to the user as it is."""


def _canonical(body):
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _signature(body):
    return salted_hmac(SIGN_SALT, _canonical(body), algorithm="sha256").hexdigest()


def export_gesprek(gesprek):
    """The conversation as a dict in format version 1 (see docs/gespreksbestand.md)."""
    antwoorden = Antwoord.objects.filter(gesprek=gesprek).select_related("stelling__onderdeel")
    afspraken = Afspraak.objects.filter(gesprek=gesprek).select_related("onderdeel")
    body = {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "gemaakt": timezone.localtime().isoformat(timespec="seconds"),
        "gesprek": {
            "datum": timezone.localdate(gesprek.aangemaakt).isoformat(),
            "trajectcode": gesprek.trajectcode,
            "eenvoudig": gesprek.eenvoudig,
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
        "afspraken": [
            {"onderdeel": a.onderdeel.slug, "wat": a.wat, "wie": a.wie, "wanneer": a.wanneer}
            for a in afspraken
        ],
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


def _expect(condition, message):
    if not condition:
        raise BestandFout(message)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _check_keys(obj, required, where):
    _expect(isinstance(obj, dict), f"Het bestand klopt niet: {where} heeft de verkeerde vorm.")
    _expect(
        set(obj) == set(required),
        f"Het bestand klopt niet: {where} heeft onbekende of ontbrekende onderdelen.",
    )


def _text(value, max_length, where):
    _expect(isinstance(value, str), f"Het bestand klopt niet: {where} is geen tekst.")
    _expect(len(value) <= max_length, f"Het bestand klopt niet: {where} is te lang.")
    return value


def _score(value, where):
    if value is None:
        return None
    _expect(
        _is_int(value) and SCORE_MIN <= value <= SCORE_MAX,
        f"Het bestand klopt niet: {where} moet een getal van 0 tot en met 10 zijn.",
    )
    return value


def read_bestand(uploaded):
    """Parse and check an uploaded file; returns the checked dict or raises BestandFout."""
    _expect(uploaded.size <= MAX_BYTES, "Dit bestand is te groot. Een gespreksbestand is klein.")
    raw = uploaded.read(MAX_BYTES + 1)
    _expect(len(raw) <= MAX_BYTES, "Dit bestand is te groot. Een gespreksbestand is klein.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BestandFout(NOT_A_FILE) from None
    _expect(
        isinstance(data, dict) and data.get("formaat") == FORMAAT,
        NOT_A_FILE,
    )
    _expect(
        data.get("versie") == VERSIE,
        "Dit gespreksbestand heeft een versie die deze website niet kent.",
    )
    _check_keys(
        data,
        [
            "formaat",
            "versie",
            "gemaakt",
            "gesprek",
            "antwoorden",
            "afspraken",
            "afsluiting",
            "handtekening",
        ],
        "het bestand",
    )
    body = {k: v for k, v in data.items() if k != "handtekening"}
    signature = data["handtekening"]
    _expect(
        isinstance(signature, str) and constant_time_compare(signature, _signature(body)),
        "Dit bestand is veranderd nadat het werd bewaard, of het komt van een andere website. "
        "Daarom kan het niet worden geopend.",
    )
    # Signed by us, but still checked as if it were not: the key may have leaked, the content
    # may have changed since (archived statements stay known, deleted ones do not exist).
    return _check_body(body)


def _check_body(body):
    _check_keys(body["gesprek"], ["datum", "trajectcode", "eenvoudig"], "het gesprek")
    try:
        datum = date.fromisoformat(_text(body["gesprek"]["datum"], 10, "de datum"))
    except ValueError:
        raise BestandFout("Het bestand klopt niet: de datum is geen datum.") from None
    trajectcode = _text(body["gesprek"]["trajectcode"], 30, "de trajectcode")
    if trajectcode:
        try:
            validate_trajectcode(trajectcode)
        except ValidationError as error:
            raise BestandFout(
                f"De trajectcode in dit bestand mag niet: {error.messages[0]}"
            ) from None
    _expect(isinstance(body["gesprek"]["eenvoudig"], bool), "Het bestand klopt niet.")
    antwoorden = body["antwoorden"]
    _expect(isinstance(antwoorden, list), "Het bestand klopt niet: de antwoorden ontbreken.")
    _expect(
        all(isinstance(a, dict) and isinstance(a.get("stelling"), str) for a in antwoorden),
        "Het bestand klopt niet: een antwoord heeft de verkeerde vorm.",
    )
    stellingen = Stelling.objects.select_related("onderdeel").in_bulk(
        [a["stelling"] for a in antwoorden], field_name="code"
    )
    seen = set()
    for antwoord in antwoorden:
        _check_keys(
            antwoord,
            ["stelling", "onderdeel", "tekst", "score", "weet_niet", "bespreken", "notitie"],
            "een antwoord",
        )
        stelling = stellingen.get(antwoord["stelling"])
        _expect(
            stelling is not None and stelling.onderdeel.slug == antwoord["onderdeel"],
            "Dit bestand bevat stellingen die deze website niet kent.",
        )
        _expect(
            stelling.id not in seen, "Het bestand klopt niet: een stelling staat er twee keer in."
        )
        seen.add(stelling.id)
        antwoord["_stelling"] = stelling
        _text(antwoord["tekst"], 200, "de tekst van een stelling")
        _score(antwoord["score"], "een score")
        _expect(
            isinstance(antwoord["weet_niet"], bool) and isinstance(antwoord["bespreken"], bool),
            "Het bestand klopt niet.",
        )
        _expect(
            not (antwoord["weet_niet"] and antwoord["score"] is not None),
            "Het bestand klopt niet: een antwoord heeft een score én 'weet ik niet'.",
        )
        _text(antwoord["notitie"], NOTE_MAX_LENGTH, "een notitie")
    afspraken = body["afspraken"]
    _expect(
        isinstance(afspraken, list) and len(afspraken) <= MAX_AFSPRAKEN,
        "Het bestand klopt niet: de afspraken hebben de verkeerde vorm.",
    )
    onderdelen = Onderdeel.objects.in_bulk(field_name="slug")
    for afspraak in afspraken:
        _check_keys(afspraak, ["onderdeel", "wat", "wie", "wanneer"], "een afspraak")
        _expect(afspraak["onderdeel"] in onderdelen, "Dit bestand bevat een onbekend onderdeel.")
        afspraak["_onderdeel"] = onderdelen[afspraak["onderdeel"]]
        _text(afspraak["wat"], 300, "een afspraak")
        _text(afspraak["wie"], 120, "een afspraak")
        _text(afspraak["wanneer"], 120, "een afspraak")
    _check_keys(body["afsluiting"], ["gehoord", "belangrijk", "manier"], "de afsluiting")
    for key in ("gehoord", "belangrijk", "manier"):
        _score(body["afsluiting"][key], "de afsluiting")
    body["_datum"] = datum
    body["_onderdelen"] = onderdelen
    return body


def gemiddelden(body):
    """Average score per part slug of a checked file, for comparing a follow-up."""
    per_part = {}
    for antwoord in body["antwoorden"]:
        if antwoord["score"] is not None:
            per_part.setdefault(antwoord["onderdeel"], []).append(antwoord["score"])
    return {slug: round(sum(s) / len(s), 1) for slug, s in per_part.items()}


def import_verder(*, gesprek, body):
    """Fill a fresh conversation with the file's answers, agreements and closing check."""
    with transaction.atomic():
        Antwoord.objects.bulk_create(
            Antwoord(
                gesprek=gesprek,
                stelling=a["_stelling"],
                stelling_tekst=a["tekst"],
                score=a["score"],
                weet_niet=a["weet_niet"] or a["score"] is None,
                bespreken=a["bespreken"],
                notitie=a["notitie"],
            )
            for a in body["antwoorden"]
        )
        Afspraak.objects.bulk_create(
            Afspraak(
                gesprek=gesprek,
                onderdeel=a["_onderdeel"],
                wat=a["wat"],
                wie=a["wie"],
                wanneer=a["wanneer"],
            )
            for a in body["afspraken"]
        )
        check = body["afsluiting"]
        gesprek.trajectcode = body["gesprek"]["trajectcode"]
        gesprek.eenvoudig = body["gesprek"]["eenvoudig"]
        gesprek.check_gehoord = check["gehoord"]
        gesprek.check_belangrijk = check["belangrijk"]
        gesprek.check_manier = check["manier"]
        gesprek.vorige = None
        gesprek.save()
    return gesprek


def import_vervolg(*, gesprek, body):
    """Make this (fresh) conversation a follow-up that compares with the file per part."""
    gesprek.trajectcode = body["gesprek"]["trajectcode"]
    gesprek.eenvoudig = body["gesprek"]["eenvoudig"]
    gesprek.vorige = {"datum": body["_datum"].isoformat(), "onderdelen": gemiddelden(body)}
    gesprek.save()
    return gesprek
