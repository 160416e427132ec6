from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from kennisplein.models import Pijler


class HomeView(TemplateView):
    template_name = "herstel/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pijlers=Pijler.objects.all(), **kwargs)


class PrivacyView(TemplateView):
    template_name = "herstel/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            retention_days=settings.GESPREKSTOOL_RETENTION_DAYS, **kwargs
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


def csrf_failure(request, reason=""):
    """A Dutch page for a failed CSRF check (an expired form), instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)
