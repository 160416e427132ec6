from django import forms

from .models import Bouwsteen, Programma, Project, ProjectStatus, Regio


def year_choices():
    return [("", "Alle jaren")] + [
        (year, str(year)) for year in Project.objects.published().year_range()
    ]


class ProjectFilterForm(forms.Form):
    """The filters of /projecten/, read from the query string (GET), so links can be shared."""

    programma = forms.ModelChoiceField(
        queryset=Programma.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Alle programma's",
        label="Programma",
    )
    regio = forms.ModelChoiceField(
        queryset=Regio.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Alle regio's",
        label="Regio",
    )
    bouwsteen = forms.ModelChoiceField(
        queryset=Bouwsteen.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Alle bouwstenen",
        label="Bouwsteen",
    )
    jaar = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Liep in het jaar"
    )
    status = forms.ChoiceField(required=False, label="Status")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["programma"].queryset = Programma.objects.published()
        self.fields["regio"].queryset = Regio.objects.all()
        self.fields["bouwsteen"].queryset = Bouwsteen.objects.filter(programma__gepubliceerd=True)
        # A callable: the years are looked up only when the form is shown or a year is chosen.
        self.fields["jaar"].choices = year_choices
        self.fields["status"].choices = [("", "Alle statussen"), *ProjectStatus.choices]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = (
                "Deze keuze kennen we niet. Dit filter is daarom niet gebruikt."
            )
            field.widget.attrs["class"] = "form-select"

    def filter(self, queryset):
        """Apply every filter that is valid; invalid ones are left out (and reported)."""
        self.is_valid()
        values = self.cleaned_data
        if values.get("programma"):
            queryset = queryset.filter(programma=values["programma"])
        if values.get("regio"):
            queryset = queryset.filter(regios=values["regio"])
        if values.get("bouwsteen"):
            queryset = queryset.for_bouwsteen(values["bouwsteen"])
        if values.get("jaar"):
            queryset = queryset.in_year(values["jaar"])
        if values.get("status"):
            queryset = queryset.filter(status=values["status"])
        return queryset


class InhoudspakketForm(forms.Form):
    """The upload of a content package in the admin (herstel.redactie_admin)."""

    pakket = forms.FileField(
        label="Inhoudspakket (zip-bestand)",
        help_text="Een bestand dat met 'Download het inhoudspakket' is gemaakt.",
    )
