"""How long a login lasts: until the browser closes, and never longer than
SESSION_PROFESSIONAL_AGE after logging in, whatever happens in between.

Django can give a session a cookie that ends with the browser *or* a fixed end, not both: the
cookie is made a browser-session cookie at login, and the end is kept in the session and
checked on every request. This holds for every login, the admin's included. Anonymous sessions
keep Django's SESSION_COOKIE_AGE (one day, see settings).
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

LOGIN_ENDS = "login_eindigt"


@receiver(user_logged_in, dispatch_uid="accounts-login-ends")
def end_login_with_browser_and_deadline(sender, request, user, **kwargs):
    if request is None:
        return
    request.session.set_expiry(0)
    request.session[LOGIN_ENDS] = int(time.time()) + settings.SESSION_PROFESSIONAL_AGE


class LoginDeadlineMiddleware:
    """Log out a session whose login is older than SESSION_PROFESSIONAL_AGE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(LOGIN_ENDS, float("inf")) < time.time():
            logout(request)
        return self.get_response(request)
