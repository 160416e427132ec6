"""Forms of a live session. Every message is Dutch; anything untouched stays empty."""

from django import forms

from .models import CODE_ALPHABET, CODE_LENGTH, Achtergrond

CODE_MESSAGE = (
    f"Een code heeft {CODE_LENGTH} tekens: letters en cijfers. Je ziet hem op het grote scherm."
)


def normalise_code(value):
    """Codes are shown in two groups and typed in any case: 'k7m 3qxa' is 'K7M3QXA'."""
    return "".join(value.split()).replace("-", "").upper()


def valid_code(code):
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Vul de code in die je op het grote scherm ziet."},
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not valid_code(code):
            raise forms.ValidationError(CODE_MESSAGE)
        return code


class StartForm(forms.Form):
    achtergronden = forms.MultipleChoiceField(
        label="Vraag deelnemers naar hun achtergrond (mag je overslaan)",
        choices=Achtergrond.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Kies de achtergronden die deelnemers kunnen kiezen. Dan zie je per achtergrond hoe "
            "er is geantwoord. Kies je niets, dan vragen we er niet naar."
        ),
        error_messages={"invalid_choice": "Kies alleen achtergronden uit de lijst."},
    )

    def clean_achtergronden(self):
        chosen = set(self.cleaned_data["achtergronden"])
        return [value for value in Achtergrond.values if value in chosen]


class DeelnemenForm(forms.Form):
    achtergrond = forms.ChoiceField(
        label="Wat is je achtergrond?",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Kies een achtergrond uit de lijst, of sla hem over."},
    )

    def __init__(self, *args, sessie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achtergrond"].choices = sessie.achtergrond_choices


class AntwoordForm(forms.Form):
    # The statement the participant saw: an answer to a statement that is no longer on the
    # screen is refused instead of counted for the next one.
    stelling = forms.IntegerField(
        min_value=0,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value"), "Er ging iets mis. Probeer het opnieuw."
        ),
    )
    waarde = forms.ChoiceField(
        label="Jouw antwoord",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies een antwoord.",
            "invalid_choice": "Kies een van de antwoorden.",
        },
    )

    def __init__(self, *args, sessie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waarde"].choices = sessie.options


class Actie:
    VORIGE = "vorige"
    VOLGENDE = "volgende"
    ONTHUL = "onthul"
    VERBERG = "verberg"
    SLUIT = "sluit"
    HEROPEN = "heropen"
    AFSLUITEN = "afsluiten"
    ALL = (VORIGE, VOLGENDE, ONTHUL, VERBERG, SLUIT, HEROPEN, AFSLUITEN)


class ActieForm(forms.Form):
    actie = forms.ChoiceField(
        choices=[(a, a) for a in Actie.ALL],
        error_messages={
            "required": "Kies wat je wilt doen.",
            "invalid_choice": "Deze knop kennen we niet.",
        },
    )
    # The statement on the facilitator's screen: a double click on "volgende" moves one on.
    stelling = forms.IntegerField(
        min_value=0,
        error_messages={
            "required": "Er ging iets mis. Laad de pagina opnieuw.",
            "invalid": "Er ging iets mis. Laad de pagina opnieuw.",
            "min_value": "Deze stelling bestaat niet.",
        },
    )

    def __init__(self, *args, aantal, **kwargs):
        super().__init__(*args, **kwargs)
        self.aantal = aantal

    def clean_stelling(self):
        volgorde = self.cleaned_data["stelling"]
        if volgorde >= self.aantal:
            raise forms.ValidationError("Deze stelling bestaat niet.")
        return volgorde
