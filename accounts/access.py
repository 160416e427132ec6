"""Who may use saved conversations. Everything here answers 404, never 403: an outsider must
not learn that saved conversations, or a particular one, exist."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404


def saved_mode_enabled():
    return settings.GESPREKSTOOL_SAVED_CONVERSATIONS


def is_professional(user):
    """A logged-in, active user who belongs to an organisation (has a Profiel)."""
    return bool(user.is_authenticated and user.is_active and hasattr(user, "profiel"))


def saved_mode_required(view):
    """404 for everything of saved mode (accounts included) when the setting is off."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not saved_mode_enabled():
            raise Http404("Deze pagina bestaat niet.")
        return view(request, *args, **kwargs)

    return wrapper


def professional_required(view=None, *, login_redirect=False):
    """Only professionals. Others get 404; on pages without a conversation in them, a visitor
    who is not logged in is sent to the login page instead (that reveals nothing)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not saved_mode_enabled():
                raise Http404("Deze pagina bestaat niet.")
            if login_redirect and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_professional(request.user):
                raise Http404("Deze pagina bestaat niet.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


def context(request):
    """Template context: is saved mode on, and may this user keep conversations?"""
    enabled = saved_mode_enabled()
    user = getattr(request, "user", None)
    return {
        "SAVED_CONVERSATIONS": enabled,
        "is_professional": bool(enabled and user is not None and is_professional(user)),
    }
