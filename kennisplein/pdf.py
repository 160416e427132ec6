"""Tagged PDFs, rendered by WeasyPrint from an HTML template: the factsheets here, and (since
every other app may depend on kennisplein) the conversation report and the werkplaats results.

PDF/UA-1: a structure tree with headings, lists and table cells in reading order, the title from
the template's <title> and the language from <html lang>, so a screen reader can read it. The
HTML is self-contained: rendering never fetches anything, not even from our own host.
"""

import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Imported when the URLconf loads, so a gunicorn worker's first PDF is not half a second slower.
from weasyprint import CSS, HTML

# WeasyPrint narrates every step at INFO level.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def render_pdf(request, template_name, context, *, stylesheets):
    """The template as PDF bytes, styled by the given static files (paths under static/)."""
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(
        stylesheets=[CSS(filename=finders.find(path)) for path in stylesheets],
        pdf_variant="pdf/ua-1",
    )


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"PDF rendering does not fetch {url}")
