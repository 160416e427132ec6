"""Mijn gesprekken: saved conversations of a logged-in professional, grouped in trajectories.

Only the owner sees a trajectory; everyone else gets 404 (see accounts.access). Every view here
is off (404) unless GESPREKSTOOL_SAVED_CONVERSATIONS is on.
"""

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import professional_required

from . import services
from .charts import verloop_chart
from .forms import OverdrachtForm, TrajectBestandForm, TrajectForm, VergelijkForm
from .gespreksbestand import MAX_BYTES, BestandFout, read_bestand
from .models import Actie, Onderdeel, Stelling, Toegang, Traject
from .summary import gemiddelden_per_onderdeel, scores_per_gesprek, veranderingen
from .views import UPLOAD_OVERHEAD, VERVOLG_BEGONNEN, vervolg_start_url

SORTERINGEN = {"code": ["trajectcode"], "datum": ["-laatste_gesprek", "trajectcode"]}


def _trajecten(user, sorteer):
    return Traject.objects.alive().of(user).for_list().order_by(*SORTERINGEN[sorteer])


def _mijn_context(request, form=None):
    sorteer = request.GET.get("sorteer")
    sorteer = sorteer if sorteer in SORTERINGEN else "code"
    return {
        "trajecten": _trajecten(request.user, sorteer),
        "sorteer": sorteer,
        "totaal_stellingen": Stelling.objects.active().count(),
        "form": form or TrajectForm(organisatie=request.user.profiel.organisatie),
        "organisatie": request.user.profiel.organisatie,
        "retentie_dagen": settings.GESPREKSTOOL_RETENTION_DAYS,
    }


@never_cache
@require_http_methods(["GET", "POST"])
@professional_required(login_redirect=True)
def mijn(request):
    if request.method == "GET":
        return render(request, "gesprekstool/mijn/lijst.html", _mijn_context(request))
    form = TrajectForm(request.POST, organisatie=request.user.profiel.organisatie)
    if form.is_valid():
        try:
            _, gesprek = services.traject_start(
                eigenaar=request.user, trajectcode=form.cleaned_data["trajectcode"]
            )
        except IntegrityError:
            form.add_error("trajectcode", "Er is in jouw organisatie al een traject met deze code.")
        else:
            messages.success(request, "Het traject is gemaakt. Jullie eerste gesprek staat klaar.")
            return redirect(gesprek)
    return render(request, "gesprekstool/mijn/lijst.html", _mijn_context(request, form), status=400)


def traject_view(view):
    """Resolve <traject> to the user's own trajectory, or the same 404 page for anyone else."""

    def wrapper(request, traject, *args, **kwargs):
        try:
            obj = services.traject_for_owner(user=request.user, traject_uuid=traject)
        except Http404:
            return render(request, "gesprekstool/mijn/niet_gevonden.html", status=404)
        try:
            return view(request, obj, *args, **kwargs)
        except services.GesprekWeg:
            # Deleted while this request ran (in another tab): gone, as the page says.
            return render(request, "gesprekstool/mijn/niet_gevonden.html", status=410)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return never_cache(professional_required(wrapper))


def _gesprekken(traject):
    return list(traject.gesprekken.with_progress())


def _traject_context(request, traject, **extra):
    context = {
        "traject": traject,
        "gesprekken": _gesprekken(traject),
        "totaal_stellingen": Stelling.objects.active().count(),
        "toegangen": Toegang.objects.filter(traject=traject).recent(),
        "overdracht_form": OverdrachtForm(user=request.user),
        "bestand_form": TrajectBestandForm(),
    }
    context.update(extra)
    return context


@require_GET
@traject_view
def traject(request, traject):
    response = render(request, "gesprekstool/mijn/traject.html", _traject_context(request, traject))
    services.toegang_log(
        traject=traject,
        gebruiker=request.user,
        actie=Actie.GEOPEND,
        omschrijving="traject",
        once_per_window=True,
    )
    return response


@require_POST
@traject_view
def vervolg(request, traject):
    gesprek = services.gesprek_vervolg(traject=traject, door=request.user)
    messages.success(request, VERVOLG_BEGONNEN)
    return redirect(vervolg_start_url(gesprek))


@require_GET
@traject_view
def vergelijken(request, traject):
    gesprekken = _gesprekken(traject)
    form = VergelijkForm(request.GET or None, gesprekken=gesprekken)
    status = 200
    if request.GET and not form.is_valid():
        status, chosen = 400, gesprekken
    else:
        chosen = form.chosen() if form.is_bound else gesprekken
    onderdelen = list(Onderdeel.objects.select_related("pijler"))
    answers = scores_per_gesprek(chosen)
    averages = gemiddelden_per_onderdeel(answers)
    number = {g.id: n for n, g in enumerate(gesprekken, start=1)}
    labels = [f"{number[g.id]}: {timezone.localdate(g.aangemaakt):%d-%m-%Y}" for g in chosen]
    reeksen = [(o, [averages.get(g.id, {}).get(o.id) for g in chosen]) for o in onderdelen]
    laatste_twee = chosen[-2:] if len(chosen) >= 2 else []
    if len(chosen) >= 2 and status == 200:
        services.toegang_log(
            traject=traject,
            gebruiker=request.user,
            actie=Actie.VERGELEKEN,
            omschrijving=f"{len(chosen)} gesprekken",
            once_per_window=True,
        )
    return render(
        request,
        "gesprekstool/mijn/vergelijken.html",
        {
            "traject": traject,
            "form": form,
            "gesprekken": gesprekken,
            "chosen": chosen,
            "labels": labels,
            "reeksen": reeksen,
            "chart": verloop_chart(reeksen, labels) if len(chosen) >= 2 else None,
            "laatste_twee": laatste_twee,
            "veranderingen": laatste_twee
            and veranderingen(onderdelen, *(answers.get(g.id, {}) for g in laatste_twee)),
        },
        status=status,
    )


@never_cache
@csrf_exempt  # only so the upload handlers can be set first; csrf_protect runs right after
@require_POST
@professional_required
def importeren(request, traject):
    # As on the anonymous page: the file is read in memory, checked and never stored.
    request.upload_handlers = [MemoryFileUploadHandler(request)]
    return _importeren(request, traject)


@csrf_protect
def _importeren(request, traject):
    try:
        traject = services.traject_for_owner(user=request.user, traject_uuid=traject)
    except Http404:
        return render(request, "gesprekstool/mijn/niet_gevonden.html", status=404)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BYTES + UPLOAD_OVERHEAD:
        return render(
            request,
            "gesprekstool/mijn/traject.html",
            _traject_context(
                request,
                traject,
                bestand_melding="Dit bestand is te groot. Een gespreksbestand is klein.",
            ),
            status=413,
        )
    form = TrajectBestandForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            bestand = read_bestand(form.cleaned_data["bestand"])
        except BestandFout as error:
            form.add_error("bestand", str(error))
    if not form.is_valid():
        return render(
            request,
            "gesprekstool/mijn/traject.html",
            _traject_context(request, traject, bestand_form=form),
            status=400,
        )
    try:
        gesprek = services.traject_import(traject=traject, door=request.user, bestand=bestand)
    except services.GesprekWeg:
        return render(request, "gesprekstool/mijn/niet_gevonden.html", status=410)
    messages.success(
        request,
        f"Het gespreksbestand is toegevoegd als gesprek van "
        f"{timezone.localdate(gesprek.aangemaakt):%d-%m-%Y}.",
    )
    return redirect(traject)


@require_POST
@traject_view
def overdragen(request, traject):
    form = OverdrachtForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.traject_overdragen(
                traject=traject, door=request.user, naar=form.cleaned_data["collega"]
            )
        except services.OverdrachtFout as error:
            form.add_error("collega", str(error))
        else:
            messages.success(
                request,
                f"Traject {traject.trajectcode} is overgedragen. Je collega is nu de eigenaar.",
            )
            return redirect("gesprekstool:mijn")
    return render(
        request,
        "gesprekstool/mijn/traject.html",
        _traject_context(request, traject, overdracht_form=form),
        status=400,
    )


@require_http_methods(["GET", "POST"])
@traject_view
def traject_verwijderen(request, traject):
    if request.method == "GET":
        return render(request, "gesprekstool/mijn/traject_verwijderen.html", {"traject": traject})
    code = traject.trajectcode
    services.traject_delete(traject=traject, door=request.user)
    messages.success(request, f"Traject {code} en alle gesprekken erin zijn gewist.")
    return redirect("gesprekstool:mijn")


@require_http_methods(["GET", "POST"])
@traject_view
def gesprek_verwijderen(request, traject, gesprek):
    obj = traject.gesprekken.filter(uuid=gesprek).first()
    if obj is None:
        return render(request, "gesprekstool/mijn/niet_gevonden.html", status=404)
    if request.method == "GET":
        return render(
            request,
            "gesprekstool/mijn/gesprek_verwijderen.html",
            {"traject": traject, "gesprek": obj},
        )
    services.gesprek_delete_saved(gesprek=obj, door=request.user)
    messages.success(request, "Het gesprek is gewist.")
    return redirect(traject)
