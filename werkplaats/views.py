"""Pages of a live statements round. Thin views: writes in services, counts in results.

Two kinds of visitor, and neither has an account:
- the facilitator holds a secret link (/werkplaats/leiden/<token>/); anyone else gets 404;
- participants join with the short code and are known only by a signed cookie (cookie.py).
Both pages work with plain forms and reloads; static/js/werkplaats.js polls a small status
URL (ETag/304) and swaps the changed part of the page in.
"""

import csv
import io
from functools import wraps

import segno
from django.contrib import messages
from django.db.models import Count, Max
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import ratelimit, services
from .cookie import participant_id, remember_participant
from .forms import Actie, ActieForm, AntwoordForm, CodeForm, DeelnemenForm, StartForm
from .models import Antwoord, Deelnemer, Sessie, Stellingenset
from .pdf import render_pdf
from .results import most_divided_first, session_results


def _fout(request, message, *, status, template="werkplaats/fout.html", **context):
    return render(request, template, {"message": message, **context}, status=status)


FETCH_HEADER = "X-Werkplaats-Fetch"


def _code_onbekend(request):
    context = {"code_form": CodeForm()}
    return render(request, "werkplaats/code_onbekend.html", context, status=404)


def _too_many(request):
    return _fout(
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


@require_http_methods(["GET", "POST"])
def set_detail(request, slug):
    stellingenset = get_object_or_404(
        Stellingenset.objects.published().select_related("item").prefetch_related("stellingen"),
        slug=slug,
    )
    form = StartForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not ratelimit.take("start", ratelimit.address_key(request), ratelimit.STARTS):
            return _fout(
                request,
                "Er zijn vanaf dit netwerk veel sessies gestart. Wacht een uur en probeer het "
                "dan opnieuw.",
                status=429,
            )
        if form.is_valid():
            sessie, token = services.sessie_start(
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
        {"set": stellingenset, "form": form},
        status=status,
    )


# Participants


def _participant_session(view):
    """Resolve <code> to a session that is still kept; an unknown code counts against the
    address, so codes cannot be tried in bulk."""

    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        who = ratelimit.address_key(request)
        if ratelimit.over_limit("code", who, ratelimit.WRONG_CODES):
            return _too_many(request)
        sessie = Sessie.objects.alive().filter(code=code.upper()).first()
        if sessie is None:
            ratelimit.count("code", who, ratelimit.WRONG_CODES)
            return _code_onbekend(request)
        deelnemer_id = participant_id(request, sessie)
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
    stelling = (
        sessie.stellingen.with_answer_of(deelnemer_id).filter(volgorde=sessie.huidige).first()
    )
    antwoord = stelling.mijn_antwoord if stelling else None
    if form is None and stelling is not None:
        form = AntwoordForm(
            sessie=sessie, initial={"stelling": stelling.volgorde, "waarde": antwoord}
        )
    return render(
        request,
        "werkplaats/deelnemer.html",
        {
            "sessie": sessie,
            "stelling": stelling,
            "antwoord": antwoord,
            "antwoord_label": dict(sessie.options).get(antwoord),
            "form": form,
            "melding": melding,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@_participant_session
def deelnemen(request, sessie, deelnemer_id):
    """Join (a form with the background, when the session asks for it) or, once joined, the
    statement on the screen with the answer form."""
    if deelnemer_id is not None:
        if request.method == "POST":
            return redirect(sessie)
        return _participant_page(request, sessie, deelnemer_id)
    if not sessie.is_open:
        return _code_onbekend(request)
    form = DeelnemenForm(request.POST if request.method == "POST" else None, sessie=sessie)
    if request.method == "POST":
        if form.is_valid():
            deelnemer = Deelnemer.objects.create(
                sessie=sessie, achtergrond=form.cleaned_data["achtergrond"]
            )
            return remember_participant(redirect(sessie), request, sessie, deelnemer.pk)
        return render(
            request, "werkplaats/deelnemen.html", {"sessie": sessie, "form": form}, status=400
        )
    return render(request, "werkplaats/deelnemen.html", {"sessie": sessie, "form": form})


@require_POST
@_participant_session
def antwoord(request, sessie, deelnemer_id):
    if deelnemer_id is None:
        return _fout(
            request,
            "Je doet nog niet mee met deze sessie. Vul eerst de code in.",
            status=403,
            sessie=sessie,
        )
    if not ratelimit.take("antwoord", deelnemer_id, ratelimit.ANSWERS):
        return _fout(
            request, "Je hebt heel vaak geantwoord. Wacht een minuut.", status=429, sessie=sessie
        )
    form = AntwoordForm(request.POST, sessie=sessie)
    if not form.is_valid():
        melding = " ".join(form.errors.get("stelling", []))
        return _participant_page(
            request, sessie, deelnemer_id, form=form, melding=melding, status=400
        )
    stelling = sessie.stellingen.filter(volgorde=form.cleaned_data["stelling"]).first()
    if not sessie.is_open:
        melding = "De sessie is afgelopen. Je antwoord is niet bewaard."
        return _participant_page(request, sessie, deelnemer_id, melding=melding, status=409)
    if stelling is None or stelling.volgorde != sessie.huidige:
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
        # werkplaats.js swaps the page in; a redirect would cost the phone a second request.
        return _participant_page(request, sessie, deelnemer_id)
    return redirect(sessie)


def _status(request, etag, data):
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
    return _status(request, versie, {"etag": versie})


# The facilitator


def leider_view(view):
    """Resolve <token> to the session it runs, else the same 404 whether the session never
    existed, was deleted or the link is wrong. Never cached."""

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        try:
            sessie = Sessie.objects.for_token(token)
        except Sessie.DoesNotExist:
            return _fout(request, "", status=404, template="werkplaats/leider_onbekend.html")
        response = view(request, sessie, *args, token=token, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def _leider_etag(sessie, stelling, deelnemers):
    """Changes with everything on the facilitator's screen: a move, a reveal, every participant
    who joins and every new or changed answer."""
    answers = Antwoord.objects.filter(stelling__sessie=sessie).aggregate(
        n=Count("id"), laatste=Max("gewijzigd")
    )
    laatste = answers["laatste"].timestamp() if answers["laatste"] else 0
    onthuld = int(bool(stelling and stelling.onthuld))
    return f"{sessie.versie}-{onthuld}-{deelnemers}-{answers['n']}-{laatste}"


def _current(sessie):
    """The statement on screen and the number of participants."""
    return sessie.stellingen.filter(volgorde=sessie.huidige).first(), sessie.deelnemers.count()


@require_GET
@leider_view
def leider(request, sessie, *, token):
    stelling, deelnemers = _current(sessie)
    return render(
        request,
        "werkplaats/leider.html",
        {
            "sessie": sessie,
            "token": token,
            "uitslag": session_results(sessie, [stelling])[0] if stelling else None,
            "deelnemers": deelnemers,
            "join_url": request.build_absolute_uri(sessie.get_absolute_url()),
            "doe_mee_url": request.build_absolute_uri(reverse("werkplaats:doe-mee")),
            "etag": _leider_etag(sessie, stelling, deelnemers),
        },
    )


@require_GET
@leider_view
def leider_status(request, sessie, *, token):
    etag = _leider_etag(sessie, *_current(sessie))
    return _status(request, etag, {"etag": etag})


@require_POST
@leider_view
def leider_actie(request, sessie, *, token):
    form = ActieForm(request.POST, aantal=sessie.aantal)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return _fout(request, " ".join(errors), status=400, token=token)
    actie, volgorde = form.cleaned_data["actie"], form.cleaned_data["stelling"]
    if not sessie.is_open:
        return _fout(
            request,
            "Deze sessie is afgesloten. Er kan niets meer veranderen.",
            status=409,
            token=token,
        )
    if actie == Actie.VORIGE:
        services.sessie_go_to(sessie=sessie, volgorde=max(volgorde - 1, 0))
    elif actie == Actie.VOLGENDE:
        services.sessie_go_to(sessie=sessie, volgorde=min(volgorde + 1, sessie.aantal - 1))
    elif actie in (Actie.ONTHUL, Actie.VERBERG):
        services.stelling_reveal(sessie=sessie, volgorde=volgorde, onthuld=actie == Actie.ONTHUL)
    elif actie in (Actie.SLUIT, Actie.HEROPEN):
        services.stelling_close(sessie=sessie, volgorde=volgorde, gesloten=actie == Actie.SLUIT)
    elif actie == Actie.AFSLUITEN:
        services.sessie_close(sessie=sessie)
        return redirect("werkplaats:samenvatting", token=token)
    return redirect("werkplaats:leider", token=token)


@require_GET
@leider_view
def qr_code(request, sessie, *, token):
    """The join address as a QR code: an SVG file from our own host (no inline images)."""
    join_url = request.build_absolute_uri(sessie.get_absolute_url())
    svg = io.BytesIO()
    segno.make(join_url, error="m").save(
        svg, kind="svg", scale=10, border=4, title=f"QR-code om mee te doen met {sessie.code}"
    )
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


def _summary_context(sessie):
    uitslagen = session_results(sessie, list(sessie.stellingen.all()))
    return {
        "sessie": sessie,
        "uitslagen": uitslagen,
        "verdeeld": most_divided_first(uitslagen),
        "deelnemers": sessie.deelnemers.count(),
    }


@require_GET
@leider_view
def samenvatting(request, sessie, *, token):
    return render(
        request, "werkplaats/samenvatting.html", {**_summary_context(sessie), "token": token}
    )


def _filename(sessie, extension):
    return f"werkplaats-{slugify(sessie.titel)}-{sessie.aangemaakt:%Y-%m-%d}.{extension}"


@require_GET
@leider_view
def pdf(request, sessie, *, token):
    content = render_pdf(request, "werkplaats/pdf.html", _summary_context(sessie))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(sessie, "pdf")}"'
    return response


def _cell(value):
    """Spreadsheets run a cell that starts with one of these as a formula."""
    value = str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_GET
@leider_view
def csv_export(request, sessie, *, token):
    """One row per statement, background and answer, with the count: easy to pivot."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(sessie, "csv")}"'
    response.write("\ufeff")  # so spreadsheet programs read it as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["nummer", "stelling", "achtergrond", "antwoord", "aantal", "verdeeldheid"])
    for uitslag in session_results(sessie, list(sessie.stellingen.all())):
        nummer, tekst = uitslag.stelling.nummer, _cell(uitslag.stelling.tekst)
        groepen = [("alle deelnemers", uitslag.opties)]
        groepen += [(groep.label, groep.opties) for groep in uitslag.groepen]
        for label, opties in groepen:
            for optie in opties:
                writer.writerow(
                    [nummer, tekst, label, optie.label, optie.aantal, uitslag.verdeeldheid_procent]
                )
    return response
