"""No request a browser can send gets a 500: hostile values in the path, in every query parameter
and in every form field of every URL pattern, as a visitor, a professional and an editor.

The URL patterns are read from the URL conf, so a new app or page is covered without a change
here. Each pattern gets a real address where the site links to one (found by following links and
form actions, starting from the patterns without parameters, with real content, conversations
and a trajectory in the database), and generated paths that match its pattern. The forms of each
page are read from its HTML. Hypothesis draws the hostile values: NUL, lone surrogates, invalid
UTF-8, 100,000 characters, odd numbers, repeated keys, bodies in other charsets or as multipart.
A form keeps its valid CSRF token, so the request reaches the view. Every request runs in a
transaction that is rolled back and the browser's cookies are put back after it, so no request
changes what the next one sees.

The run prints how many URL patterns, pages, forms and requests it tried.
"""

import copy
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, quote_from_bytes, urljoin, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gesprekstool.models import Afspraak, Gesprek, Onderdeel
from kennisplein.models import Item, ItemType
from tests.factories import OrganisatieFactory, ProfielFactory

# Examples per target; the whole test stays within a few minutes.
PAGE_EXAMPLES = 4
FORM_EXAMPLES = 4

# --- what the URL conf has ---------------------------------------------------------------


@dataclass
class Pattern:
    route: str  # as ResolverMatch.route reports it
    regex: str  # the whole path, every level's regex joined

    @property
    def literal(self):
        """The path itself, for a pattern without parameters."""
        if re.search(r"\(\?P<|[*+?\[]", self.regex.replace(r"\.", "")):
            return None
        return "/" + re.sub(r"\\(.)", r"\1", self.regex)


def _join(outer, inner):
    # As Django's URLResolver._join_route: an inner "^" is dropped.
    return outer + inner.removeprefix("^") if outer else inner


def _bare(regex):
    return regex.removeprefix("^").removesuffix(r"\Z").removesuffix("$")


def url_patterns(resolver=None, route="", regex=""):
    for entry in (resolver or get_resolver()).url_patterns:
        entry_route = _join(route, str(entry.pattern))
        entry_regex = regex + _bare(entry.pattern.regex.pattern)
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, entry_route, entry_regex)
        else:
            yield Pattern(entry_route, entry_regex)


# --- what a page has ---------------------------------------------------------------------


@dataclass
class Form:
    action: str  # path of the URL the form is sent to
    method: str
    multipart: bool
    fields: list = field(default_factory=list)  # (name, value) pairs, in order
    files: list = field(default_factory=list)  # names of file inputs


class PageParser(HTMLParser):
    """Links (also a sitemap's), and forms with their fields and the values a browser would
    send untouched."""

    def __init__(self):
        super().__init__()
        self.links, self.forms = [], []
        self._form = self._select = None

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                multipart=a.get("enctype") == "multipart/form-data",
            )
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type") == "file":
            self._form.files.append(a["name"])
        elif tag in ("input", "button"):
            self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            self._form.fields.append((self._select, a.get("value", "")))
            self._select = None  # the first option is what an untouched select sends
        elif tag == "textarea":
            self._form.fields.append((a["name"], ""))

    def handle_data(self, data):
        if self.lasttag == "loc" and data.strip():  # a sitemap's addresses
            self.links.append(data.strip())

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


# --- hostile values ----------------------------------------------------------------------

CLASSICS = [
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate: sent as the bytes UTF-8 would give it, which are invalid
    "x\udfffy",
    "x" * 100_000,
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999",
    "9" * 400,
    "1.5",
    "0x1A",
    " 12 ",
    "١٢٣",
    "½",
    "",
    " ",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "%00",
    "%s %(x)s {0}",
    "\u202e\u200b",
    "🙂",
    "2026-13-45",
    "true",
    "[]",
]

texts = st.one_of(
    st.sampled_from(CLASSICS),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats().map(repr),
)
values = st.one_of(
    texts.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=30),
)
CHARSETS = ["utf-16", "latin-1", "iso-8859-15", "ascii", "x-unknown"]


def encode_pairs(pairs):
    return "&".join(f"{quote_from_bytes(k)}={quote_from_bytes(v)}" for k, v in pairs)


def multipart(pairs, files):
    boundary = b"fuzzgrens"
    parts = [
        b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, k, v)
        for k, v in pairs
    ] + [
        b'--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
        b"Content-Type: text/html\r\n\r\n%s\r\n" % (boundary, name, filename, content)
        for name, filename, content in files
    ]
    return b"".join(parts) + b"--%s--\r\n" % boundary, "multipart/form-data; boundary=fuzzgrens"


@st.composite
def bodies(draw, pairs, file_names=()):
    """One form body, drawn in one of the ways a browser (or someone else) can send it."""
    kind = draw(st.sampled_from(["urlencoded", "multipart", "charset"]))
    if kind == "multipart":
        files = [
            (name.encode(), draw(values), draw(st.sampled_from([b"<script>1</script>", b""])))
            for name in file_names
        ]
        return multipart(pairs, files)
    text = encode_pairs(pairs)
    if kind == "urlencoded":
        return text.encode(), "application/x-www-form-urlencoded"
    charset = draw(st.sampled_from(CHARSETS))
    body = text.encode("utf-16") if charset == "utf-16" else text.encode()
    return body, f"application/x-www-form-urlencoded; charset={charset}"


@st.composite
def hostile_pairs(draw, pairs, protected=("csrfmiddlewaretoken",)):
    """The form's own fields, all or some with hostile values, and maybe repeated keys."""
    names = sorted({name for name, _ in pairs if name not in protected}) or ["x"]
    # Hypothesis tries the simplest draw first: let that be every field hostile (NUL, then).
    some = draw(st.booleans())
    hostile = set(draw(st.lists(st.sampled_from(names)))) if some else set(names)
    result = [
        (name.encode(), draw(values) if name in hostile else value.encode())
        for name, value in pairs
    ]
    extra_name = st.one_of(st.sampled_from(names).map(str.encode), values)
    return result + draw(st.lists(st.tuples(extra_name, values), max_size=3))


# --- the site ------------------------------------------------------------------------------


def send(client, method, url, body=b"", content_type="application/octet-stream"):
    """One request, undone afterwards: the database rolled back, the cookies put back."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = client.generic(method, url, body, content_type=content_type)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response


def route_of(path):
    try:
        return resolve(path).route
    except Resolver404:
        return None


def local_path(url, base):
    """The path (and query) of a link on this site, or None for another site or a fragment."""
    parts = urlsplit(urljoin("http://testserver" + base, url))
    if parts.netloc != "testserver" or parts.scheme not in ("http", "https"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Page:
    url: str
    status: int
    forms: list
    query_names: set


def crawl(client, start_urls):
    """Follow links and form actions, one page per URL pattern, from the start addresses."""
    pages, queue, query_names = {}, list(start_urls), defaultdict(set)
    while queue:
        url = queue.pop(0)
        route = route_of(urlsplit(url).path)
        if route is None or route in pages:
            continue
        response = send(client, "GET", url)
        assert response.status_code < 500, f"GET {url} as a page to start from"
        parser = PageParser()
        if re.search("html|xml", response.get("Content-Type", "")):
            parser.feed(response.content.decode())
        pages[route] = Page(url, response.status_code, parser.forms, query_names[route])
        for form in parser.forms:
            form.action = local_path(form.action, urlsplit(url).path) or urlsplit(url).path
        for link in [*parser.links, *(form.action for form in parser.forms)]:
            path = local_path(link, urlsplit(url).path)
            if path is None:
                continue
            target, _, query = path.partition("?")
            queue.append(target)
            query_names[route_of(target)] |= {name for name, _ in parse_qsl(query)}
    return pages


# --- who is asking ---------------------------------------------------------------------------


@pytest.fixture
def professional(db):
    return ProfielFactory(gebruiker__username="anna", organisatie=OrganisatieFactory()).gebruiker


def browser(user):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if user:
        client.force_login(user)
    client.get("/account/wachtwoord-vergeten/")  # sets the CSRF cookie the forms belong to
    return client


def addresses_without_links(client, professional):
    """Where no link leads: the browser's own conversation, a trajectory, a reset link."""
    csrf = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    started = client.post("/gesprekstool/nieuw/", csrf)
    gesprek = Gesprek.objects.get(uuid=started.url.split("/")[3])
    Afspraak.objects.create(
        gesprek=gesprek, onderdeel=Onderdeel.objects.first(), wat="Brief", wie="Jij", wanneer="Nu"
    )
    client.post("/gesprekstool/mijn/", {**csrf, "trajectcode": "JR-2026-1"})  # professional only
    uid = urlsafe_base64_encode(str(professional.pk).encode())
    token = default_token_generator.make_token(professional)
    factsheet = Item.objects.published().filter(type=ItemType.FACTSHEET).first()
    return [
        started.url,
        f"{started.url}{Onderdeel.objects.first().slug}/klaar/",
        f"/account/wachtwoord-herstellen/{uid}/{token}/",
        f"{factsheet.get_absolute_url()}pdf/",
    ]


# --- the test --------------------------------------------------------------------------------


def fuzz(check, strategy, examples):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(request):
        check(*request)

    run()


def page_requests(pattern, page):
    """GET with hostile query parameters, or POST a hostile body, to a real or a drawn path."""
    paths = st.from_regex(pattern.regex, fullmatch=True).map(
        lambda path: "/" + quote(path.encode("utf-8", "surrogatepass"), safe="/")
    )
    names = {"q", "page"}
    if page:
        paths = st.one_of(st.just(urlsplit(page.url).path), paths)
        names |= page.query_names | {name for form in page.forms for name, _ in form.fields}
    names = sorted(name.encode() for name in names)
    query = st.one_of(
        st.tuples(*(st.tuples(st.just(name), values) for name in names)).map(list),
        st.lists(st.tuples(st.sampled_from(names), values), max_size=5),
    )
    get = st.builds(lambda path, q: ("GET", f"{path}?{encode_pairs(q)}"), paths, query)
    body = st.lists(st.tuples(values, values), max_size=4).flatmap(bodies)
    post = st.builds(lambda path, b: ("POST", path, *b), paths, body)
    return st.one_of(get, post)


def form_requests(form):
    """The form sent back with hostile values in its fields (its CSRF token stays valid)."""
    pairs = hostile_pairs(form.fields)
    if form.method == "get":
        return pairs.map(lambda p: ("GET", f"{form.action}?{encode_pairs(p)}"))
    body = pairs.flatmap(lambda p: bodies(p, form.files))
    return body.map(lambda b: ("POST", form.action, *b))


@pytest.mark.parametrize("role", ["anoniem", "professional", "redacteur"])
def test_no_request_gets_a_500(request, capsys, professional, role):
    call_command("seed", verbosity=0)
    user = {"professional": professional, "redacteur": request.getfixturevalue("editor")}
    client = browser(user.get(role))
    patterns = list(url_patterns())
    literal = [pattern.literal for pattern in patterns if pattern.literal]
    pages = crawl(client, literal + addresses_without_links(client, professional))
    forms = {
        (form.action, form.method, tuple(name for name, _ in form.fields)): form
        for page in pages.values()
        for form in page.forms
    }
    sent = [len(pages)]

    def check(method, url, body=b"", content_type="application/octet-stream"):
        response = send(client, method, url, body, content_type)
        sent[0] += 1
        assert response.status_code < 500, f"{method} {url[:300]} {content_type} {body[:300]!r}"

    for pattern in patterns:
        fuzz(check, page_requests(pattern, pages.get(pattern.route)), PAGE_EXAMPLES)
    for form in forms.values():
        fuzz(check, form_requests(form), FORM_EXAMPLES)

    answered = sum(page.status == 200 for page in pages.values())
    with capsys.disabled():
        print(
            f"\nfuzz as {role}: {len(patterns)} URL patterns, {len(pages)} with a real address "
            f"({answered} answering 200), {len(forms)} forms, {sent[0]} requests"
        )
