"""Log in, log out and password reset for professionals; only when saved conversations are on."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from .access import saved_mode_required
from .forms import InlogForm, WachtwoordVergetenForm

saved_mode = method_decorator(saved_mode_required, name="dispatch")


class InvalidFormIs400Mixin:
    """A form sent back with errors answers 400, so a wrong password or e-mail is a 4xx."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@saved_mode
class InloggenView(InvalidFormIs400Mixin, auth_views.LoginView):
    template_name = "accounts/inloggen.html"
    authentication_form = InlogForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session.set_expiry(settings.SESSION_PROFESSIONAL_AGE)
        return response


@saved_mode
class UitloggenView(auth_views.LogoutView):
    template_name = "accounts/uitgelogd.html"
    next_page = None


@saved_mode
class WachtwoordVergetenView(InvalidFormIs400Mixin, auth_views.PasswordResetView):
    template_name = "accounts/wachtwoord_vergeten.html"
    form_class = WachtwoordVergetenForm
    email_template_name = "accounts/wachtwoord_mail.txt"
    subject_template_name = "accounts/wachtwoord_mail_onderwerp.txt"
    success_url = reverse_lazy("accounts:wachtwoord-verstuurd")


@saved_mode
class WachtwoordVerstuurdView(auth_views.PasswordResetDoneView):
    template_name = "accounts/wachtwoord_verstuurd.html"


@saved_mode
class WachtwoordNieuwView(InvalidFormIs400Mixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/wachtwoord_nieuw.html"
    success_url = reverse_lazy("accounts:wachtwoord-klaar")


@saved_mode
class WachtwoordKlaarView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/wachtwoord_klaar.html"


@saved_mode
@method_decorator(never_cache, name="dispatch")
class WachtwoordWijzigenView(InvalidFormIs400Mixin, auth_views.PasswordChangeView):
    template_name = "accounts/wachtwoord_wijzigen.html"
    success_url = reverse_lazy("accounts:wachtwoord-gewijzigd")


@saved_mode
class WachtwoordGewijzigdView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/wachtwoord_gewijzigd.html"
