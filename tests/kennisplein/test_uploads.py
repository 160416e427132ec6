"""Every upload field has an allow-list, checked by the file's content and not only its name."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from kennisplein.models import Bijlage, Item, ItemType
from kennisplein.uploads import (
    DOCUMENT_EXTENSIONS,
    IMAGE_EXTENSIONS,
    SUBTITLE_EXTENSIONS,
    VIDEO_EXTENSIONS,
    FileTypeValidator,
)
from tests.samples import HTML, SVG, sample


def upload_fields():
    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def test_every_upload_field_of_the_site_checks_the_content():
    fields = upload_fields()
    assert len(fields) >= 5  # item image, video, captions; attachment; deliverable
    for field in fields:
        checks = [v for v in field.validators if isinstance(v, FileTypeValidator)]
        assert checks, f"{field.model.__name__}.{field.name} takes any file"
        assert not {"html", "htm", "svg", "js", "xml"} & set(checks[0].extensions)


def validate(extensions, name, content):
    """Validate a new upload the way a model form does: an unsaved file on a model."""
    bijlage = Bijlage(bestand=SimpleUploadedFile(name, content))
    FileTypeValidator(extensions)(bijlage.bestand)


ACCEPTED = [
    *((f"bijlage.{kind}", kind, DOCUMENT_EXTENSIONS) for kind in ["pdf", "doc", "docx", "odt"]),
    *((f"tabel.{kind}", kind, DOCUMENT_EXTENSIONS) for kind in ["xlsx", "ods"]),
    *((f"dia.{kind}", kind, DOCUMENT_EXTENSIONS) for kind in ["pptx", "odp"]),
    *((f"foto.{kind}", kind, IMAGE_EXTENSIONS) for kind in ["png", "jpg", "webp"]),
    ("FOTO.JPEG", "jpg", IMAGE_EXTENSIONS),
    ("film.mp4", "mp4", VIDEO_EXTENSIONS),
    ("film.webm", "webm", VIDEO_EXTENSIONS),
    ("film.vtt", "vtt", SUBTITLE_EXTENSIONS),
]


@pytest.mark.parametrize(("name", "kind", "extensions"), ACCEPTED)
def test_real_files_of_an_allowed_type_are_accepted(name, kind, extensions):
    validate(extensions, name, sample(kind))


REFUSED = [
    # (file name, content, allow-list, error code)
    ("pagina.html", HTML, DOCUMENT_EXTENSIONS + IMAGE_EXTENSIONS, "invalid_extension"),
    ("tekening.svg", SVG, IMAGE_EXTENSIONS, "invalid_extension"),
    ("verslag.pdf", HTML, DOCUMENT_EXTENSIONS, "invalid_content"),
    ("foto.png", SVG, IMAGE_EXTENSIONS, "invalid_content"),
    ("foto.png", sample("jpg"), IMAGE_EXTENSIONS, "invalid_content"),
    ("verslag.docx", sample("xlsx"), DOCUMENT_EXTENSIONS, "invalid_content"),
    ("verslag.docx", sample("pdf"), DOCUMENT_EXTENSIONS, "invalid_content"),
    ("oud.doc", HTML, DOCUMENT_EXTENSIONS, "invalid_content"),
    ("film.mp4", sample("webm"), VIDEO_EXTENSIONS, "invalid_content"),
    ("film.vtt", b"<script>alert(1)</script>", SUBTITLE_EXTENSIONS, "invalid_content"),
    ("leeg.pdf", b"", DOCUMENT_EXTENSIONS, "invalid_content"),
    ("zonder-extensie", sample("pdf"), DOCUMENT_EXTENSIONS, "invalid_extension"),
]


@pytest.mark.parametrize(("name", "content", "extensions", "code"), REFUSED)
def test_other_files_are_refused_with_a_dutch_message(name, content, extensions, code):
    with pytest.raises(ValidationError) as refused:
        validate(extensions, name, content)
    assert refused.value.code == code
    message = refused.value.messages[0]
    assert message.startswith(("Dit soort bestand kan hier niet", "De inhoud van dit bestand"))


def test_an_html_attachment_is_refused_on_the_model(pijlers):
    item = Item.objects.create(slug="x", titel="X", samenvatting="Kort.", type=ItemType.TOOL)
    bijlage = Bijlage(item=item, titel="Werkblad", bestand=SimpleUploadedFile("w.pdf", HTML))
    with pytest.raises(ValidationError) as refused:
        bijlage.full_clean()
    assert "bestand" in refused.value.message_dict


def test_a_stored_file_is_not_read_again(pijlers, settings, tmp_path):
    """Files stored before the check (or since moved) do not block editing the item."""
    settings.MEDIA_ROOT = tmp_path
    item = Item.objects.create(slug="x", titel="X", samenvatting="Kort.", type=ItemType.TOOL)
    bijlage = Bijlage(item=item, titel="Werkblad")
    bijlage.bestand.save("werkblad.pdf", ContentFile(sample("pdf")), save=False)
    bijlage.save()
    (tmp_path / bijlage.bestand.name).unlink()
    Bijlage.objects.get().full_clean()
