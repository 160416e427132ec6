"""The results as a tagged PDF (PDF/UA-1), rendered by WeasyPrint from an HTML template."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

PDF_STYLESHEET = "werkplaats/uitslag.css"


def render_pdf(request, template_name, context):
    html = render_to_string(template_name, context, request=request)
    stylesheet = CSS(filename=finders.find(PDF_STYLESHEET))
    # Self-contained HTML: nothing is fetched, not even from our own host.
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1"
    )


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"PDF rendering does not fetch {url}")
