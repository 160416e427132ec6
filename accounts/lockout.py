"""Lockout after wrong passwords (django-axes), on both login pages.

Two limits, counted per failed login in axes' table: AXES_FAILURE_LIMIT wrong passwords for one
user name from one address lock that combination; AXES_ADDRESS_FAILURE_LIMIT from one address,
whatever the user names, lock the address (someone trying many names). Both for
AXES_COOLOFF_TIME. A correct password clears that user's failures from that address; a new
password set through the reset link clears that user's failures everywhere (accounts/views.py).

A row keeps the user name, the address, the time of the last failure and the count: axes would
also keep the browser, the path and the submitted form (user name, CSRF token, a masked
password), which a lockout does not need.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import render


class LockoutHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            # Part of the row's key, so they are left out before axes looks the row up.
            request.axes_user_agent = request.axes_path_info = request.axes_http_accept = ""
        super().user_login_failed(sender, credentials, request, **kwargs)

    def get_failures(self, request, credentials=None):
        # One count per entry of AXES_LOCKOUT_PARAMETERS: [user name + address], [address].
        per_user, per_address = (
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # axes compares one number with AXES_FAILURE_LIMIT: put the address's on that scale.
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT
        return max(per_user, scaled)

    def reset_user_attempts(self, request, credentials=None):
        """After a correct password: that user's failures from this address, not the
        address's others (or one's own account would reset a search through user names)."""
        per_user = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_user.delete()
        return count


@receiver(pre_save, sender=AccessAttempt, dispatch_uid="accounts-lockout-keeps-no-form")
def keep_no_request_data(sender, instance, **kwargs):
    instance.get_data = instance.post_data = ""


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this after too many wrong passwords: a Dutch page with status 429."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "accounts/geblokkeerd.html", {"minuten": minutes}, status=429)
