"""Pages of a live statements round: the sets, starting a session, and the participants'.

Two kinds of visitor, and neither has an account:
- participants join with the short code and are known only by a signed cookie (cookie.py);
- the facilitator holds a secret link (leider_views.py); anyone else gets 404.
Both pages work with plain forms and reloads; static/js/werkplaats.js polls a small status
URL (ETag/304) and swaps the changed part of the page in. Thin views: writes in services,
counts in results.
"""

from functools import partial, wraps

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herstel.fragments import deferred, kept
from herstel.ratelimit import client_address

from . import services
from .cookie import participant_id, participant_ids, remember_participant
from .forms import AntwoordForm, CodeForm, DeelnemenForm, StartForm
from .limits import ANSWERS, STARTS, WRONG_CODES
from .models import Deelnemer, Sessie, Stellingenset

FETCH_HEADER = "X-Werkplaats-Fetch"


def fout(request, message, *, status, template="werkplaats/fout.html", **context):
    """A Dutch error page with a 4xx status; nothing that was saved changes."""
    return render(request, template, {"message": message, **context}, status=status)


def _code_onbekend(request):
    context = {"code_form": CodeForm()}
    return render(request, "werkplaats/code_onbekend.html", context, status=404)


def _too_many(request):
    return fout(
        request,
        "Er zijn te veel pogingen gedaan vanaf dit netwerk. Wacht tien minuten en probeer het "
        "dan opnieuw.",
        status=429,
    )


# Sets and starting a session


@require_GET
def overzicht(request):
    return render(
        request,
        "werkplaats/overzicht.html",
        {"sets": Stellingenset.objects.for_list(), "code_form": CodeForm()},
    )


def _published_set(slug):
    """A published set with its item, or None. Not its statements: the page shows them from a
    kept fragment, so a kept row without them is smaller to read back on every visit."""
    return Stellingenset.objects.published().select_related("item").filter(slug=slug).first()


@require_http_methods(["GET", "POST"])
def set_detail(request, slug):
    # Content only, the same for everyone: kept per content version (herstel/fragments.py).
    stellingenset = kept(request, "werkplaats-set", [slug], partial(_published_set, slug))
    if stellingenset is None:
        raise Http404("Deze set bestaat niet.")
    form = StartForm(request.POST) if request.method == "POST" else None
    status = 200
    if request.method == "POST":
        if not STARTS.allow(client_address(request)):
            return fout(
                request,
                "Er zijn vanaf dit netwerk veel sessies gestart. Wacht een uur en probeer het "
                "dan opnieuw.",
                status=429,
            )
        prefetch_related_objects([stellingenset], "stellingen")
        if not stellingenset.stellingen.all():
            return fout(request, "Deze set heeft nog geen stellingen.", status=400)
        if form.is_valid():
            _, token = services.sessie_start(
                stellingenset=stellingenset, achtergronden=form.cleaned_data["achtergronden"]
            )
            messages.success(
                request,
                "De sessie is gestart. Bewaar de link van deze pagina: alleen wie hem heeft, kan "
                "de sessie leiden en de uitslag downloaden.",
            )
            return redirect("werkplaats:leider", token=token)
        status = 400
    return render(
        request,
        "werkplaats/set_detail.html",
        # The blank form sits in a kept fragment: made only when that fragment is rendered.
        {"set": stellingenset, "form": form, "blank_form": deferred(StartForm)},
        status=status,
    )


# Participants


def participant_view(view):
    """Resolve <code> to a session that is still kept; an unknown code counts against the
    address, so codes cannot be tried in bulk."""

    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        who = client_address(request)
        if WRONG_CODES.exhausted(who):
            return _too_many(request)
        ids = participant_ids(request)
        try:
            # get(), not first(): no ORDER BY to build for a code that is unique.
            sessie = Sessie.objects.for_participant(code.upper(), ids.values()).get()
        except Sessie.DoesNotExist:
            WRONG_CODES.count(who)
            return _code_onbekend(request)
        deelnemer_id = participant_id(request, sessie, ids)
        return view(request, sessie, deelnemer_id, *args, **kwargs)

    return never_cache(wrapper)


@require_GET
def doe_mee(request):
    """The short address: type the code, go to the session."""
    if "code" not in request.GET:
        return render(request, "werkplaats/doe_mee.html", {"code_form": CodeForm()})
    form = CodeForm(request.GET)
    if not form.is_valid():
        return render(request, "werkplaats/doe_mee.html", {"code_form": form}, status=400)
    return redirect("werkplaats:deelnemen", code=form.cleaned_data["code"])


def _participant_page(request, sessie, deelnemer_id, *, form=None, melding="", status=200):
    """The statement on screen with the answer form. What is the same for everyone who gave
    the same answer (the statement, the choices, the status line) is a fragment kept in the
    cache per session version (deelnemer_live.html), so after a move 200 phones cost one
    render and, each, one query: the session with their own answer (participant_view)."""
    antwoord = sessie.mijn_antwoord
    if form is None:
        form = AntwoordForm(sessie=sessie, initial={"stelling": sessie.huidige, "waarde": antwoord})
    # werkplaats.js asks for the part it swaps in: 200 phones at once need no page around it.
    fragment = bool(request.headers.get(FETCH_HEADER))
    response = render(
        request,
        "werkplaats/includes/deelnemer_live.html" if fragment else "werkplaats/deelnemer.html",
        {
            "sessie": sessie,
            "antwoord": antwoord,
            "antwoord_label": dict(sessie.options).get(antwoord),
            "form": form,
            "melding": melding,
        },
        status=status,
    )
    patch_vary_headers(response, [FETCH_HEADER])
    return response


@require_http_methods(["GET", "POST"])
@participant_view
def deelnemen(request, sessie, deelnemer_id):
    """Join (a form with the background, when the session asks for it) or, once joined, the
    statement on the screen with the answer form."""
    if deelnemer_id is not None:
        if request.method == "POST":
            return redirect(sessie.deelnemen_url)
        return _participant_page(request, sessie, deelnemer_id)
    if not sessie.is_open:
        return _code_onbekend(request)
    form = DeelnemenForm(request.POST if request.method == "POST" else None, sessie=sessie)
    if request.method == "POST":
        if form.is_valid():
            deelnemer = Deelnemer.objects.create(
                sessie=sessie, achtergrond=form.cleaned_data["achtergrond"]
            )
            response = redirect(sessie.deelnemen_url)
            return remember_participant(response, request, sessie, deelnemer.pk)
        return render(
            request, "werkplaats/deelnemen.html", {"sessie": sessie, "form": form}, status=400
        )
    return render(request, "werkplaats/deelnemen.html", {"sessie": sessie, "form": form})


@require_POST
@participant_view
def antwoord(request, sessie, deelnemer_id):
    if deelnemer_id is None:
        return fout(
            request,
            "Je doet nog niet mee met deze sessie. Vul eerst de code in.",
            status=403,
            sessie=sessie,
        )
    if not ANSWERS.allow(deelnemer_id):
        return fout(
            request, "Je hebt heel vaak geantwoord. Wacht een minuut.", status=429, sessie=sessie
        )
    form = AntwoordForm(request.POST, sessie=sessie)
    if not form.is_valid():
        melding = " ".join(form.errors.get("stelling", []))
        return _participant_page(
            request, sessie, deelnemer_id, form=form, melding=melding, status=400
        )
    # Only the statement on screen can be answered: any other needs no look-up.
    stelling = sessie.huidige_stelling if form.cleaned_data["stelling"] == sessie.huidige else None
    if not sessie.is_open:
        melding = "De sessie is afgelopen. Je antwoord is niet bewaard."
        return _participant_page(request, sessie, deelnemer_id, melding=melding, status=409)
    if stelling is None:
        melding = (
            "De stelling is intussen veranderd. Je antwoord is niet bewaard. Kijk naar de "
            "stelling die nu op het scherm staat."
        )
        return _participant_page(request, sessie, deelnemer_id, melding=melding, status=409)
    if stelling.gesloten:
        melding = "Deze stelling is gesloten. Je antwoord kan niet meer veranderen."
        return _participant_page(request, sessie, deelnemer_id, melding=melding, status=409)
    services.antwoord_save(
        deelnemer_id=deelnemer_id, stelling=stelling, waarde=form.cleaned_data["waarde"]
    )
    if request.headers.get(FETCH_HEADER):
        # werkplaats.js keeps the page and swaps in only the line under the choices: no
        # second request, no page to render for 200 phones answering at once.
        waarde = form.cleaned_data["waarde"]
        context = {
            "stelling": stelling,
            "antwoord": waarde,
            "antwoord_label": dict(sessie.options)[waarde],
        }
        return render(request, "werkplaats/includes/deelnemer_bewaard.html", context)
    return redirect(sessie.deelnemen_url)


def status_response(request, etag, data):
    """A small JSON answer for polling, or 304 when the page is still current."""
    etag = f'"{etag}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = JsonResponse(data)
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def deelnemer_status(request, kanaal):
    """What a participant's page polls: only the session's version number. The address holds
    a long random id, not the join code, so it cannot be used to try codes (and needs no rate
    limit, which would otherwise stop a whole room behind one router)."""
    versie = services.current_version(kanaal)
    if versie is None:
        return JsonResponse({"fout": "Deze sessie bestaat niet (meer)."}, status=404)
    return status_response(request, versie, {"etag": versie})
