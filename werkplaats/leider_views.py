"""The facilitator's pages: whoever holds the link /werkplaats/leiden/<token>/ runs the session.

Only a hash of the token is stored (models.hash_token); the look-up by that hash is the only
comparison, so nothing about the token leaks through timing. Any wrong link gets the same 404.
"""

import csv
import io
from functools import wraps

import segno
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kennisplein.pdf import render_pdf

from . import services
from .forms import Actie, ActieForm
from .models import Antwoord, Sessie
from .results import most_divided_first, session_results
from .views import fout, status_response


def leider_view(view):
    """Resolve <token> to the session it runs, else the same 404 whether the session never
    existed, was deleted or the link is wrong. Never cached."""

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        try:
            sessie = Sessie.objects.for_token(token)
        except Sessie.DoesNotExist:
            return fout(request, "", status=404, template="werkplaats/leider_onbekend.html")
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
    return sessie.huidige_stelling, sessie.deelnemers.count()


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
            "join_url": request.build_absolute_uri(sessie.deelnemen_url),
            "doe_mee_url": request.build_absolute_uri(reverse("werkplaats:doe-mee")),
            "etag": _leider_etag(sessie, stelling, deelnemers),
        },
    )


@require_GET
@leider_view
def leider_status(request, sessie, *, token):
    etag = _leider_etag(sessie, *_current(sessie))
    return status_response(request, etag, {"etag": etag})


@require_POST
@leider_view
def leider_actie(request, sessie, *, token):
    form = ActieForm(request.POST, aantal=sessie.aantal)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return fout(request, " ".join(errors), status=400, token=token)
    actie, volgorde = form.cleaned_data["actie"], form.cleaned_data["stelling"]
    if not sessie.is_open:
        return fout(
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
    join_url = request.build_absolute_uri(sessie.deelnemen_url)
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
    content = render_pdf(
        request,
        "werkplaats/pdf.html",
        _summary_context(sessie),
        stylesheets=["werkplaats/uitslag.css"],
    )
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
