"""The link check: which links in the Markdown texts of the site no longer work.

Internal links are checked against the URL conf and the database (a page that does not exist, an
item or project that is missing or still a draft, an uploaded file that is gone). External links
are checked over HTTP, grouped per host: a bounded number of hosts at a time, a timeout per
request, and after one failed connection the other links to that host are not tried again, so a
dead host costs one timeout. This runs from `manage.py linkcontrole` (cron), never on a page
request; the admin shows what the last run found (`Linkprobleem`).
"""

import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from kennisplein.markdown import render_markdown

from .models import Linkprobleem, LinkSoort

# model label -> its Markdown fields. A new Markdown field belongs here too.
MARKDOWN_FIELDS = {
    "kennisplein.item": ["inhoud"],
    "kennisplein.pijler": ["uitleg", "tips"],
    "herstel.programma": ["doel", "beschrijving"],
    "herstel.bouwsteen": ["beschrijving"],
    "herstel.project": [
        "aanleiding",
        "doel",
        "aanpak",
        "resultaten",
        "praktijkonderzoek",
        "eindverslag",
    ],
    "herstel.werkplaats": ["beschrijving"],
    "herstel.symposium": ["inleiding"],
}


def _published(label):
    def exists(slug):
        return apps.get_model(label).objects.published().filter(slug=slug).exists()

    return exists


# URL name -> does the object behind the slug exist and can visitors see it?
OBJECT_PAGES = {
    "kennisplein:item-detail": _published("kennisplein.item"),
    "kennisplein:factsheet-pdf": _published("kennisplein.item"),
    "kennisplein:pijler-detail": lambda slug: (
        apps.get_model("kennisplein.pijler").objects.filter(slug=slug).exists()
    ),
    "herstel:project-detail": _published("herstel.project"),
    "herstel:programma-detail": _published("herstel.programma"),
    "herstel:symposium-detail": _published("herstel.symposium"),
}

USER_AGENT = "WerkenAanHerstel-linkcontrole/1.0"


@dataclass(frozen=True)
class Problem:
    content_type: ContentType
    object_id: int
    source: str
    field: str
    link: str
    kind: str
    message: str


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href.strip())


def links_in(markdown_text):
    """The link targets in a Markdown text, as the site renders it (reference links too)."""
    collector = _LinkCollector()
    collector.feed(render_markdown(markdown_text))
    return collector.links


def _own_host(netloc):
    host = netloc.lower().split(":")[0]
    return host in {h.lower() for h in settings.ALLOWED_HOSTS if h not in ("*", ".")}


def is_external(link):
    parts = urlsplit(link)
    return parts.scheme in ("http", "https") and not _own_host(parts.netloc)


def check_internal(link):
    """(kind, message) when an internal link does not work, else None."""
    parts = urlsplit(link)
    if parts.scheme in ("mailto", "tel") or link.startswith("#"):
        return None
    if parts.scheme and parts.scheme not in ("http", "https"):
        return LinkSoort.PAGINA, f"Onbekend soort link ({parts.scheme}:)."
    path = parts.path
    if not path.startswith("/"):
        return LinkSoort.PAGINA, "Een link naar deze website moet met / beginnen."
    if path.startswith(settings.MEDIA_URL):
        name = unquote(path[len(settings.MEDIA_URL) :])
        if not name or not default_storage.exists(name):
            return LinkSoort.BESTAND, "Dit bestand staat niet (meer) op de website."
        return None
    try:
        match = resolve(path)
    except Resolver404:
        try:
            match = resolve(path + "/") if not path.endswith("/") else None
        except Resolver404:
            match = None
    if match is None:
        return LinkSoort.PAGINA, "Deze pagina bestaat niet op de website."
    exists = OBJECT_PAGES.get(match.view_name)
    if exists and not exists(match.kwargs.get("slug", "")):
        return LinkSoort.ITEM, "Dit onderdeel bestaat niet, of is nog niet gepubliceerd."
    return None


def _status(url, timeout):
    """The HTTP status of a URL: HEAD first, GET when the server does not allow HEAD."""
    for method in ("HEAD", "GET"):
        headers = {"User-Agent": USER_AGENT}
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
        try:
            # Only http(s) URLs come here (is_external), so no file: or other schemes.
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (405, 501):
                continue
            return error.code
    return None


def check_external(urls, *, timeout=5.0, max_hosts=8):
    """{url: (kind, message)} for external links that fail; hosts checked in parallel."""
    per_host = defaultdict(list)
    for url in sorted(set(urls)):
        per_host[urlsplit(url).netloc.lower()].append(url)

    def check_host(host_urls):
        found, unreachable = {}, False
        for url in host_urls:
            if unreachable:
                found[url] = (LinkSoort.ONBEREIKBAAR, "De site was niet bereikbaar.")
                continue
            try:
                status = _status(url, timeout)
            except (urllib.error.URLError, OSError, ValueError):
                unreachable = True
                found[url] = (LinkSoort.ONBEREIKBAAR, "De site was niet bereikbaar.")
                continue
            if status is not None and status >= 400:
                found[url] = (LinkSoort.EXTERN, f"De site antwoordt met foutcode {status}.")
        return found

    results = {}
    with ThreadPoolExecutor(max_workers=max_hosts) as pool:
        for found in pool.map(check_host, per_host.values()):
            results.update(found)
    return results


def _texts():
    """(content type, object, field name, text) for every Markdown text on the site."""
    for label, fields in MARKDOWN_FIELDS.items():
        model = apps.get_model(label)
        content_type = ContentType.objects.get_for_model(model)
        for obj in model._base_manager.order_by("pk").iterator():
            for field in fields:
                text = getattr(obj, field)
                if text:
                    yield content_type, obj, model._meta.get_field(field).verbose_name, text


def find_problems(*, external=True, timeout=5.0, max_hosts=8):
    """Every link that does not work, internal and (when asked) external."""
    problems, external_links = [], []
    for content_type, obj, field, text in _texts():
        source = str(obj)[:300]
        for link in links_in(text):
            if is_external(link):
                external_links.append((content_type, obj.pk, source, field, link))
                continue
            failure = check_internal(link)
            if failure:
                problems.append(Problem(content_type, obj.pk, source, field, link, *failure))
    if external and external_links:
        failures = check_external(
            [entry[-1] for entry in external_links], timeout=timeout, max_hosts=max_hosts
        )
        for content_type, pk, source, field, link in external_links:
            if link in failures:
                problems.append(Problem(content_type, pk, source, field, link, *failures[link]))
    return problems


def store_problems(problems):
    """Replace what the admin shows with the findings of this run."""
    now = timezone.now()
    with transaction.atomic():
        Linkprobleem.objects.all().delete()
        Linkprobleem.objects.bulk_create(
            Linkprobleem(
                content_type=p.content_type,
                object_id=p.object_id,
                bron=p.source,
                veld=str(p.field)[:100],
                link=p.link[:2000],
                soort=p.kind,
                melding=p.message,
                gecontroleerd=now,
            )
            for p in problems
        )
