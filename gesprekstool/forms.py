import hashlib

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import NOTE_MAX_LENGTH, SCORE_MAX, SCORE_MIN, Afspraak, Onderdeel, Traject
from .services import AntwoordInvoer
from .validators import validate_trajectcode

# Simple mode: five pictograms instead of the 0–10 slider. (score, label, pictogram file)
EENVOUDIGE_KEUZES = [
    (0, "Helemaal niet waar", "keuze-0"),
    (3, "Niet zo waar", "keuze-1"),
    (5, "Een beetje waar", "keuze-2"),
    (7, "Best waar", "keuze-3"),
    (10, "Helemaal waar", "keuze-4"),
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


def nearest_keuze(score):
    if score is None:
        return None
    return min((k for k, _, _ in EENVOUDIGE_KEUZES), key=lambda k: abs(k - score))


def tekst_versie(tekst):
    """A short fingerprint of a statement's text: a form made before an edit is then stale."""
    return hashlib.sha256(tekst.encode()).hexdigest()[:12]


class AntwoordForm(forms.Form):
    """The answer to one statement. Prefix `s<id>` keeps the fields of statements apart."""

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
        error_messages={
            "max_length": f"Een notitie mag hooguit {NOTE_MAX_LENGTH} tekens hebben "
            "(nu %(show_value)d)."
        },
    )

    def __init__(self, *args, stelling, eenvoudig=False, **kwargs):
        self.stelling = stelling
        self.eenvoudig = eenvoudig
        super().__init__(*args, prefix=f"s{stelling.id}", **kwargs)

    @property
    def is_stale(self):
        return self.cleaned_data.get("versie") != tekst_versie(self.stelling.tekst)

    def invoer(self):
        """What to save, or None when nothing was chosen (simple mode, no pictogram picked)."""
        data = self.cleaned_data
        score = data.get("keuze") if self.eenvoudig else data.get("score")
        nothing_chosen = not (data["weet_niet"] or data["bespreken"] or data["notitie"])
        if score is None and nothing_chosen:
            return None
        return AntwoordInvoer(
            stelling=self.stelling,
            score=score,
            weet_niet=data["weet_niet"] or score is None,
            bespreken=data["bespreken"],
            notitie=data["notitie"].strip(),
        )


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
        label="Eenvoudige stand: vijf plaatjes in plaats van een schuif van 0 tot 10",
        required=False,
    )

    def clean_trajectcode(self):
        return self.cleaned_data["trajectcode"].strip()


class AfspraakForm(forms.ModelForm):
    class Meta:
        model = Afspraak
        fields = ["onderdeel", "wat", "wie", "wanneer"]
        labels = {
            "onderdeel": "Bij welk onderdeel hoort de afspraak?",
            "wat": "Wat gaan we doen?",
            "wie": "Wie doet het?",
            "wanneer": "Wanneer?",
        }
        help_texts = {
            "wat": "Een kleine, concrete stap. Gebruik de woorden van de jongere.",
            "wie": "Bijvoorbeeld: ik, mijn moeder, mijn begeleider. Geen achternamen.",
            "wanneer": "Bijvoorbeeld: deze week, voor 1 maart, bij het volgende gesprek.",
        }
        error_messages = {
            "wat": {"required": "Schrijf op wat jullie gaan doen."},
            "wie": {"required": "Schrijf op wie het doet."},
            "wanneer": {"required": "Schrijf op wanneer het gebeurt."},
            "onderdeel": {"invalid_choice": "Kies een onderdeel uit de lijst."},
        }

    def __init__(self, *args, onderdelen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderdeel"].queryset = Onderdeel.objects.all()
        if onderdelen is not None:
            self.fields["onderdeel"].choices = [(o.pk, o.titel) for o in onderdelen]
        self.fields["onderdeel"].empty_label = None


CHECK_VRAGEN = [
    ("check_gehoord", "Ik voelde me gehoord."),
    ("check_belangrijk", "We praatten over wat ik belangrijk vind."),
    ("check_manier", "De manier van werken paste bij mij."),
]


class AfsluitingForm(forms.Form):
    check_gehoord = forms.IntegerField(
        label=CHECK_VRAGEN[0][1], min_value=0, max_value=10, error_messages=SCORE_ERRORS
    )
    check_belangrijk = forms.IntegerField(
        label=CHECK_VRAGEN[1][1], min_value=0, max_value=10, error_messages=SCORE_ERRORS
    )
    check_manier = forms.IntegerField(
        label=CHECK_VRAGEN[2][1], min_value=0, max_value=10, error_messages=SCORE_ERRORS
    )


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
        label="Welke gesprekken?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies gesprekken uit dit traject."},
    )

    def __init__(self, *args, gesprekken, **kwargs):
        super().__init__(*args, **kwargs)
        self.gesprekken = gesprekken
        self.fields["gesprek"].choices = [
            (str(g.uuid), f"{n} van {timezone.localdate(g.aangemaakt):%d-%m-%Y}")
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
