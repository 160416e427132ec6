"""Log in, log out and password reset for professionals; only when saved conversations are on."""

from axes.utils import reset as reset_lockout
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from herstel.ratelimit import Limit, client_address

from .access import saved_mode_required
from .forms import TOO_MANY, InlogForm, WachtwoordVergetenForm, WachtwoordWijzigenForm

# Reset e-mails: per client address, and per e-mail address (whether it has an account or
# not, so the limit tells nothing about accounts).
RESET_MAILS_PER_ADDRESS = Limit("wachtwoord-mail-adres", 10, 60 * 60)
RESET_MAILS_PER_EMAIL = Limit("wachtwoord-mail-email", 3, 60 * 60)

saved_mode = method_decorator(saved_mode_required, name="dispatch")


class InvalidFormIs400Mixin:
    """A form sent back with errors answers 400, so a wrong password or e-mail is a 4xx; 429
    when it was refused for too many attempts."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        too_many = any(form.has_error(name, code=TOO_MANY) for name in form.errors)
        response.status_code = 429 if too_many else 400
        return response


@saved_mode
class InloggenView(InvalidFormIs400Mixin, auth_views.LoginView):
    template_name = "accounts/inloggen.html"
    authentication_form = InlogForm
    redirect_authenticated_user = True


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

    def form_valid(self, form):
        address = client_address(self.request)
        email = form.cleaned_data["email"].lower()
        if not (RESET_MAILS_PER_ADDRESS.allow(address) and RESET_MAILS_PER_EMAIL.allow(email)):
            message = (
                "Er is al vaak om deze e-mail gevraagd. Kijk ook in je map met ongewenste "
                "e-mail. Of probeer het over een uur opnieuw."
            )
            form.add_error(None, ValidationError(message, code=TOO_MANY))
            return self.form_invalid(form)
        return super().form_valid(form)


@saved_mode
class WachtwoordVerstuurdView(auth_views.PasswordResetDoneView):
    template_name = "accounts/wachtwoord_verstuurd.html"


@saved_mode
class WachtwoordNieuwView(InvalidFormIs400Mixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/wachtwoord_nieuw.html"
    success_url = reverse_lazy("accounts:wachtwoord-klaar")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The lockout page suggests a new password: with one, the user can log in again.
        reset_lockout(username=form.user.get_username())
        return response


@saved_mode
class WachtwoordKlaarView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/wachtwoord_klaar.html"


@saved_mode
@method_decorator(never_cache, name="dispatch")
class WachtwoordWijzigenView(InvalidFormIs400Mixin, auth_views.PasswordChangeView):
    template_name = "accounts/wachtwoord_wijzigen.html"
    form_class = WachtwoordWijzigenForm
    success_url = reverse_lazy("accounts:wachtwoord-gewijzigd")


@saved_mode
class WachtwoordGewijzigdView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/wachtwoord_gewijzigd.html"
