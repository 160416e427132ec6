from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from kennisplein.models import Pijler

from .models import Toegankelijkheidsverklaring


class HomeView(TemplateView):
    template_name = "herstel/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pijlers=Pijler.objects.all(), **kwargs)


class PrivacyView(TemplateView):
    template_name = "herstel/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            retention_days=settings.GESPREKSTOOL_RETENTION_DAYS,
            login_hours=settings.SESSION_PROFESSIONAL_AGE // 3600,
            **kwargs,
        )


class ToegankelijkheidView(TemplateView):
    """The accessibility statement as editors keep it in the admin (none yet: the page says so)."""

    template_name = "herstel/toegankelijkheid.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            verklaring=Toegankelijkheidsverklaring.objects.first(), **kwargs
        )


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not. For load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database niet bereikbaar\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def _error_page(template_name, status):
    def view(request, exception=None):
        return render(request, template_name, status=status)

    return view


# Django's own handlers check the CSRF token first, which reads the form body once more: a body
# that could not be read the first time then fails again, inside the error page. These only
# render the Dutch page. (500 keeps Django's handler: it renders 500.html without the request.)
bad_request = _error_page("400.html", 400)
permission_denied = _error_page("403.html", 403)
page_not_found = _error_page("404.html", 404)


def csrf_failure(request, reason=""):
    """A Dutch page for a failed CSRF check (an expired form), instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)
