"""What editors may upload, checked by the file's content and not only by its name.

Every FileField and ImageField of the site gets a FileTypeValidator with an allow-list of
extensions. A new upload must have one of those extensions *and* start like such a file
(its magic bytes, read with `filetype`): an HTML page renamed to `.pdf`, or a PDF renamed to
`.html`, is refused. Files stored earlier were checked when they came in and are not read again.

The media server adds the headers that stop a browser from running what slipped through anyway
(herstel/media.py). This module imports nothing from the rest of the site, so every app can use it.
"""

from pathlib import Path

import filetype
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp")
VIDEO_EXTENSIONS = ("mp4", "webm")
SUBTITLE_EXTENSIONS = ("vtt",)

# Enough for every signature `filetype` knows (Office files name their parts near the start).
HEAD_BYTES = 8192
# Word, Excel and PowerPoint 97-2003 share one container; `filetype` tells them apart only
# for some writers, so the container's signature is what counts for them.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAME_TYPE = {"jpeg": "jpg"}


def _starts_like(extension, head):
    """Does the content match the extension?"""
    if extension in ("doc", "xls", "ppt"):
        return head.startswith(OLE_SIGNATURE)
    if extension == "vtt":
        # A WebVTT file is text that starts with "WEBVTT", maybe after a byte order mark.
        return head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")
    return filetype.guess_extension(head) == SAME_TYPE.get(extension, extension)


def _read_head(upload):
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


@deconstructible
class FileTypeValidator:
    """Allow only these extensions, and only files whose content is of that type."""

    def __init__(self, extensions):
        self.extensions = tuple(extensions)

    def __call__(self, value):
        extension = Path(value.name).suffix.lower().removeprefix(".")
        if extension not in self.extensions:
            raise ValidationError(
                "Dit soort bestand kan hier niet. Kies een bestand dat eindigt op %(toegestaan)s.",
                code="invalid_extension",
                params={"toegestaan": ", ".join(f".{e}" for e in self.extensions)},
            )
        # A file being uploaded now (not yet saved); stored ones were checked on the way in.
        if not getattr(value, "_committed", True) and not _starts_like(
            extension, _read_head(value)
        ):
            raise ValidationError(
                "De inhoud van dit bestand past niet bij .%(extensie)s. Sla het opnieuw op "
                "als echt .%(extensie)s-bestand en probeer het nog eens.",
                code="invalid_content",
                params={"extensie": extension},
            )

    def __eq__(self, other):
        return isinstance(other, FileTypeValidator) and self.extensions == other.extensions
