"""One JSON line per request, and a request id that the response carries as X-Request-ID.

Operators search logs of several app servers at once: one line per request, in JSON, with the
same id as the response header (and as the load balancer's, when it sends one), lets them
follow a complaint to the server that answered. The line holds no personal data: the query
string is reduced to its names (a search may hold a name), and the values a URL carries
(a facilitator's secret link, a conversation's id) become the name of their placeholder.
"""

import json
import logging
import re
import time
import uuid

logger = logging.getLogger("herstel.requests")

HEADER = "X-Request-ID"
# An id from the load balancer is kept when it looks like one; anything else is replaced.
INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Parts of a URL that are public anyway and help to read the log.
PUBLIC_PARTS = {"slug", "onderdeel"}


def logged_path(request):
    """The path with every value the URL pattern captured (other than a public slug) replaced
    by the name of its placeholder, e.g. /werkplaats/leiden/<token>/."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is None:
        return path if len(path) <= 200 else path[:200] + "…"
    for name, value in match.kwargs.items():
        if name not in PUBLIC_PARTS:
            path = path.replace(f"/{value}/", f"/<{name}>/").replace(f"/{value}", f"/<{name}>")
    return path


class RequestLogMiddleware:
    """First in MIDDLEWARE: it times the whole answer, also redirects and error pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request.request_id = incoming if INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        response[HEADER] = request.request_id
        if not logger.isEnabledFor(logging.INFO):
            return response  # e.g. REQUEST_LOG_LEVEL=WARNING: build no line nobody reads
        line = {
            "request_id": request.request_id,
            "method": request.method,
            "path": logged_path(request),
            "query": sorted(request.GET.keys()),
            "status": response.status_code,
            "duration_ms": round(duration_ms, 1),
        }
        logger.info(json.dumps(line))  # ASCII: whatever a client sends, the line stays one line
        return response
