import json
import zipfile

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from herstel import portability
from herstel.models import Opbrengst, Project
from herstel.portability import content_models
from kennisplein.models import Item, Pijler


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def snapshot():
    """All content, serialised with natural keys: equal snapshots mean equal records and links."""
    records = []
    for model in content_models():
        data = serializers.serialize(
            "python",
            model._base_manager.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        for record in data:
            record.pop("pk", None)
            # A many-to-many link is a set: the database may hand it back in any order.
            fields = record["fields"]
            for name, value in fields.items():
                if isinstance(value, list):
                    fields[name] = sorted(value, key=str)
            records.append(json.dumps(record, sort_keys=True, default=str))
    return sorted(records)


def delete_all_content():
    for model in reversed(content_models()):
        model._base_manager.all().delete()


def test_model_list_comes_from_the_editor_content_models_in_dependency_order(db):
    labels = [model._meta.label_lower for model in content_models()]
    for label in [
        "kennisplein.pijler",
        "kennisplein.item",
        "herstel.project",
        "herstel.bijeenkomst",
    ]:
        assert label in labels
    assert "auth.user" not in labels
    assert labels.index("kennisplein.pijler") < labels.index("kennisplein.item")
    assert labels.index("kennisplein.item") < labels.index("herstel.opbrengst")
    assert labels.index("herstel.project") < labels.index("herstel.opbrengst")
    assert labels.index("herstel.werkplaats") < labels.index("herstel.bijeenkomst")


def test_a_model_another_app_adds_is_exported_too(db, monkeypatch, tmp_path):
    from django.contrib.auth.models import Group

    monkeypatch.setitem(portability.EDITOR_CONTENT_MODELS, "auth", ["group"])
    Group.objects.get_or_create(name="Proefgroep")
    manifest = portability.archive_export(path=tmp_path / "a.zip")
    assert manifest["models"]["auth.group"] >= 1
    content = zipfile.ZipFile(tmp_path / "a.zip").read("content.json").decode()
    assert '"name": "Proefgroep"' in content


def test_round_trip_preserves_every_record_link_and_file(seeded, media_root, tmp_path):
    opbrengst = Opbrengst.objects.get(titel="Handleiding SAVE-begeleiding")
    opbrengst.bestand.save("handleiding.pdf", ContentFile(b"%PDF-1.4 proef"))
    Project.objects.filter(slug="kleinschalige-voorzieningen").update(
        gepubliceerd=False
    )  # drafts too
    before = snapshot()
    assert len(before) > 390

    archive = tmp_path / "inhoud.zip"
    call_command("export_content", str(archive))
    stored_name = Opbrengst.objects.get(pk=opbrengst.pk).bestand.name
    names = zipfile.ZipFile(archive).namelist()
    assert f"media/{stored_name}" in names

    delete_all_content()
    (media_root / stored_name).unlink()
    assert Project.objects.count() == Item.objects.count() == 0

    call_command("import_content", str(archive))
    assert snapshot() == before
    restored = Opbrengst.objects.get(titel="Handleiding SAVE-begeleiding")
    assert restored.bestand.name == stored_name
    assert restored.bestand.read() == b"%PDF-1.4 proef"
    assert restored.item.slug == "save-begeleiding"
    assert not Project.objects.get(slug="kleinschalige-voorzieningen").gepubliceerd


def test_imported_site_serves_the_same_pages(seeded, media_root, tmp_path, client):
    archive = tmp_path / "inhoud.zip"
    portability.archive_export(path=archive)
    page = client.get("/projecten/signs-of-success/").content.decode()
    delete_all_content()
    portability.archive_import(path=archive)
    assert client.get("/projecten/signs-of-success/").content.decode() == page
    # new records get fresh ids after an import (sequences were reset)
    Pijler.objects.create(slug="nieuw", naam="Nieuw", korte_tekst="k", uitleg="u")


def test_import_refuses_a_database_with_content_and_changes_nothing(seeded, tmp_path):
    archive = tmp_path / "inhoud.zip"
    portability.archive_export(path=archive)
    before = snapshot()
    with pytest.raises(CommandError, match="De database is niet leeg"):
        call_command("import_content", str(archive))
    assert snapshot() == before


def test_import_is_all_or_nothing(db, pijlers, media_root, tmp_path):
    portability.archive_export(path=tmp_path / "goed.zip")
    content = json.loads(zipfile.ZipFile(tmp_path / "goed.zip").read("content.json"))
    assert content[0]["model"] == "kennisplein.pijler"
    # a project that refers to a programme that is not in the archive
    content.append(
        {
            "model": "herstel.project",
            "fields": {
                "slug": "x",
                "naam": "x",
                "samenvatting": "x",
                "doel": "x",
                "programma": ["bestaat-niet"],
            },
        }
    )
    broken = tmp_path / "kapot.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("content.json", json.dumps(content))
        archive.writestr(
            "manifest.json", zipfile.ZipFile(tmp_path / "goed.zip").read("manifest.json")
        )
        archive.writestr("media/projecten/nieuw.pdf", b"pdf")
    Pijler.objects.all().delete()

    with pytest.raises(CommandError, match="De inhoud kon niet worden geladen"):
        call_command("import_content", str(broken))
    assert Pijler.objects.count() == 0  # the pillars before the broken record were rolled back
    assert not (media_root / "projecten" / "nieuw.pdf").exists()


def make_archive(path, manifest=None, content="[]", extra=None):
    with zipfile.ZipFile(path, "w") as archive:
        if manifest is not None:
            archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("content.json", content)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


GOOD_MANIFEST = {"format": "werken-aan-herstel-inhoud", "version": 1, "models": {}, "media": []}


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda p: p.write_text("geen zip"), "geen geldig archief"),
        (lambda p: make_archive(p), "manifest of inhoud ontbreekt"),
        (
            lambda p: make_archive(p, {"format": "iets anders"}),
            "geen archief van Werken aan Herstel",
        ),
        (lambda p: make_archive(p, {**GOOD_MANIFEST, "version": 99}), "Archiefversie 99"),
        (
            lambda p: make_archive(p, GOOD_MANIFEST, extra={"media/../../etc/x": b"x"}),
            "ongeldig bestandspad",
        ),
        (lambda p: make_archive(p, GOOD_MANIFEST, content="{kapot"), "kon niet worden geladen"),
        (
            lambda p: make_archive(
                p, GOOD_MANIFEST, content='[{"model": "bestaat.niet", "fields": {}}]'
            ),
            "kon niet worden geladen",
        ),
    ],
)
def test_bad_archives_get_a_clear_dutch_message(db, tmp_path, build, message):
    path = tmp_path / "archief.zip"
    build(path)
    with pytest.raises(CommandError, match=message):
        call_command("import_content", str(path))
    assert Project.objects.count() == 0


def test_missing_archive_file(db, tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_content", str(tmp_path / "weg.zip"))
