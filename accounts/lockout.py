from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this after too many wrong passwords: a Dutch page with status 429."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "accounts/geblokkeerd.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minuten": minutes},
        status=429,
    )
