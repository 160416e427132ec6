"""Which participant this phone is: a signed cookie {sessie id: deelnemer id}.

A signed cookie rather than Django's session: a phone's request then needs no session row (one
query fewer per poll-triggered page load, no table of 200 sessions per meeting), and a
participant keeps getting the kennisplein's cached pages. The ids mean nothing outside this
site and the signature stops a phone from claiming another participant's id.
"""

import json

from django.conf import settings

from .models import OPEN_FOR

COOKIE = "werkplaats"
SALT = "werkplaats.deelnemer"
KEEP = 5  # sessions remembered per phone; more is not a real meeting day


def participant_ids(request):
    value = request.get_signed_cookie(
        COOKIE, default=None, salt=SALT, max_age=OPEN_FOR.total_seconds()
    )
    try:
        ids = json.loads(value) if value else {}
    except ValueError:
        return {}
    if not isinstance(ids, dict):
        return {}
    return {sessie: deelnemer for sessie, deelnemer in ids.items() if type(deelnemer) is int}


def participant_id(request, sessie, ids=None):
    """This phone's participant id in `sessie`, or None; `ids` when already read."""
    return (participant_ids(request) if ids is None else ids).get(str(sessie.pk))


def remember_participant(response, request, sessie, deelnemer_id):
    ids = {**participant_ids(request), str(sessie.pk): deelnemer_id}
    ids = dict(list(ids.items())[-KEEP:])
    response.set_signed_cookie(
        COOKIE,
        json.dumps(ids),
        salt=SALT,
        max_age=int(OPEN_FOR.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
