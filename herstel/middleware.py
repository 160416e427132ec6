"""Site-wide middleware: our security headers, and one answer to input no page of ours sends.

PostgreSQL refuses the NUL character in text, and Django reads form bodies only as UTF-8. Left
to the views, either ends in a 500 somewhere deep: an admin filter, a lookup, a session cookie,
or Django's own error page, which reads the body once more. RefuseUnreadableInput answers such
a request with the Dutch 400 page before any view sees it, for every page including the admin.
"""

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException

from .views import bad_request

NUL = "\x00"
UNREADABLE_BODY = (
    BadRequest,  # a form body in another charset than UTF-8
    SuspiciousOperation,  # too large, too many fields or files
    MultiPartParserError,
    RawPostDataException,
    UnreadablePostError,
)


class ContentSecurityPolicyMiddleware:
    """Adds our strict Content-Security-Policy and Permissions-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def _has_nul(querydict):
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in querydict.lists()
    )


class RefuseUnreadableInput:
    """400 for a NUL in the path, the query, a form value or a cookie we read, and for a form
    body that cannot be read (another charset, broken multipart, too large)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad_cookies = [
            name
            for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
            if NUL in request.COOKIES.get(name, "")
        ]
        if bad_cookies or NUL in request.path or _has_nul(request.GET):
            response = bad_request(request)
            # Otherwise the browser would send the broken cookie again and again.
            for name in bad_cookies:
                response.delete_cookie(name)
            return response
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only views that resolve: a 404 never reads the body. Views exempt from the CSRF check
        # choose their own upload handlers before they read the body, so it is not read here;
        # their forms do the checking.
        if request.method in ("GET", "HEAD", "OPTIONS") or getattr(view_func, "csrf_exempt", False):
            return None
        try:
            unreadable = _has_nul(request.POST)  # (Django strips NUL from uploads' file names.)
        except UNREADABLE_BODY:
            unreadable = True
        return bad_request(request) if unreadable else None
