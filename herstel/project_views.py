from itertools import groupby
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.views.generic import DetailView, TemplateView

from .charts import bar_chart
from .forms import ProjectFilterForm
from .fragments import KeptObjectMixin, deferred
from .models import Bouwsteen, Programma, Project, ProjectRol, Symposium

# The workshop whose story the "Over deze website" page tells.
OVER_PROJECT_SLUG = "werkplaats-jr-2-0"


class ProjectListView(TemplateView):
    """The list, its filter form and its pages are one `{% cache %}` fragment per content
    version and filter choice: filtering, counting and rendering run once per change. Outside
    it only the filters that were chosen are checked (a 400 for unknown values); the plain list
    does not even make the form."""

    template_name = "herstel/project_list.html"
    paginate_by = 24

    def get_context_data(self, **kwargs):
        self.filter_form = deferred(ProjectFilterForm, self.request.GET)
        self.chosen = chosen = [
            (name, self.request.GET[name])
            for name in ProjectFilterForm.base_fields
            if self.request.GET.get(name)
        ]
        page = self.request.GET.get("page", "")
        return super().get_context_data(
            filter_form=self.filter_form,
            filter_query=urlencode(chosen),
            lijst_sleutel=urlencode([*chosen, ("page", page)]),
            lijst=deferred(self.page, page),
            programmas=Programma.objects.published(),
            **kwargs,
        )

    def page(self, number):
        """The projects on page `number` (also "last"), as Django's ListView pages them."""
        projects = self.filter_form.filter(Project.objects.published().for_list())
        paginator = Paginator(projects, self.paginate_by)
        try:
            page = paginator.page(paginator.num_pages if number == "last" else number or 1)
        except InvalidPage as error:
            raise Http404("Deze pagina bestaat niet.") from error
        return {"page_obj": page, "projecten": page.object_list, "aantal": paginator.count}

    def render_to_response(self, context, **kwargs):
        # Unknown filter values: still a useful page, but a 400 so nobody links or indexes it.
        if self.chosen and self.filter_form.errors:
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class BodyKeptDetailView(KeptObjectMixin, DetailView):
    """A detail page whose body is a `{% cache %}` fragment per content version: its
    prefetches, Markdown and charts run once per change. `get_queryset` fetches only the row
    (and what the title and breadcrumbs show), itself kept; `page(pk)` fetches everything the
    body shows and reaches the template as `pagina`, deferred. A fragment hit runs no query but
    the content version's."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(pagina=deferred(self.page, self.object.pk), **kwargs)


class ProjectDetailView(BodyKeptDetailView):
    template_name = "herstel/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return Project.objects.published().select_related("programma")

    @staticmethod
    def page(pk):
        project = Project.objects.for_detail().get(pk=pk)
        organisaties = project.projectorganisaties.all()
        leidend = [po for po in organisaties if po.rol in ProjectRol.leading()]
        return {
            "project": project,
            "chart": bar_chart(project.bereik.all()),
            "leidende_organisaties": leidend,
            "overige_organisaties": [po for po in organisaties if po not in leidend],
        }


class ProgrammaDetailView(BodyKeptDetailView):
    template_name = "herstel/programma_detail.html"
    context_object_name = "programma"

    def get_queryset(self):
        return Programma.objects.published()

    @staticmethod
    def page(pk):
        published = Project.objects.published().select_related("hoofdbouwsteen")
        programma = (
            Programma.objects.select_related("opdrachtgever", "uitvoerder")
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
            .get(pk=pk)
        )
        cijfergroepen = [
            (groep, list(items))
            for groep, items in groupby(
                programma.cijfers.all(), key=lambda cijfer: cijfer.get_groep_display()
            )
        ]
        return {"programma": programma, "cijfergroepen": cijfergroepen}


class SymposiumDetailView(BodyKeptDetailView):
    template_name = "herstel/symposium_detail.html"
    context_object_name = "symposium"

    def get_queryset(self):
        return Symposium.objects.published().select_related("project")

    @staticmethod
    def page(pk):
        symposium = (
            Symposium.objects.select_related("project", "opname")
            .prefetch_related("onderdelen")
            .get(pk=pk)
        )
        return {"symposium": symposium}


class OverView(TemplateView):
    """The story of Werkplaats JR 2.0, and where this website delivers each of its results.
    All of it is content: the body is one fragment per content version (see BodyKeptDetailView)."""

    template_name = "herstel/over.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pagina=deferred(self.page), **kwargs)

    @staticmethod
    def page():
        project = Project.objects.published().for_detail().filter(slug=OVER_PROJECT_SLUG).first()
        resultaten = []
        if project:
            symposia = list(project.symposia.all())
            resultaten = [
                (resultaat, resultaat.link(symposia))
                for resultaat in project.beoogde_resultaten.all()
            ]
        return {"project": project, "resultaten": resultaten}
