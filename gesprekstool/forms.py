import hashlib

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import (
    NOTE_MAX_LENGTH,
    REVIEW_NOTE_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    WIE_ANDERS_MAX_LENGTH,
    Afspraak,
    Onderdeel,
    Terugblik,
    TerugblikStatus,
    Traject,
    WieRol,
)
from .services import AntwoordInvoer
from .validators import validate_free_text, validate_trajectcode

# Simple mode: five choices (dots of growing size) instead of the 0–10 scale.
# (score, label, pictogram file)
# The soft hyphen lets "Helemaal" break on a phone of 320 px, where five fit in one row.
EENVOUDIGE_KEUZES = [
    (0, "Hele\u00admaal niet waar", "keuze-0"),
    (3, "Niet zo waar", "keuze-1"),
    (5, "Een beetje waar", "keuze-2"),
    (7, "Best waar", "keuze-3"),
    (10, "Hele\u00admaal waar", "keuze-4"),
]
SCORE_WORDS = {
    0: "helemaal niet waar",
    1: "bijna helemaal niet waar",
    2: "niet waar",
    3: "niet zo waar",
    4: "een beetje niet waar",
    5: "half waar",
    6: "een beetje waar",
    7: "best waar",
    8: "waar",
    9: "bijna helemaal waar",
    10: "helemaal waar",
}
SCORE_ERRORS = {
    "invalid": "Kies een getal van 0 tot en met 10.",
    "min_value": "Kies een getal van 0 tot en met 10.",
    "max_value": "Kies een getal van 0 tot en met 10.",
}


def score_text(score):
    return f"{score}: {SCORE_WORDS[score]}" if score in SCORE_WORDS else "nog niet gekozen"


# The scales as (value, words): a statement's, and the closing check's. Tuples: the scale tag
# (templatetags/stellingen.py) escapes each scale once and keeps it by value.
STELLING_SCHAAL = tuple((value, score_text(value)) for value in SCORE_WORDS)
CHECK_SCHAAL = tuple((value, f"{value} van 10") for value in SCORE_WORDS)


def nearest_keuze(score):
    if score is None:
        return None
    return min((k for k, _, _ in EENVOUDIGE_KEUZES), key=lambda k: abs(k - score))


def tekst_versie(tekst):
    """A short fingerprint of a statement's text: a form made before an edit is then stale."""
    return hashlib.sha256(tekst.encode()).hexdigest()[:12]


class AntwoordForm(forms.Form):
    """The answer to one statement. Prefix `s<id>` keeps the fields of statements apart.

    Every field is optional and empty unless chosen: the page has an explicit "nog niet gekozen"
    for the scale, so a statement nobody touched sends no score at all.
    """

    versie = forms.CharField(max_length=12)
    score = forms.IntegerField(
        min_value=SCORE_MIN, max_value=SCORE_MAX, required=False, error_messages=SCORE_ERRORS
    )
    keuze = forms.TypedChoiceField(
        choices=[(k, label) for k, label, _ in EENVOUDIGE_KEUZES],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Kies een van de vijf plaatjes."},
    )
    weet_niet = forms.BooleanField(required=False)
    bespreken = forms.BooleanField(required=False)
    notitie = forms.CharField(
        max_length=NOTE_MAX_LENGTH,
        required=False,
        validators=[validate_free_text],
        error_messages={
            "max_length": f"Een notitie mag hooguit {NOTE_MAX_LENGTH} tekens hebben "
            "(nu %(show_value)d)."
        },
    )
    # Whether the page showed a saved answer: only then does an empty statement mean "wissen".
    # A statement that was open on the page never erases what another tab saved meanwhile.
    bewaard = forms.BooleanField(required=False)

    def __init__(self, *args, stelling, eenvoudig=False, **kwargs):
        self.stelling = stelling
        self.eenvoudig = eenvoudig
        super().__init__(*args, prefix=f"s{stelling.id}", **kwargs)

    @property
    def is_stale(self):
        return self.cleaned_data.get("versie") != tekst_versie(self.stelling.tekst)

    def invoer(self):
        """Exactly what was chosen for this statement, or None when nothing was."""
        data = self.cleaned_data
        weet_niet = data["weet_niet"]
        score = None if weet_niet else data["keuze" if self.eenvoudig else "score"]
        invoer = AntwoordInvoer(
            stelling=self.stelling,
            score=score,
            weet_niet=weet_niet,
            bespreken=data["bespreken"],
            notitie=data["notitie"].strip(),
        )
        return None if invoer.leeg else invoer

    @property
    def wist(self):
        """The page showed a saved answer and everything was cleared: delete it."""
        return self.invoer() is None and self.cleaned_data["bewaard"]


class InstellingenForm(forms.Form):
    trajectcode = forms.CharField(
        label="Trajectcode (mag leeg blijven)",
        max_length=30,
        required=False,
        validators=[validate_trajectcode],
        help_text="Een code uit jullie eigen dossier, zoals JR-2026-17. Nooit een naam, "
        "geboortedatum, BSN, telefoonnummer of e-mailadres.",
        error_messages={"max_length": "Een trajectcode is hooguit 30 tekens lang."},
    )
    eenvoudig = forms.BooleanField(
        label="Eenvoudige stand: vijf keuzes met bolletjes in plaats van een schaal van 0 tot 10",
        required=False,
    )
    vorige_tonen = forms.BooleanField(
        label="Laat bij een vervolggesprek het antwoord van vorige keer zien",
        required=False,
    )

    def __init__(self, *args, vervolg=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not vervolg:
            del self.fields["vorige_tonen"]

    def clean_trajectcode(self):
        return self.cleaned_data["trajectcode"].strip()


WIE_ANDERS_LABEL = "Anders, namelijk"


class AfspraakForm(forms.ModelForm):
    """A new agreement, or a change to one. "Wie" is a role; only "anders" takes a short text."""

    wie_rol = forms.ChoiceField(
        label="Wie doet het?",
        choices=WieRol.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies wie het doet.",
            "invalid_choice": "Kies wie het doet uit de lijst.",
        },
    )

    class Meta:
        model = Afspraak
        fields = ["onderdeel", "wat", "wie_rol", "wie", "wanneer"]
        labels = {
            "onderdeel": "Bij welk onderdeel hoort de afspraak?",
            "wat": "Wat gaan we doen?",
            "wie": f"{WIE_ANDERS_LABEL} (kies hierboven 'anders')",
            "wanneer": "Wanneer?",
        }
        help_texts = {
            "wat": "Een kleine, concrete stap. Gebruik de woorden van de jongere.",
            "wie": "Een rol, zoals 'trainer' of 'oom'. Geen namen.",
            "wanneer": "Bijvoorbeeld: deze week, voor 1 maart, bij het volgende gesprek.",
        }
        error_messages = {
            "wat": {"required": "Schrijf op wat jullie gaan doen."},
            "wanneer": {"required": "Schrijf op wanneer het gebeurt."},
            "onderdeel": {
                "required": "Kies bij welk onderdeel de afspraak hoort.",
                "invalid_choice": "Kies een onderdeel uit de lijst.",
            },
        }

    def __init__(self, *args, onderdelen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderdeel"].queryset = Onderdeel.objects.all()
        if onderdelen is not None:
            self.fields["onderdeel"].choices = [
                ("", "Kies een onderdeel"),
                *((o.pk, o.titel) for o in onderdelen),
            ]
        # No part is chosen for the worker: the first one would otherwise be stored unasked.
        self.fields["onderdeel"].empty_label = "Kies een onderdeel"
        self.fields["wie"].max_length = WIE_ANDERS_MAX_LENGTH
        self.fields["wie"].widget.attrs["maxlength"] = WIE_ANDERS_MAX_LENGTH
        self.fields["wie"].error_messages["max_length"] = (
            f"Schrijf bij 'anders' hooguit {WIE_ANDERS_MAX_LENGTH} tekens."
        )
        for name in ("wat", "wie", "wanneer"):
            self.fields[name].validators.append(validate_free_text)

    def clean(self):
        data = super().clean()
        rol, wie = data.get("wie_rol"), (data.get("wie") or "").strip()
        if rol == WieRol.ANDERS and not wie and "wie" not in self.errors:
            self.add_error("wie", "Schrijf op wie het doet, of kies een van de rollen.")
        elif rol and rol != WieRol.ANDERS and wie:
            self.add_error(
                "wie", "Kies 'anders' als je zelf opschrijft wie het doet, of maak dit veld leeg."
            )
        data["wie"] = wie
        return data


class TerugblikForm(forms.ModelForm):
    """How an agreement of last time went. Nothing is chosen until it is chosen."""

    status = forms.TypedChoiceField(
        label="Hoe ging het?",
        choices=[("", "Nog niet besproken"), *TerugblikStatus.choices],
        widget=forms.RadioSelect,
        required=False,
        empty_value="",
        error_messages={"invalid_choice": "Kies hoe het ging uit de lijst."},
    )

    class Meta:
        model = Terugblik
        fields = ["status", "notitie"]
        labels = {"notitie": "Korte notitie (mag leeg blijven)"}
        widgets = {"notitie": forms.TextInput}
        error_messages = {
            "notitie": {
                "max_length": f"Een notitie mag hooguit {REVIEW_NOTE_MAX_LENGTH} tekens hebben."
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=f"t{kwargs['instance'].pk}", **kwargs)
        self.fields["notitie"].validators.append(validate_free_text)

    def clean_notitie(self):
        return self.cleaned_data["notitie"].strip()


CHECK_VRAGEN = [
    ("check_gehoord", "Ik voelde me gehoord."),
    ("check_belangrijk", "We praatten over wat ik belangrijk vind."),
    ("check_manier", "De manier van werken paste bij mij."),
]


def _check_field(label):
    return forms.IntegerField(
        label=label, min_value=0, max_value=10, required=False, error_messages=SCORE_ERRORS
    )


class AfsluitingForm(forms.Form):
    """The closing check: each question is stored only when it was chosen."""

    check_gehoord = _check_field(CHECK_VRAGEN[0][1])
    check_belangrijk = _check_field(CHECK_VRAGEN[1][1])
    check_manier = _check_field(CHECK_VRAGEN[2][1])

    @property
    def niets_gekozen(self):
        return all(value is None for value in self.cleaned_data.values())


class BestandForm(forms.Form):
    VERDER = "verder"
    VERVOLG = "vervolg"

    bestand = forms.FileField(
        label="Gespreksbestand",
        help_text="Het bestand dat je eerder hebt bewaard (eindigt op .json).",
        error_messages={
            "required": "Kies een gespreksbestand.",
            "empty": "Dit bestand is leeg.",
            "invalid": "Dit is geen bestand.",
        },
    )
    doel = forms.ChoiceField(
        label="Wat wil je doen?",
        choices=[
            (VERDER, "Verder met dit gesprek"),
            (VERVOLG, "Een nieuw vervolggesprek beginnen en vergelijken met dit gesprek"),
        ],
        initial=VERDER,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Kies of je verder gaat of een vervolggesprek begint."},
    )


# --- saved conversations ------------------------------------------------------------------------


class TrajectForm(forms.Form):
    trajectcode = forms.CharField(
        label="Trajectcode",
        max_length=30,
        validators=[validate_trajectcode],
        help_text="De code uit het dossier van jullie organisatie, zoals JR-2026-17. Nooit een "
        "naam, geboortedatum, BSN, telefoonnummer of e-mailadres.",
        error_messages={
            "required": "Vul een trajectcode in.",
            "max_length": "Een trajectcode is hooguit 30 tekens lang.",
        },
    )

    def __init__(self, *args, organisatie, **kwargs):
        self.organisatie = organisatie
        super().__init__(*args, **kwargs)

    def clean_trajectcode(self):
        code = self.cleaned_data["trajectcode"].strip()
        if Traject.objects.filter(organisatie=self.organisatie, trajectcode__iexact=code).exists():
            raise forms.ValidationError(
                "Er is in jouw organisatie al een traject met deze code. Is het jouw traject? "
                "Kies het dan in de lijst. Anders: kies een andere code."
            )
        return code


class OverdrachtForm(forms.Form):
    collega = forms.ModelChoiceField(
        label="Aan welke collega?",
        queryset=None,
        empty_label=None,
        error_messages={
            "required": "Kies een collega.",
            "invalid_choice": "Kies een collega uit de lijst.",
        },
    )
    zeker = forms.BooleanField(
        label="Ik begrijp dat ik dit traject daarna niet meer kan openen.",
        error_messages={"required": "Vink aan dat je dit begrijpt."},
    )

    def __init__(self, *args, user, **kwargs):
        from accounts.models import Profiel, display_name

        super().__init__(*args, **kwargs)
        colleagues = Profiel.objects.colleagues_of(user)
        self.fields["collega"].queryset = (
            get_user_model()
            .objects.filter(profiel__in=colleagues)
            .order_by("first_name", "username")
        )
        self.fields["collega"].label_from_instance = display_name


class VergelijkForm(forms.Form):
    gesprek = forms.MultipleChoiceField(
        label="Welke gesprekken vergelijken? Kies er twee of meer, of geen om alles te zien.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies gesprekken uit dit traject."},
    )

    def __init__(self, *args, gesprekken, **kwargs):
        super().__init__(*args, **kwargs)
        self.gesprekken = gesprekken
        self.fields["gesprek"].choices = [
            (str(g.uuid), f"Gesprek {n} van {timezone.localdate(g.aangemaakt):%d-%m-%Y}")
            for n, g in enumerate(gesprekken, start=1)
        ]

    def clean_gesprek(self):
        chosen = self.cleaned_data["gesprek"]
        if chosen and len(chosen) < 2:
            raise forms.ValidationError("Kies minstens twee gesprekken om te vergelijken.")
        return chosen

    def chosen(self):
        """The chosen conversations in date order; all of them when none was ticked."""
        wanted = set(self.cleaned_data.get("gesprek") or [])
        return [g for g in self.gesprekken if not wanted or str(g.uuid) in wanted]


class TrajectBestandForm(forms.Form):
    bestand = BestandForm.base_fields["bestand"]
