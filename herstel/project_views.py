from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView, ListView, TemplateView

from .charts import bar_chart
from .forms import ProjectFilterForm
from .models import Bouwsteen, Programma, Project, ProjectRol, Symposium

# The workshop whose story the "Over deze website" page tells.
OVER_PROJECT_SLUG = "werkplaats-jr-2-0"


class ProjectListView(ListView):
    template_name = "herstel/project_list.html"
    context_object_name = "projecten"
    paginate_by = 24

    def get_queryset(self):
        self.filter_form = ProjectFilterForm(self.request.GET)
        return self.filter_form.filter(Project.objects.published().for_list())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form, programmas=Programma.objects.published(), **kwargs
        )

    def render_to_response(self, context, **kwargs):
        # Unknown filter values: still a useful page, but a 400 so nobody links or indexes it.
        if self.filter_form.errors:
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class ProjectDetailView(DetailView):
    template_name = "herstel/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return Project.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        project = self.object
        organisaties = project.projectorganisaties.all()
        leidend = [po for po in organisaties if po.rol in ProjectRol.leading()]
        return super().get_context_data(
            chart=bar_chart(project.bereik.all()),
            leidende_organisaties=leidend,
            overige_organisaties=[po for po in organisaties if po not in leidend],
            **kwargs,
        )


class ProgrammaDetailView(DetailView):
    template_name = "herstel/programma_detail.html"
    context_object_name = "programma"

    def get_queryset(self):
        published = Project.objects.published().select_related("hoofdbouwsteen")
        return (
            Programma.objects.published()
            .select_related("opdrachtgever", "uitvoerder")
            .prefetch_related(
                Prefetch(
                    "bouwstenen",
                    queryset=Bouwsteen.objects.prefetch_related(
                        Prefetch("hoofdprojecten", queryset=published.order_by("volgorde")),
                        Prefetch("projecten", queryset=published.order_by("volgorde")),
                    ),
                ),
                "cijfers",
            )
            .annotate(aantal_projecten=Count("projecten", filter=Q(projecten__gepubliceerd=True)))
        )

    def get_context_data(self, **kwargs):
        cijfers = [
            (groep, list(items))
            for groep, items in groupby(
                self.object.cijfers.all(), key=lambda cijfer: cijfer.get_groep_display()
            )
        ]
        return super().get_context_data(cijfergroepen=cijfers, **kwargs)


class SymposiumDetailView(DetailView):
    template_name = "herstel/symposium_detail.html"
    context_object_name = "symposium"

    def get_queryset(self):
        return (
            Symposium.objects.published()
            .select_related("project", "opname")
            .prefetch_related("onderdelen")
        )


class OverView(TemplateView):
    """The story of Werkplaats JR 2.0, and where this website delivers each of its results."""

    template_name = "herstel/over.html"

    def get_context_data(self, **kwargs):
        project = Project.objects.published().for_detail().filter(slug=OVER_PROJECT_SLUG).first()
        resultaten = []
        if project:
            symposia = list(project.symposia.all())
            resultaten = [
                (resultaat, resultaat.link(symposia))
                for resultaat in project.beoogde_resultaten.all()
            ]
        return super().get_context_data(project=project, resultaten=resultaten, **kwargs)
