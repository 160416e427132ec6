"""Tagged PDFs, rendered by WeasyPrint from an HTML template: the factsheets here, and (since
every other app may depend on kennisplein) the conversation report and the werkplaats results.

PDF/UA-1: a structure tree with headings, lists and table cells in reading order, the title from
the template's <title> and the language from <html lang>, so a screen reader can read it. The
HTML is self-contained: rendering never fetches anything, not even from our own host.
"""

import logging
import threading

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Imported when the URLconf loads, so a gunicorn worker's first PDF is not half a second slower.
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

# WeasyPrint narrates every step at INFO level.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


# One per process: a new one per PDF (WeasyPrint's default) keeps about 0.25 MB of font data
# in native memory that is never given back, so a worker grew with every PDF it rendered.
# Shared, so used by one thread at a time (gunicorn's sync workers never wait for the lock; the
# threaded development server may).
FONTS = FontConfiguration()
_FONTS_IN_USE = threading.Lock()


def render_pdf(request, template_name, context, *, stylesheets):
    """The template as PDF bytes, styled by the given static files (paths under static/)."""
    html = render_to_string(template_name, context, request=request)
    with _FONTS_IN_USE:
        return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(
            stylesheets=[
                CSS(filename=finders.find(path), font_config=FONTS) for path in stylesheets
            ],
            font_config=FONTS,
            pdf_variant="pdf/ua-1",
        )


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"PDF rendering does not fetch {url}")
