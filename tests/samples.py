"""Small real files of the types editors upload, made on the spot, and hostile ones."""

import io
import zipfile

import pypdf
from PIL import Image

OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def pdf():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, {"jpg": "JPEG"}.get(kind, kind.upper()))
    return buffer.getvalue()


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def office(kind):
    """An Office Open XML or OpenDocument package, laid out as the office programs do."""
    if kind in ODF_TYPES:
        return zipped([("mimetype", ODF_TYPES[kind]), ("content.xml", "<office/>")])
    return zipped(
        [
            ("[Content_Types].xml", "<Types/>"),
            ("_rels/.rels", "<Relationships/>"),
            (OOXML_PARTS[kind], "<document/>"),
        ]
    )


SAMPLES = {
    "pdf": pdf,
    "png": lambda: image("png"),
    "jpg": lambda: image("jpg"),
    "webp": lambda: image("webp"),
    # Word 97-2003 and friends: the compound-file container.
    "doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024),
    "mp4": lambda: b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(64),
    "webm": lambda: (
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81"
        b"\x08\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02" + bytes(64)
    ),
    "vtt": lambda: b"WEBVTT\n\n00:00.000 --> 00:02.000\nWelkom.\n",
    **{kind: (lambda kind=kind: office(kind)) for kind in [*OOXML_PARTS, *ODF_TYPES]},
}

HTML = b"<!doctype html><title>x</title><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def sample(kind):
    return SAMPLES[kind]()
