"""Uploaded files, served so that a browser never runs them.

Editors upload documents, images and videos; the upload rules (kennisplein/uploads.py) check
their content. Should anything else end up in MEDIA_ROOT, these headers still keep a browser
from treating it as a page of this site: everything but an image is a download, the browser
may not guess another type, and a file opened on its own gets a sandbox without scripts.

Django serves /media/ with this view unless SERVE_MEDIA is off; a proxy that serves /media/
itself must send the same headers (README, "Security").
"""

from django.conf import settings
from django.views.static import serve

# Shown in the page; every other type is downloaded.
INLINE_TYPES = ("image/jpeg", "image/png", "image/webp")


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    if response.get("Content-Type", "").split(";")[0] not in INLINE_TYPES:
        response["Content-Disposition"] = "attachment"
    return response
