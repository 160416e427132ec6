"""Real servers for tests and benchmarks that need more than Django's test client: gunicorn
processes, a Redis, and a small browser (cookies, forms, uploads) that talks HTTP to them.

Used by tests/herstel/test_two_servers.py, tests/herstel/test_restore_drill.py and
bench/soak.py. Nothing here is mocked: every request goes through a socket to gunicorn.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_host(settings_dict):
    """The server's host, or the socket folder of the project-local PostgreSQL (in OPTIONS)."""
    return settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host") or "localhost"


def database_url(settings_dict):
    """A DATABASE_URL for the database Django is connected to (also a socket folder)."""
    host = database_host(settings_dict)
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    name = settings_dict["NAME"]
    if host.startswith("/"):
        return f"postgres://{credentials}/{name}?host={quote(host)}"
    return f"postgres://{credentials}{host}:{settings_dict['PORT'] or 5432}/{name}"


def wait_for(url, *, timeout=90, process=None):
    """Until GET url answers 200; fails early when the server process has died."""
    deadline = time.monotonic() + timeout
    parts = urlsplit(url)
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server stopped with exit code {process.returncode}")
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            connection.request("GET", parts.path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer 200 within {timeout} s")


class Redis:
    """Debian's redis-server on a free port with a data folder of its own, nothing saved."""

    def __init__(self, binary):
        self.folder = tempfile.mkdtemp(prefix="herstel-redis-")
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.folder]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = f"redis://127.0.0.1:{self.port}/0"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise TimeoutError("redis-server did not start")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)
        shutil.rmtree(self.folder, ignore_errors=True)


def redis_for_tests():
    """(url, stop): the machine's Redis when REDIS_URL is set, else one started here, else None."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"], lambda: None
    binary = shutil.which("redis-server")
    if binary is None:
        return None, None
    redis = Redis(binary)
    return redis.url, redis.stop


class AppServer:
    """One gunicorn server, as one host would run it: its own temporary folder (TMPDIR, cache
    folder), the shared database, cache and media from `env`."""

    def __init__(self, name, env, *, workers=2, settings="herstel.settings.dev"):
        self.name = name
        self.tmp = tempfile.mkdtemp(prefix=f"herstel-host-{name}-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(self.tmp) / "server.log"
        full_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TMPDIR": self.tmp,
            "CACHE_DIR": str(Path(self.tmp) / "cache"),
            **env,
        }
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [GUNICORN, "herstel.wsgi", "--bind", f"127.0.0.1:{self.port}"]
                + ["--workers", str(workers), "--log-level", "warning"],
                cwd=BASE_DIR,
                env=full_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for(self.url + "/readyz", process=self.process)
        except Exception:
            print(self.log.read_text(errors="replace")[-4000:])
            self.stop()
            raise

    def worker_pids(self):
        """The gunicorn workers (children of the master), for memory figures."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        shutil.rmtree(self.tmp, ignore_errors=True)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("location", "")


class Browser:
    """One visitor: its own cookies, talking to whichever server it is given."""

    def __init__(self):
        self.cookies = {}

    def request(self, server_url, method, path, *, fields=None, files=None, headers=None):
        parts = urlsplit(server_url)
        send = {"Host": f"{parts.hostname}:{parts.port}", **(headers or {})}
        if self.cookies:
            send["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            send["Referer"] = server_url + path
            if "csrftoken" in self.cookies:
                send.setdefault("X-CSRFToken", self.cookies["csrftoken"])
            if files:
                body, content_type = multipart(fields or [], files)
            else:
                body, content_type = (
                    urlencode(fields or [], doseq=True).encode(),
                    ("application/x-www-form-urlencoded"),
                )
            send["Content-Type"] = content_type
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=send)
            answer = connection.getresponse()
            response = Response(
                answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
            )
            for header in answer.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
        finally:
            connection.close()
        return response

    def get(self, server_url, path, **kwargs):
        return self.request(server_url, "GET", path, **kwargs)

    def post(self, server_url, path, fields, **kwargs):
        return self.request(server_url, "POST", path, fields=fields, **kwargs)

    def submit(self, server_url, path, changes=None, *, form_id=None, files=None):
        """GET the page, fill in its form as a browser would send it (with `changes`), POST it."""
        page = self.get(server_url, path)
        assert page.status == 200, (path, page.status)
        fields = form_fields(page.text, form_id=form_id)
        for name, value in (changes or {}).items():
            fields = [(k, v) for k, v in fields if k != name]
            values = value if isinstance(value, list) else [value]
            fields += [(name, v) for v in values]
        return self.post(server_url, path, fields, files=files)


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    lines = []
    for name, value in fields:
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"'.encode(),
            b"",
            str(value).encode(),
        ]
    for name, (filename, content, content_type) in files.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
            f"Content-Type: {content_type}".encode(),
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.done = False
        self.fields = []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done:
            wanted = self.form_id is None and (attrs.get("method") or "").lower() == "post"
            self.in_form = wanted or attrs.get("id") == self.form_id
            return
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
            elif kind not in ("file", "submit", "button", "reset", "image"):
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None


def form_fields(html, *, form_id=None):
    """The fields a browser would send for the form (by id, else the first POST form)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.fields
