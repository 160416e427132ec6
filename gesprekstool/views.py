"""The conversation flow. Thin views: rules live in forms, services, summary and gespreksbestand."""

from functools import wraps

from django.contrib import messages
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import is_professional, saved_mode_enabled
from herstel.fragments import deferred
from kennisplein.pdf import render_pdf

from . import services, vorige
from .afspraak_velden import afspraak_velden
from .charts import resultaat_chart
from .forms import (
    CHECK_SCHAAL,
    CHECK_VRAGEN,
    EENVOUDIGE_KEUZES,
    SCORE_WORDS,
    STELLING_SCHAAL,
    AfsluitingForm,
    AfspraakForm,
    AntwoordForm,
    BestandForm,
    InstellingenForm,
    TerugblikForm,
    nearest_keuze,
    score_text,
    tekst_versie,
)
from .gespreksbestand import MAX_BYTES, BestandFout, export_bytes, read_bestand
from .models import Actie, Afspraak, Onderdeel, Stelling, Terugblik, gesprek_afspraken
from .summary import gesprek_resultaten, onderdeel_resultaat, tips_sleutel

AUTOSAVE_HEADER = "X-Gesprekstool-Autosave"
VERVOLG_BEGONNEN = (
    "Een vervolggesprek is begonnen. Kijk eerst samen terug: hoe ging het met de afspraken van "
    "vorige keer?"
)
UPLOAD_OVERHEAD = 16 * 1024  # multipart boundaries and the other form fields


# Exports by URL name: what the access log calls them. A URL name is used in reverse() and
# templates, so it does not change when a view function is renamed.
EXPORTS = {
    "gesprekstool:pdf": "PDF",
    "gesprekstool:bestand": "gespreksbestand",
    "gesprekstool:afdrukken": "afdrukversie",
}
GESPREK_WEG = "Dit gesprek is afgesloten of gewist. Wat je net invulde, is niet bewaard."


def _find_gesprek(request, gesprek_uuid):
    """A saved conversation of this professional, or an anonymous one of this session."""
    if saved_mode_enabled() and is_professional(request.user):
        obj = services.gesprek_for_owner(user=request.user, gesprek_uuid=gesprek_uuid)
        if obj is not None:
            return obj
    return services.gesprek_for_session(session=request.session, gesprek_uuid=gesprek_uuid)


def _log_access(request, gesprek, response):
    """Saved conversations: every page, change and export goes into the trajectory's log."""
    if not gesprek.opgeslagen or response.status_code >= 400:
        return
    beschrijving = services.gesprek_beschrijving(gesprek)
    export = EXPORTS.get(request.resolver_match.view_name)
    if export:
        actie, beschrijving = Actie.GEEXPORTEERD, f"{beschrijving} ({export})"
    elif request.method == "POST":
        actie = Actie.GEWIJZIGD
    else:
        actie = Actie.GEOPEND
    services.toegang_log(
        traject=gesprek.traject,
        gebruiker=request.user,
        actie=actie,
        omschrijving=beschrijving,
        once_per_window=actie != Actie.GEEXPORTEERD,
    )


def gesprek_view(view):
    """Resolve <gesprek> to a conversation of this session or, for a logged-in professional,
    one of their own saved conversations (else 404); log access to saved ones; never cache."""

    @wraps(view)
    def wrapper(request, gesprek, *args, **kwargs):
        try:
            obj = _find_gesprek(request, gesprek)
        except Http404:
            # The same page whether it never existed, was deleted or belongs to someone else.
            return render(request, "gesprekstool/niet_gevonden.html", status=404)
        try:
            response = view(request, obj, *args, **kwargs)
        except services.GesprekWeg:
            return gesprek_weg(request)
        _log_access(request, obj, response)
        return response

    return never_cache(wrapper)


def gesprek_weg(request):
    """The conversation was closed or deleted while this request ran (another tab, say).

    410 Gone: it existed, and now nothing of it is kept. The autosave script needs no page.
    """
    if request.headers.get(AUTOSAVE_HEADER):
        return HttpResponse(GESPREK_WEG, status=410, content_type="text/plain; charset=utf-8")
    return render(request, "gesprekstool/niet_gevonden.html", {"melding": GESPREK_WEG}, status=410)


def vervolg_start_url(gesprek):
    """A follow-up opens with last time's agreements and marks, if it has any."""
    earlier = (gesprek.vorige or {}).get("stellingen", {}).values()
    if gesprek.terugblikken.exists() or any(answer["bespreken"] for answer in earlier):
        return reverse("gesprekstool:terugblik", kwargs={"gesprek": gesprek.uuid})
    return gesprek.get_absolute_url()


def bad_request(request, message, *, status=400, template="gesprekstool/fout.html", **context):
    return render(request, template, {"message": message, **context}, status=status)


@require_GET
def start(request):
    # The page with the "new conversation" button binds the session first, so that several
    # conversations started at once (double click, tabs) share one session and stay reachable.
    services.session_token(request.session, create=True)
    return render(
        request,
        "gesprekstool/start.html",
        {
            "onderdelen": Onderdeel.objects.for_overview(),
            "open_gesprek": services.gesprek_latest_for_session(session=request.session),
        },
    )


@require_POST
def nieuw(request):
    gesprek = services.gesprek_start(session=request.session)
    return redirect(gesprek)


def _terugblik(gesprek, *related):
    """How last time's agreements went: only a follow-up has them, so no query for others."""
    if not gesprek.vorige:
        return []
    return list(Terugblik.objects.filter(gesprek=gesprek).select_related(*related))


def _overzicht_context(gesprek, *, request=None, instellingen_form=None):
    terugblik = _terugblik(gesprek)
    return {
        "gesprek": gesprek,
        "resultaten": gesprek_resultaten(gesprek, with_leads=False, request=request),
        "terugblik": terugblik,
        "terugblik_besproken": sum(1 for t in terugblik if t.status),
        "instellingen_form": instellingen_form
        or InstellingenForm(
            vervolg=bool(gesprek.vorige),
            initial={
                "trajectcode": gesprek.trajectcode,
                "eenvoudig": gesprek.eenvoudig,
                "vorige_tonen": gesprek.vorige_tonen,
            },
        ),
    }


@require_GET
@gesprek_view
def overzicht(request, gesprek):
    return render(
        request, "gesprekstool/overzicht.html", _overzicht_context(gesprek, request=request)
    )


@require_POST
@gesprek_view
def instellingen(request, gesprek):
    form = InstellingenForm(request.POST, vervolg=bool(gesprek.vorige))
    terug = request.POST.get("terug", "")
    onderdeel = Onderdeel.objects.filter(slug=terug).first() if terug else None
    if not form.is_valid():
        return render(
            request,
            "gesprekstool/overzicht.html",
            _overzicht_context(gesprek, request=request, instellingen_form=form),
            status=400,
        )
    fields = dict(form.cleaned_data)
    if gesprek.opgeslagen:
        fields.pop("trajectcode")  # the trajectory's code; it cannot differ per conversation
    services.gesprek_update(gesprek=gesprek, **fields)
    messages.success(request, "De instellingen zijn bewaard.")
    if onderdeel:
        return redirect("gesprekstool:onderdeel", gesprek=gesprek.uuid, slug=onderdeel.slug)
    return redirect(gesprek)


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _part_items(gesprek, result, forms):
    """Plain values per statement for the part template (no form objects on a normal GET).

    After a refused POST the posted values and their errors are shown again, so nothing the
    worker typed is lost. A statement shows a score only when one was chosen.
    """
    items = []
    for stelling in result.stellingen:
        antwoord = result.antwoorden.get(stelling.id)
        form = forms.get(stelling.id)
        if form is not None:
            names = ["versie", "score", "keuze", "weet_niet", "bespreken", "notitie", "bewaard"]
            values = {name: form[name].value() for name in names}
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            score, keuze = _as_int(values["score"]), _as_int(values["keuze"])
        else:
            values = {
                "versie": tekst_versie(stelling.tekst),
                "weet_niet": antwoord.weet_niet if antwoord else False,
                "bespreken": antwoord.bespreken if antwoord else False,
                "notitie": antwoord.notitie if antwoord else "",
                "bewaard": antwoord is not None,
            }
            errors = []
            score = antwoord.score if antwoord else None
            keuze = nearest_keuze(score)
        earlier = result.vorige_stellingen.get(stelling.code) if gesprek.vorige_tonen else None
        items.append(
            {
                "stelling": stelling,
                "prefix": f"s{stelling.id}",
                "versie": values["versie"],
                "score": score if score in SCORE_WORDS else None,
                "score_text": score_text(score),
                "keuze": keuze,
                "weet_niet": bool(values["weet_niet"]),
                "bespreken": bool(values["bespreken"]),
                "notitie": values["notitie"] or "",
                "bewaard": bool(values["bewaard"]),
                "errors": errors,
                "notitie_fout": bool(form is not None and form.errors.get("notitie")),
                "vorige": earlier and {**earlier, "score_text": score_text(earlier["score"])},
            }
        )
    return items


def _render_part(request, gesprek, slug, *, forms=None, status=200, melding=None):
    result = onderdeel_resultaat(gesprek, slug, with_leads=False, request=request)
    if result is None:
        raise Http404("Dit onderdeel bestaat niet.")
    onderdeel = result.onderdeel
    return render(
        request,
        "gesprekstool/onderdeel.html",
        {
            "gesprek": gesprek,
            "onderdeel": onderdeel,
            "resultaat": result,
            "items": _part_items(gesprek, result, forms or {}),
            "keuzes": EENVOUDIGE_KEUZES,
            "schaal": STELLING_SCHAAL,
            "melding": melding,
        },
        status=status,
    )


def _get_onderdeel(slug):
    return get_object_or_404(Onderdeel.objects.select_related("pijler"), slug=slug)


@require_http_methods(["GET", "POST"])
@gesprek_view
def onderdeel(request, gesprek, slug):
    if request.method == "GET":
        return _render_part(request, gesprek, slug)
    onderdeel = _get_onderdeel(slug)

    raw_ids = request.POST.getlist("stelling")
    try:
        ids = list(dict.fromkeys(int(i) for i in raw_ids))
    except ValueError:
        ids = None
    if ids is None:
        return bad_request(
            request, "Dit formulier klopt niet. Open het onderdeel opnieuw.", gesprek=gesprek
        )
    if not ids:
        return redirect("gesprekstool:onderdeel-klaar", gesprek=gesprek.uuid, slug=onderdeel.slug)
    stellingen = Stelling.objects.in_bulk(ids)
    if len(stellingen) != len(ids) or any(
        s.onderdeel_id != onderdeel.id for s in stellingen.values()
    ):
        return bad_request(
            request,
            "In dit formulier staan stellingen die niet bij dit onderdeel horen. Er is niets "
            "veranderd. Open het onderdeel opnieuw.",
            gesprek=gesprek,
        )

    stale = [stellingen[i] for i in ids if stellingen[i].gearchiveerd]
    forms = {
        i: AntwoordForm(request.POST, stelling=stellingen[i], eenvoudig=gesprek.eenvoudig)
        for i in ids
        if not stellingen[i].gearchiveerd
    }
    if not all(form.is_valid() for form in forms.values()):
        return _render_part(
            request,
            gesprek,
            onderdeel.slug,
            forms=forms,
            status=400,
            melding="Niet alles kon worden bewaard. Kijk bij de rode meldingen hieronder. "
            "Wat je eerder bewaarde, is niet veranderd.",
        )
    stale += [form.stelling for form in forms.values() if form.is_stale]
    current = [form for form in forms.values() if not form.is_stale]
    invoer = [form.invoer() for form in current if form.invoer() is not None]
    wissen = [form.stelling for form in current if form.wist]
    if invoer or wissen:
        services.gesprek_save_part(gesprek=gesprek, antwoorden=invoer, wissen=wissen)
    if request.headers.get(AUTOSAVE_HEADER):
        # gesprekstool.js saves one statement as soon as it changes; it needs no page back.
        return HttpResponse(status=409 if stale else 204)
    if stale:
        return _render_part(
            request,
            gesprek,
            onderdeel.slug,
            status=409,
            melding="De stellingen van dit onderdeel zijn intussen aangepast. Je andere "
            "antwoorden zijn bewaard. Kijk de stellingen hieronder nog even na.",
        )
    return redirect("gesprekstool:onderdeel-klaar", gesprek=gesprek.uuid, slug=onderdeel.slug)


@require_GET
@gesprek_view
def onderdeel_klaar(request, gesprek, slug):
    current = onderdeel_resultaat(gesprek, slug, request=request)
    if current is None:
        raise Http404("Dit onderdeel bestaat niet.")
    onderdeel = current.onderdeel
    volgende = next(
        (
            r.onderdeel
            for r in gesprek_resultaten(gesprek, with_leads=False, request=request)
            if not r.klaar and r.onderdeel.id != onderdeel.id
        ),
        None,
    )
    return render(
        request,
        "gesprekstool/onderdeel_klaar.html",
        {"gesprek": gesprek, "onderdeel": onderdeel, "resultaat": current, "volgende": volgende},
    )


def _resultaat_context(gesprek, *, request=None, bewerkt=None, **extra):
    """Everything the result page, the print view and the PDF show. `bewerkt` is a refused
    change to an agreement, shown again with its errors."""
    resultaten = gesprek_resultaten(gesprek, request=request)
    onderdelen = [r.onderdeel for r in resultaten]
    # Each agreement's part from the kept content (resultaten has all parts): no join.
    by_id = {onderdeel.id: onderdeel for onderdeel in onderdelen}
    afspraken = gesprek_afspraken(gesprek_id=gesprek.id)
    for afspraak in afspraken:
        afspraak.onderdeel = by_id[afspraak.onderdeel_id]
    context = {
        "gesprek": gesprek,
        "resultaten": resultaten,
        "chart": resultaat_chart(resultaten, vorige_datum=gesprek.vorige_datum),
        "afspraken": afspraken,
        # (agreement, its refused form or None, the fields of its form to change it)
        "afspraak_items": [
            (a, bewerkt, None)
            if bewerkt and bewerkt.instance.pk == a.pk
            else (a, None, afspraak_velden(a, onderdelen))
            for a in afspraken
        ],
        # A refused new agreement (`extra`), else an empty form: built only when the page's
        # kept fragment of it is missing.
        "afspraak_form": None,
        "nieuwe_afspraak_form": deferred(AfspraakForm, onderdelen=onderdelen),
        "terugblik": _terugblik(gesprek, "onderdeel__pijler"),
        "afsluiting_form": None,  # a refused closing check (`extra`)
        "check_vragen": [(name, label, getattr(gesprek, name)) for name, label in CHECK_VRAGEN],
        "te_bespreken": [a for r in resultaten for a in r.te_bespreken],
        "vandaag": timezone.localdate(),
        "check_schaal": CHECK_SCHAAL,
        "heeft_antwoorden": any(r.antwoorden for r in resultaten),
        "tips_sleutel": tips_sleutel(resultaten),
        "veranderingen": [
            (r.onderdeel, r.verandering, r.stelling_veranderingen) for r in resultaten
        ],
    }
    context.update(extra)
    context["afsluiting_items"] = _afsluiting_items(gesprek, context["afsluiting_form"])
    return context


def _afsluiting_items(gesprek, form):
    """The closing questions as scales: name, question, chosen value (or None), errors. What
    was sent when a refused `form` is shown again, else what this conversation holds."""
    if form is None:
        return [
            {"name": name, "label": label, "score": getattr(gesprek, name), "errors": []}
            for name, label in CHECK_VRAGEN
        ]
    return [
        {
            "name": field.html_name,
            "label": field.label,
            "score": _as_int(field.value()),
            "errors": field.errors,
        }
        for field in form
    ]


def _resultaat_url(gesprek, anchor):
    return reverse("gesprekstool:resultaat", kwargs={"gesprek": gesprek.uuid}) + anchor


@require_GET
@gesprek_view
def resultaat(request, gesprek):
    return render(
        request, "gesprekstool/resultaat.html", _resultaat_context(gesprek, request=request)
    )


@require_POST
@gesprek_view
def afspraak_toevoegen(request, gesprek):
    form = AfspraakForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "gesprekstool/resultaat.html",
            _resultaat_context(gesprek, request=request, afspraak_form=form),
            status=400,
        )
    services.afspraak_add(gesprek=gesprek, **form.cleaned_data)
    messages.success(request, "De afspraak is bewaard.")
    return redirect(_resultaat_url(gesprek, "#afspraken"))


@require_POST
@gesprek_view
def afspraak_wijzigen(request, gesprek, afspraak_id):
    afspraak = Afspraak.objects.filter(gesprek=gesprek, pk=afspraak_id).first()
    if afspraak is None:
        raise Http404("Deze afspraak bestaat niet (meer).")
    form = AfspraakForm(request.POST, instance=afspraak, prefix=f"a{afspraak.id}")
    if not form.is_valid():
        return render(
            request,
            "gesprekstool/resultaat.html",
            _resultaat_context(gesprek, request=request, bewerkt=form),
            status=400,
        )
    services.afspraak_update(gesprek=gesprek, afspraak=afspraak, **form.cleaned_data)
    messages.success(request, "De afspraak is aangepast.")
    return redirect(_resultaat_url(gesprek, f"#afspraak-{afspraak.id}"))


@require_POST
@gesprek_view
def afspraak_verwijderen(request, gesprek, afspraak_id):
    if not services.afspraak_delete(gesprek=gesprek, afspraak_id=afspraak_id):
        raise Http404("Deze afspraak bestaat niet (meer).")
    messages.success(request, "De afspraak is weggehaald.")
    return redirect(_resultaat_url(gesprek, "#afspraken"))


@require_POST
@gesprek_view
def afsluiting(request, gesprek):
    form = AfsluitingForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "gesprekstool/resultaat.html",
            _resultaat_context(gesprek, request=request, afsluiting_form=form),
            status=400,
        )
    if form.niets_gekozen and not gesprek.heeft_afsluiting:
        messages.info(request, "Er is nog niets gekozen, dus er is niets bewaard.")
        return redirect(_resultaat_url(gesprek, "#afsluiting"))
    services.gesprek_update(gesprek=gesprek, **form.cleaned_data)
    messages.success(
        request, "Bedankt! De antwoorden op 'Hoe was dit gesprek voor jou?' zijn bewaard."
    )
    return redirect(_resultaat_url(gesprek, "#afsluiting"))


@require_http_methods(["GET", "POST"])
@gesprek_view
def terugblik(request, gesprek):
    if not gesprek.vorige:
        return redirect(gesprek)
    rows = list(Terugblik.objects.filter(gesprek=gesprek).select_related("onderdeel__pijler"))
    data = request.POST if request.method == "POST" else None
    forms = [TerugblikForm(data, instance=row) for row in rows]
    status = 200
    if request.method == "POST":
        if all(form.is_valid() for form in forms):
            services.terugblik_save(gesprek=gesprek, forms=forms)
            messages.success(request, "De terugblik is bewaard.")
            return redirect(gesprek)
        status = 400
    resultaten = gesprek_resultaten(gesprek, with_leads=False)
    return render(
        request,
        "gesprekstool/terugblik.html",
        {
            "gesprek": gesprek,
            "forms": forms,
            "vorige_bespreken": [(r.onderdeel, r.vorige_bespreken) for r in resultaten],
            "heeft_vorige_bespreken": any(r.vorige_bespreken for r in resultaten),
        },
        status=status,
    )


@require_GET
@gesprek_view
def afdrukken(request, gesprek):
    return render(
        request, "gesprekstool/afdrukken.html", _resultaat_context(gesprek, request=request)
    )


@require_GET
@gesprek_view
def pdf(request, gesprek):
    content = render_pdf(
        request,
        "gesprekstool/pdf.html",
        _resultaat_context(gesprek, request=request),
        stylesheets=["gesprekstool/verslag.css"],
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(gesprek)}.pdf"'
    return response


def _bestandsnaam(gesprek):
    return f"gesprek-{timezone.localdate(gesprek.aangemaakt):%Y-%m-%d}-{gesprek.uuid.hex[:6]}"


@require_GET
@gesprek_view
def bestand(request, gesprek):
    response = HttpResponse(export_bytes(gesprek), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(gesprek)}.json"'
    return response


@never_cache
@csrf_exempt  # only so the upload handlers can be set first; csrf_protect runs right after
@require_http_methods(["GET", "POST"])
def bestand_openen(request):
    # An uploaded file never touches the disk: it is read into memory, checked and forgotten.
    # Anything much larger than a gespreksbestand is refused before it is read at all.
    request.upload_handlers = [MemoryFileUploadHandler(request)]
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if request.method == "POST" and length > MAX_BYTES + UPLOAD_OVERHEAD:
        return render(
            request,
            "gesprekstool/bestand_openen.html",
            {
                "form": BestandForm(),
                "melding": "Dit bestand is te groot. Een gespreksbestand is klein.",
            },
            status=413,
        )
    return _bestand_openen(request)


@csrf_protect
def _bestand_openen(request):
    if request.method == "GET":
        return render(request, "gesprekstool/bestand_openen.html", {"form": BestandForm()})
    form = BestandForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            bestand = read_bestand(form.cleaned_data["bestand"])
        except BestandFout as error:
            form.add_error("bestand", str(error))
    if not form.is_valid():
        return render(request, "gesprekstool/bestand_openen.html", {"form": form}, status=400)
    inhoud = bestand.inhoud.gesprek
    if form.cleaned_data["doel"] == BestandForm.VERDER:
        gesprek = services.gesprek_start(session=request.session)
        services.gesprek_fill_from_bestand(gesprek=gesprek, bestand=bestand)
        messages.success(request, "Het gesprek is geopend. Je kunt verder waar jullie waren.")
        return redirect(gesprek)
    gesprek = services.gesprek_start(
        session=request.session, trajectcode=inhoud.trajectcode, eenvoudig=inhoud.eenvoudig
    )
    services.gesprek_begin_vervolg(gesprek=gesprek, snapshot=vorige.from_bestand(bestand))
    messages.success(request, VERVOLG_BEGONNEN)
    return redirect(vervolg_start_url(gesprek))


@require_http_methods(["GET", "POST"])
@gesprek_view
def afsluiten(request, gesprek):
    if gesprek.opgeslagen:
        return redirect(
            "gesprekstool:gesprek-verwijderen", traject=gesprek.traject.uuid, gesprek=gesprek.uuid
        )
    if request.method == "GET":
        return render(request, "gesprekstool/afsluiten.html", {"gesprek": gesprek})
    services.gesprek_close(gesprek=gesprek)  # gone already (another tab closed it): also fine
    messages.success(request, "Het gesprek is afgesloten en gewist. Er is niets meer van bewaard.")
    return redirect("gesprekstool:start")


@require_GET
def kaarten(request, slug):
    onderdeel = _get_onderdeel(slug)
    return render(
        request,
        "gesprekstool/kaarten.html",
        {
            "onderdeel": onderdeel,
            "stellingen": Stelling.objects.active().filter(onderdeel=onderdeel),
            "keuzes": EENVOUDIGE_KEUZES,
            "onderdelen": Onderdeel.objects.all(),
        },
    )
