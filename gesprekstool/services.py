"""Writes that touch several models, and the session binding of anonymous conversations."""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from . import vorige
from .models import (
    Actie,
    Afspraak,
    Antwoord,
    Gesprek,
    Terugblik,
    Toegang,
    Traject,
    anonymous_alive_since,
    latest_session_gesprek,
    saved_retention,
    session_gesprek,
)

logger = logging.getLogger(__name__)

# The session holds one token; each anonymous conversation keeps a hash of it (Gesprek.sessie).
SESSION_BINDING = "gesprekstool_sessie"
# Before the token, the session held a list of conversation ids; read once, then dropped.
LEGACY_SESSION_KEY = "gesprekstool_gesprekken"


class GesprekWeg(Exception):
    """The conversation (or its trajectory) was deleted while this request was under way."""


def session_token(session, *, create=False):
    """The hash that binds anonymous conversations to this browser session, or "" if it has none.

    The token is made once per session (the start page makes it, before any conversation), so
    requests that run in parallel in one session all read the same token and none can lose
    another's conversation. It stays in the session's data when Django gives the session a new
    key (at login), so the conversations stay with it. Only its hash is stored with them.
    """
    token = session.get(SESSION_BINDING)
    if token is None:
        if not create:
            return ""
        token = session[SESSION_BINDING] = secrets.token_urlsafe(32)
    sessie = hashlib.sha256(token.encode()).hexdigest()
    legacy = session.pop(LEGACY_SESSION_KEY, None)
    if legacy:
        Gesprek.objects.filter(uuid__in=legacy, eigenaar__isnull=True, sessie="").update(
            sessie=sessie
        )
    return sessie


def gesprek_start(*, session, **fields):
    """Start an anonymous conversation that belongs to this browser session."""
    return Gesprek.objects.create(sessie=session_token(session, create=True), **fields)


def gesprek_for_session(*, session, gesprek_uuid):
    """The conversation if this session started it and it still lives; otherwise 404.

    Another browser gets 404, not 403: it must not learn that the conversation exists.
    """
    sessie = session_token(session)
    found = sessie and session_gesprek(
        sessie=sessie, gesprek_uuid=gesprek_uuid, since=anonymous_alive_since()
    )
    if not found:
        raise Http404("Dit gesprek bestaat niet (meer).")
    return found[0]


def gesprek_latest_for_session(*, session):
    """The most recently changed live conversation of this session, or None."""
    sessie = session_token(session)
    if not sessie:
        return None
    found = latest_session_gesprek(sessie=sessie, since=anonymous_alive_since())
    return found[0] if found else None


# --- one way to delete, and the locks that make saves and deletes wait for each other -----------
#
# Every write to a conversation first locks its trajectory (if any) and then the conversation
# row (lock_for_write); every delete locks the same rows, in the same order, FOR UPDATE
# (gesprekken_delete). So a delete waits until the saves under way are committed and then
# deletes their rows too, and a save that comes after a delete finds nothing and stops with
# GesprekWeg instead of inserting an answer that points at nothing (an IntegrityError, a 500).
# One order everywhere (trajectory, then conversations by id) means no deadlocks.


def lock_for_write(gesprek):
    """Lock the conversation (and its trajectory) for a change, inside a transaction.

    Raises GesprekWeg when it is gone. FOR NO KEY UPDATE: saves of one conversation take turns,
    and a delete (FOR UPDATE) waits for them, or they for it.
    """
    if gesprek.traject_id and not _lock(Traject.objects.filter(pk=gesprek.traject_id)):
        raise GesprekWeg
    if not _lock(Gesprek.objects.filter(pk=gesprek.pk)):
        raise GesprekWeg


def lock_traject_for_write(traject):
    """As lock_for_write, for a change to a trajectory (a new conversation, a log line)."""
    if not _lock(Traject.objects.filter(pk=traject.pk)):
        raise GesprekWeg


def _lock(queryset, *, delete=False, skip_locked=False):
    """Lock the rows in id order and return their ids."""
    locked = queryset.select_for_update(no_key=not delete, skip_locked=skip_locked)
    return list(locked.order_by("pk").values_list("pk", flat=True))


def gesprekken_delete(*, gesprekken=None, trajecten=None, skip_locked=False):
    """Delete these conversations and trajectories with everything in them, at once.

    The one delete for conversations and trajectories: closing, deleting a saved conversation
    or a trajectory, and the clean-up. Locks as described above; with skip_locked (the
    clean-up) rows that a request is changing right now are left for the next round. Returns
    the number of conversations and of trajectories deleted.
    """
    gesprekken = gesprekken if gesprekken is not None else Gesprek.objects.none()
    trajecten = trajecten if trajecten is not None else Traject.objects.none()
    with transaction.atomic():
        traject_ids = _lock(trajecten, delete=True, skip_locked=skip_locked)
        # The trajectories of single conversations stay, but are locked too: the same order.
        kept = _lock(
            Traject.objects.filter(pk__in=gesprekken.values("traject")).exclude(pk__in=traject_ids),
            delete=True,
            skip_locked=skip_locked,
        )
        # The conditions stay on the locked query itself (no subquery), so PostgreSQL checks
        # them again on a row that a save changed meanwhile: a conversation saved just now
        # is no longer expired.
        gesprek_ids = _lock(
            gesprekken.filter(Q(traject__isnull=True) | Q(traject__in=kept))
            | Gesprek.objects.filter(traject__in=traject_ids),
            delete=True,
            skip_locked=skip_locked,
        )
        # Children first; everything inside the one transaction, so nothing half-deleted stays.
        for model in (Antwoord, Afspraak, Terugblik):
            model.objects.filter(gesprek__in=gesprek_ids).delete()
        Gesprek.objects.filter(pk__in=gesprek_ids).delete()
        Toegang.objects.filter(traject__in=traject_ids).delete()
        Traject.objects.filter(pk__in=traject_ids).delete()
    return len(gesprek_ids), len(traject_ids)


def gesprek_close(*, gesprek):
    """ "Gesprek afsluiten": delete the conversation and everything in it at once."""
    deleted, _ = gesprekken_delete(gesprekken=Gesprek.objects.filter(pk=gesprek.pk))
    return bool(deleted)


def gesprekken_opruimen(*, now=None):
    """Delete anonymous conversations untouched for 24 hours and saved ones (with trajectories
    left empty) untouched for the retention period. Safe to run at any time, often."""
    now = now or timezone.now()
    deleted, _ = gesprekken_delete(gesprekken=Gesprek.objects.expired(now), skip_locked=True)
    gesprekken_delete(
        trajecten=Traject.objects.filter(gewijzigd__lt=now - saved_retention()).exclude(
            Exists(Gesprek.objects.filter(traject=OuterRef("pk")))
        ),
        skip_locked=True,
    )
    return deleted


@dataclass(frozen=True, kw_only=True)
class AntwoordInvoer:
    """What was chosen for one statement. No field has a default: what was not sent is None,
    False or empty, and a score is never made up."""

    stelling: object
    score: int | None
    weet_niet: bool
    bespreken: bool
    notitie: str

    def __post_init__(self):
        if self.weet_niet and self.score is not None:
            raise ValueError("'weet ik niet' has no score")

    @property
    def leeg(self):
        return self.score is None and not (self.weet_niet or self.bespreken or self.notitie)


UPDATE_FIELDS = ["stelling_tekst", "score", "weet_niet", "bespreken", "notitie", "gewijzigd"]


def gesprek_save_part(*, gesprek, antwoorden, wissen=()):
    """Upsert the answers of one part (one row per statement) and delete the cleared ones;
    other statements stay untouched.

    INSERT … ON CONFLICT UPDATE on (gesprek, stelling) makes a double submit or a second tab
    harmless: the last write for a statement wins and no other answer is lost.
    """
    now = timezone.now()
    rows = [
        Antwoord(
            gesprek=gesprek,
            stelling=invoer.stelling,
            stelling_tekst=invoer.stelling.tekst,
            score=invoer.score,
            weet_niet=invoer.weet_niet,
            bespreken=invoer.bespreken,
            notitie=invoer.notitie,
            gewijzigd=now,
        )
        for invoer in antwoorden
        if not invoer.leeg
    ]
    with transaction.atomic():
        lock_for_write(gesprek)
        Antwoord.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["gesprek", "stelling"],
            update_fields=UPDATE_FIELDS,
        )
        if wissen:
            Antwoord.objects.filter(gesprek=gesprek, stelling__in=wissen).delete()
        gesprek.touch()
    return rows


def afspraak_add(*, gesprek, **fields):
    with transaction.atomic():
        lock_for_write(gesprek)
        afspraak = Afspraak.objects.create(gesprek=gesprek, **fields)
        gesprek.touch()
    return afspraak


def afspraak_update(*, gesprek, afspraak, **fields):
    with transaction.atomic():
        lock_for_write(gesprek)
        Afspraak.objects.filter(gesprek=gesprek, pk=afspraak.pk).update(**fields)
        gesprek.touch()


def terugblik_save(*, gesprek, forms):
    """Store how last time's agreements went: exactly the status and note sent, for the
    agreements whose status or note changed on the page."""
    with transaction.atomic():
        lock_for_write(gesprek)
        for form in forms:
            if not form.has_changed():
                continue
            Terugblik.objects.filter(gesprek=gesprek, pk=form.instance.pk).update(
                status=form.cleaned_data["status"], notitie=form.cleaned_data["notitie"]
            )
        gesprek.touch()


def gesprek_fill_from_bestand(*, gesprek, bestand):
    """Fill a fresh conversation with everything in a checked gespreksbestand ("verder")."""
    inhoud = bestand.inhoud
    with transaction.atomic():
        lock_for_write(gesprek)
        Antwoord.objects.bulk_create(
            Antwoord(
                gesprek=gesprek,
                stelling=bestand.stellingen[a.stelling],
                stelling_tekst=a.tekst,
                score=a.score,
                weet_niet=a.weet_niet,
                bespreken=a.bespreken,
                notitie=a.notitie,
            )
            for a in inhoud.antwoorden
        )
        Afspraak.objects.bulk_create(
            Afspraak(gesprek=gesprek, **vorige.afspraak_fields(a, bestand.onderdelen))
            for a in inhoud.afspraken
        )
        Terugblik.objects.bulk_create(
            Terugblik(
                gesprek=gesprek,
                volgorde=number,
                status=t.status,
                notitie=t.notitie,
                **vorige.afspraak_fields(t, bestand.onderdelen),
            )
            for number, t in enumerate(inhoud.terugblik)
        )
        check = inhoud.afsluiting
        gesprek.trajectcode = inhoud.gesprek.trajectcode
        gesprek.eenvoudig = inhoud.gesprek.eenvoudig
        gesprek.vorige_tonen = inhoud.gesprek.vorige_tonen
        gesprek.check_gehoord = check.gehoord
        gesprek.check_belangrijk = check.belangrijk
        gesprek.check_manier = check.manier
        gesprek.vorige = inhoud.vorige.model_dump(mode="json") if inhoud.vorige else None
        gesprek.save()
    return gesprek


def gesprek_begin_vervolg(*, gesprek, snapshot):
    """Make a fresh conversation a follow-up of an earlier one (a vorige.Snapshot): it keeps
    the earlier answers to compare with, and last time's agreements to look back on."""
    with transaction.atomic():
        lock_for_write(gesprek)
        gesprek.vorige = snapshot.vorige
        gesprek.save(update_fields=["vorige"])
        Terugblik.objects.bulk_create(
            Terugblik(gesprek=gesprek, volgorde=number, **fields)
            for number, fields in enumerate(snapshot.afspraken)
        )
        gesprek.touch()
    return gesprek


def afspraak_delete(*, gesprek, afspraak_id):
    with transaction.atomic():
        lock_for_write(gesprek)
        deleted, _ = Afspraak.objects.filter(gesprek=gesprek, pk=afspraak_id).delete()
        gesprek.touch()
    return bool(deleted)


def gesprek_update(*, gesprek, **fields):
    for name, value in fields.items():
        setattr(gesprek, name, value)
    with transaction.atomic():
        lock_for_write(gesprek)
        gesprek.save(update_fields=list(fields))
        gesprek.touch()
    return gesprek


# --- saved conversations (logged-in professionals) ----------------------------------------------

LOG_REPEAT_WINDOW = timedelta(minutes=10)


def toegang_log(*, traject, gebruiker, actie, omschrijving="", once_per_window=False):
    """Write one line of the trajectory's access log.

    Opening pages and saving answers (every slider with JavaScript) would flood the log; with
    once_per_window the same person, action and description is logged at most every 10 minutes.
    A trajectory deleted meanwhile gets no line: its log went with it.
    """
    from accounts.models import display_name

    now = timezone.now()
    with transaction.atomic():
        if not _lock(Traject.objects.filter(pk=traject.pk)):
            return None
        if once_per_window:
            recent = Toegang.objects.filter(
                traject=traject,
                gebruiker=gebruiker,
                actie=actie,
                omschrijving=omschrijving,
                tijdstip__gte=now - LOG_REPEAT_WINDOW,
            )
            if recent.exists():
                return None
        return Toegang.objects.create(
            traject=traject,
            gebruiker=gebruiker,
            gebruiker_naam=display_name(gebruiker)[:150],
            actie=actie,
            omschrijving=omschrijving[:200],
            tijdstip=now,
        )


def gesprek_beschrijving(gesprek):
    return f"gesprek van {timezone.localdate(gesprek.aangemaakt):%d-%m-%Y}"


def traject_for_owner(*, user, traject_uuid):
    """The user's own live trajectory, else 404 (for colleagues, editors, anyone)."""
    try:
        return Traject.objects.alive().get(uuid=traject_uuid, eigenaar=user)
    except Traject.DoesNotExist:
        raise Http404("Dit traject bestaat niet (meer).") from None


def gesprek_for_owner(*, user, gesprek_uuid):
    """The user's own live saved conversation, else None."""
    return (
        Gesprek.objects.owned_by(user).select_related("traject").filter(uuid=gesprek_uuid).first()
    )


def traject_start(*, eigenaar, trajectcode):
    """A new trajectory with its first conversation, for a professional."""
    with transaction.atomic():
        traject = Traject.objects.create(
            eigenaar=eigenaar, organisatie=eigenaar.profiel.organisatie, trajectcode=trajectcode
        )
        gesprek = Gesprek.objects.create(
            eigenaar=eigenaar, traject=traject, trajectcode=trajectcode
        )
        toegang_log(
            traject=traject, gebruiker=eigenaar, actie=Actie.AANGEMAAKT, omschrijving="traject"
        )
    return traject, gesprek


def gesprek_vervolg(*, traject, door):
    """A follow-up in the same trajectory: it carries on from the latest conversation."""
    with transaction.atomic():
        lock_traject_for_write(traject)
        latest = traject.gesprekken.order_by("-aangemaakt", "-id").first()
        gesprek = Gesprek.objects.create(
            eigenaar=traject.eigenaar,
            traject=traject,
            trajectcode=traject.trajectcode,
            eenvoudig=latest.eenvoudig if latest else False,
        )
        if latest:
            gesprek_begin_vervolg(gesprek=gesprek, snapshot=vorige.from_gesprek(latest))
        gesprek.touch()
        toegang_log(
            traject=traject, gebruiker=door, actie=Actie.AANGEMAAKT, omschrijving="vervolggesprek"
        )
    return gesprek


def traject_import(*, traject, door, bestand):
    """A checked gespreksbestand becomes a conversation of this trajectory, on its own date."""
    with transaction.atomic():
        lock_traject_for_write(traject)
        gesprek = Gesprek.objects.create(
            eigenaar=traject.eigenaar, traject=traject, trajectcode=traject.trajectcode
        )
        gesprek_fill_from_bestand(gesprek=gesprek, bestand=bestand)
        # The file's trajectcode may differ; in a trajectory the trajectory's code counts.
        gesprek.trajectcode = traject.trajectcode
        gesprek.aangemaakt = timezone.make_aware(datetime.combine(bestand.datum, time(12)))
        gesprek.save(update_fields=["trajectcode", "aangemaakt"])
        gesprek.touch()
        toegang_log(
            traject=traject,
            gebruiker=door,
            actie=Actie.GEIMPORTEERD,
            omschrijving=gesprek_beschrijving(gesprek),
        )
    return gesprek


def gesprek_delete_saved(*, gesprek, door):
    """Delete one saved conversation; the trajectory's log says so."""
    with transaction.atomic():
        deleted, _ = gesprekken_delete(gesprekken=Gesprek.objects.filter(pk=gesprek.pk))
        if deleted:
            Traject.objects.filter(pk=gesprek.traject_id).update(gewijzigd=timezone.now())
            toegang_log(
                traject=gesprek.traject,
                gebruiker=door,
                actie=Actie.VERWIJDERD,
                omschrijving=gesprek_beschrijving(gesprek),
            )
    return bool(deleted)


def traject_delete(*, traject, door):
    """Delete a trajectory with all its conversations and its access log, at once."""
    # The access log goes with it (it would point at nothing); the server log keeps a trace
    # without the trajectcode.
    _, deleted = gesprekken_delete(trajecten=Traject.objects.filter(pk=traject.pk))
    logger.info("Traject %s verwijderd door gebruiker %s", traject.pk, door.pk)
    return bool(deleted)


class OverdrachtFout(Exception):
    """The handover is refused; the message is shown to the user."""


def traject_overdragen(*, traject, door, naar):
    """Hand a trajectory over to a colleague of the same organisation, who then owns it."""
    from accounts.models import Profiel, display_name

    if naar == door or not naar.is_active:
        raise OverdrachtFout("Kies een collega uit de lijst.")
    if not Profiel.objects.filter(gebruiker=naar, organisatie=traject.organisatie).exists():
        raise OverdrachtFout(
            "Je kunt een traject alleen overdragen aan een collega van je eigen organisatie."
        )
    with transaction.atomic():
        locked = Traject.objects.select_for_update(no_key=True).filter(pk=traject.pk).first()
        if locked is None:
            raise GesprekWeg
        if locked.eigenaar_id != door.pk:
            raise OverdrachtFout("Dit traject is al overgedragen.")
        locked.eigenaar = naar
        locked.save(update_fields=["eigenaar"])
        Gesprek.objects.filter(traject=locked).update(eigenaar=naar)
        toegang_log(
            traject=locked,
            gebruiker=door,
            actie=Actie.OVERGEDRAGEN,
            omschrijving=f"aan {display_name(naar)}",
        )
    return locked
