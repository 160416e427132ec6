"""The site's sitemap: the kennisplein's sections plus the conversation tool and the project
records. Composed here, in the project package, because kennisplein depends on no other app."""

from django.contrib.sitemaps import Sitemap

from kennisplein.sitemaps import SITEMAPS as KENNISPLEIN_SITEMAPS
from kennisplein.sitemaps import StaticPagesSitemap as KennisStaticPagesSitemap

from .models import Programma, Project, Symposium


class StaticPagesSitemap(KennisStaticPagesSitemap):
    def items(self):
        return [*super().items(), "gesprekstool:start", "herstel:project-list"]


class PublishedSitemap(Sitemap):
    changefreq = "monthly"
    model = None

    def items(self):
        return self.model.objects.published().only("slug").order_by("slug")


class ProjectSitemap(PublishedSitemap):
    model = Project


class ProgrammaSitemap(PublishedSitemap):
    model = Programma


class SymposiumSitemap(PublishedSitemap):
    model = Symposium


SITEMAPS = {
    **KENNISPLEIN_SITEMAPS,
    "paginas": StaticPagesSitemap,
    "projecten": ProjectSitemap,
    "programmas": ProgrammaSitemap,
    "symposia": SymposiumSitemap,
}
