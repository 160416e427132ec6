"""Writes of a live session: starting, joining, answering, the facilitator's moves, clean-up.

Every change that participants should see moves `Sessie.versie` on in the same transaction,
so their pages, which poll that number, pick it up within one poll.
"""

import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Now

from .models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Antwoord,
    Sessie,
    SessieStelling,
    hash_token,
)

VERSION_SECONDS = 30
KANAAL_LENGTH = 22  # secrets.token_urlsafe(16)


def version_key(kanaal):
    return f"werkplaats:versie:{kanaal}"


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def sessie_start(*, stellingenset, achtergronden=()):
    """Copy the set's statements into a new session. Returns (sessie, token): the token is the
    facilitator's secret and is not kept; only its hash is."""
    token = secrets.token_urlsafe(32)
    stellingen = list(stellingenset.stellingen.all())
    with transaction.atomic():
        for _ in range(5):  # a clash of codes is rare; try again with another
            try:
                with transaction.atomic():
                    sessie = Sessie.objects.create(
                        set=stellingenset,
                        titel=stellingenset.titel,
                        schaal=stellingenset.schaal,
                        code=_new_code(),
                        leider_hash=hash_token(token),
                        kanaal=secrets.token_urlsafe(16),
                        aantal=len(stellingen),
                        achtergronden=list(achtergronden),
                    )
            except IntegrityError:
                continue
            break
        else:
            raise RuntimeError("Could not find a free join code")
        SessieStelling.objects.bulk_create(
            SessieStelling(sessie=sessie, volgorde=number, tekst=s.tekst, toelichting=s.toelichting)
            for number, s in enumerate(stellingen)
        )
    return sessie, token


def antwoord_save(*, deelnemer_id, stelling, waarde):
    """Insert or change this participant's answer: one row per statement, the last one wins.
    The caller checks that the statement is on screen and still open."""
    Antwoord.objects.bulk_create(
        [Antwoord(deelnemer_id=deelnemer_id, stelling=stelling, waarde=waarde)],
        update_conflicts=True,
        unique_fields=["deelnemer", "stelling"],
        update_fields=["waarde", "gewijzigd"],
    )


def _bump(sessie, **fields):
    Sessie.objects.filter(pk=sessie.pk).update(versie=F("versie") + 1, **fields)
    sessie.refresh_from_db(fields=["versie", "huidige", "afgesloten"])
    kanaal, versie = sessie.kanaal, sessie.versie
    transaction.on_commit(lambda: cache.set(version_key(kanaal), versie, VERSION_SECONDS))


def current_version(kanaal):
    """The number the phones poll, from the shared cache (a poll then needs no query), else
    from the database. A change writes its number into the cache once committed; `add` never
    overwrites that with an older number read just before. The short lifetime bounds the one
    race left (two changes committed at once, their cache writes swapped)."""
    if len(kanaal) > KANAAL_LENGTH:
        return None  # not one of ours; and no over-long key in the cache
    key = version_key(kanaal)
    versie = cache.get(key)
    if versie is None:
        versie = Sessie.objects.alive().filter(kanaal=kanaal).values_list("versie", flat=True)
        versie = versie.first()
        if versie is not None:
            cache.add(key, versie, VERSION_SECONDS)
    return versie


def sessie_go_to(*, sessie, volgorde):
    """Show another statement (previous or next)."""
    with transaction.atomic():
        _bump(sessie, huidige=volgorde)


def stelling_reveal(*, sessie, volgorde, onthuld):
    """Show or hide the distribution on the facilitator's screen. The phones show nothing of
    it, so their version stays: 200 phones do not reload the page for it."""
    sessie.stellingen.filter(volgorde=volgorde).update(onthuld=onthuld)


def stelling_close(*, sessie, volgorde, gesloten):
    """Close a statement for answers and changes, or open it again."""
    with transaction.atomic():
        sessie.stellingen.filter(volgorde=volgorde).update(gesloten=gesloten)
        _bump(sessie)


def sessie_close(*, sessie):
    """End the session: every statement closed, no one can join or answer any more."""
    with transaction.atomic():
        sessie.stellingen.update(gesloten=True)
        _bump(sessie, afgesloten=Now())


def sessies_opruimen():
    """Delete sessions (with their statements, participants and answers) older than the
    retention period. Safe to run at any time, often, and concurrently."""
    _, per_model = Sessie.objects.expired().delete()
    return per_model.get(Sessie._meta.label, 0)
