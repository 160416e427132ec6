"""PDF of a conversation, rendered by WeasyPrint from the same HTML as the print view.

The PDF is tagged PDF/UA-1: a structure tree with headings, lists and table cells in reading
order, the document's title from <title> and its language from <html lang>, so a screen reader
can read it."""

import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Imported when the URLconf loads, so a gunicorn worker's first PDF is not half a second slower.
from weasyprint import CSS, HTML

# WeasyPrint narrates every step at INFO level.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

PDF_STYLESHEET = "gesprekstool/verslag.css"


def render_pdf(request, template_name, context):
    html = render_to_string(template_name, context, request=request)
    # No base_url and no fetcher for remote URLs: the document is self-contained (inline SVG),
    # so rendering never reaches out over the network.
    stylesheet = CSS(filename=finders.find(PDF_STYLESHEET))
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1"
    )


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"PDF rendering does not fetch {url}")
