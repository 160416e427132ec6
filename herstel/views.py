import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from kennisplein.models import Pijler

from .models import Toegankelijkheidsverklaring

logger = logging.getLogger(__name__)


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


def _plain(text, status=200):
    return HttpResponse(text + "\n", status=status, content_type="text/plain")


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def _cache_answers():
    """A write and a read of one key. Any error of the backend counts (Redis, a full disk)."""
    key = "readyz:" + secrets.token_hex(8)
    try:
        cache.set(key, 1, 10)
        answered = cache.get(key) == 1
        cache.delete(key)
    except Exception:  # noqa: BLE001 - each backend raises its own errors
        logger.exception("cache niet bereikbaar")
        return False
    return answered


@never_cache
def healthz(request):
    """Liveness: 200 when this process and its database answer, 503 when the database does not."""
    if not _database_answers():
        return _plain("database niet bereikbaar", 503)
    return _plain("ok")


@never_cache
def readyz(request):
    """Readiness, for the load balancer: 200 only when the database and the (shared) cache both
    answer; 503 names what does not, so this server gets no visitors until it does."""
    missing = [
        name
        for name, answers in (("database", _database_answers), ("cache", _cache_answers))
        if not answers()
    ]
    if missing:
        return _plain(" en ".join(missing) + " niet bereikbaar", 503)
    return _plain("ok")


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
