"""Uploaded files: an editor cannot publish a web page from the site's own origin, and whatever
lies in MEDIA_ROOT is served so that a browser never runs it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from herstel.models import Opbrengst
from tests.herstel.test_project_admin import management_forms
from tests.samples import HTML, sample


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def add_project_with_deliverable(client, upload):
    data = {
        "naam": "Nieuw project",
        "slug": "nieuw-project",
        "gepubliceerd": "on",
        "status": "lopend",
        "samenvatting": "Kort.",
        "doel": "Doel.",
        "volgorde": "0",
        **management_forms(opbrengsten=1),
        "opbrengsten-0-titel": "Handreiking",
        "opbrengsten-0-soort": "handreiking",
        "opbrengsten-0-volgorde": "1",
        "opbrengsten-0-bestand": upload,
    }
    return client.post("/beheer/herstel/project/add/", data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("handreiking.html", HTML, "Dit soort bestand kan hier niet"),
        ("handreiking.pdf", HTML, "De inhoud van dit bestand past niet bij .pdf"),
    ],
)
def test_an_editor_cannot_upload_a_web_page_as_a_deliverable(
    editor_client, media, name, content, message
):
    response = add_project_with_deliverable(editor_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200  # the form again, with the message at the file
    assert message in response.content.decode()
    assert not Opbrengst.objects.exists()
    assert not any(media.rglob("*.*"))


def test_a_pdf_deliverable_is_stored_and_linked_from_the_project_page(client, editor_client, media):
    response = add_project_with_deliverable(
        editor_client, SimpleUploadedFile("handreiking.pdf", sample("pdf"))
    )
    assert response.status_code == 302
    url = Opbrengst.objects.get().bestand.url
    assert f'href="{url}"' in client.get("/projecten/nieuw-project/").content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == sample("pdf")


@pytest.mark.parametrize(
    ("path", "content", "content_type", "download"),
    [
        ("projecten/opbrengsten/gids.pdf", sample("pdf"), "application/pdf", True),
        ("kennisplein/bijlagen/tabel.xlsx", sample("xlsx"), None, True),
        ("kennisplein/video/film.mp4", sample("mp4"), "video/mp4", True),
        ("kennisplein/afbeeldingen/foto.png", sample("png"), "image/png", False),
        ("kennisplein/afbeeldingen/foto.jpg", sample("jpg"), "image/jpeg", False),
        # Whatever got there before the upload rules, or by another way:
        ("projecten/opbrengsten/oud.html", HTML, "text/html", True),
        ("kennisplein/afbeeldingen/tekening.svg", b"<svg/>", "image/svg+xml", True),
        ("kennisplein/bijlagen/zonder-extensie", HTML, None, True),
    ],
)
def test_media_are_served_so_a_browser_never_runs_them(
    client, media, path, content, content_type, download
):
    file = media / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content)
    response = client.get(f"/media/{path}")
    assert response.status_code == 200
    if content_type:
        assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert (response.get("Content-Disposition") == "attachment") is download


def test_missing_media_and_folders_are_a_404(client, media):
    (media / "kennisplein").mkdir()
    assert client.get("/media/kennisplein/").status_code == 404
    assert client.get("/media/bestaat-niet.pdf").status_code == 404
    # A path out of MEDIA_ROOT is refused outright.
    assert client.get("/media/../herstel/settings/base.py").status_code == 400
