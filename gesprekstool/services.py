"""Writes that touch several models, and the session binding of anonymous conversations."""

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .models import Afspraak, Antwoord, Gesprek

SESSION_KEY = "gesprekstool_gesprekken"


def _session_ids(session):
    return list(session.get(SESSION_KEY, []))


def gesprek_start(*, session, **fields):
    """Start an anonymous conversation that belongs to this browser session."""
    gesprek = Gesprek.objects.create(**fields)
    session[SESSION_KEY] = [*_session_ids(session), str(gesprek.uuid)]
    return gesprek


def gesprek_for_session(*, session, gesprek_uuid):
    """The conversation if this session started it and it still lives; otherwise 404.

    Another browser gets 404, not 403: it must not learn that the conversation exists.
    """
    if str(gesprek_uuid) not in _session_ids(session):
        raise Http404("Dit gesprek bestaat niet (meer).")
    try:
        return Gesprek.objects.alive().get(uuid=gesprek_uuid, eigenaar__isnull=True)
    except Gesprek.DoesNotExist:
        raise Http404("Dit gesprek bestaat niet (meer).") from None


def gesprek_latest_for_session(*, session):
    """The most recently changed live conversation of this session, or None."""
    ids = _session_ids(session)
    if not ids:
        return None
    return (
        Gesprek.objects.alive()
        .filter(uuid__in=ids, eigenaar__isnull=True)
        .order_by("-gewijzigd")
        .first()
    )


def gesprek_close(*, gesprek, session):
    """ "Gesprek afsluiten": delete the conversation and everything in it at once."""
    session[SESSION_KEY] = [i for i in _session_ids(session) if i != str(gesprek.uuid)]
    gesprek.delete()


def gesprekken_opruimen(*, now=None):
    """Delete anonymous conversations untouched for 24 hours. Safe to run at any time, often."""
    deleted, per_model = Gesprek.objects.expired(now or timezone.now()).delete()
    return per_model.get(Gesprek._meta.label, 0)


@dataclass(frozen=True)
class AntwoordInvoer:
    stelling: object
    score: int | None
    weet_niet: bool
    bespreken: bool
    notitie: str


UPDATE_FIELDS = ["stelling_tekst", "score", "weet_niet", "bespreken", "notitie", "gewijzigd"]


def gesprek_save_part(*, gesprek, antwoorden):
    """Upsert the answers of one part: one row per statement, other statements untouched.

    INSERT … ON CONFLICT UPDATE on (gesprek, stelling) makes a double submit or a second tab
    harmless: the last write for a statement wins and no other answer is lost.
    """
    now = timezone.now()
    rows = [
        Antwoord(
            gesprek=gesprek,
            stelling=invoer.stelling,
            stelling_tekst=invoer.stelling.tekst,
            score=None if invoer.weet_niet else invoer.score,
            weet_niet=invoer.weet_niet or invoer.score is None,
            bespreken=invoer.bespreken,
            notitie=invoer.notitie,
            gewijzigd=now,
        )
        for invoer in antwoorden
    ]
    with transaction.atomic():
        Antwoord.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["gesprek", "stelling"],
            update_fields=UPDATE_FIELDS,
        )
        gesprek.touch()
    return rows


def afspraak_add(*, gesprek, **fields):
    with transaction.atomic():
        afspraak = Afspraak.objects.create(gesprek=gesprek, **fields)
        gesprek.touch()
    return afspraak


def afspraak_delete(*, gesprek, afspraak_id):
    with transaction.atomic():
        deleted, _ = Afspraak.objects.filter(gesprek=gesprek, pk=afspraak_id).delete()
        gesprek.touch()
    return bool(deleted)


def gesprek_update(*, gesprek, **fields):
    for name, value in fields.items():
        setattr(gesprek, name, value)
    gesprek.gewijzigd = timezone.now()
    gesprek.save(update_fields=[*fields, "gewijzigd"])
    return gesprek
