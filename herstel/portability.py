"""A portable archive of all editor content, so another region can start its own portal.

The archive is a zip with `manifest.json`, `content.json` (a Django fixture with natural keys)
and `media/<path>` for every uploaded file the content refers to. The model list comes from
`herstel.roles.EDITOR_CONTENT_MODELS`, so content models that other apps add are included
without changes here.
"""

import datetime
import json
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .roles import EDITOR_CONTENT_MODELS

FORMAT = "werken-aan-herstel-inhoud"
FORMAT_VERSION = 1
CONTENT_NAME = "content.json"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's JSON encoder cuts times to milliseconds; an archive keeps them exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """Something is wrong with the archive or the database; the message is for the user."""


def content_models():
    """Every editor content model, ordered so that what a model refers to comes first."""
    app_list = []
    for app_label, model_names in EDITOR_CONTENT_MODELS.items():
        app_config = apps.get_app_config(app_label)
        app_list.append(
            (app_config, [app_config.get_model(model_name) for model_name in model_names])
        )
    return serializers.sort_dependencies(app_list, allow_cycles=False)


def _file_fields(model):
    return [field for field in model._meta.fields if isinstance(field, models.FileField)]


def _objects(model):
    # The base manager: every record, also drafts that a custom default manager might hide.
    return model._base_manager.order_by("pk")


def archive_export(*, path):
    """Write all content and its media to a zip at `path`. Returns the manifest."""
    ordered = content_models()
    counts, media, missing = {}, set(), []

    def all_objects():
        for model in ordered:
            counts[model._meta.label_lower] = 0
            fields = _file_fields(model)
            for obj in _objects(model).iterator():
                counts[model._meta.label_lower] += 1
                for field in fields:
                    name = getattr(obj, field.attname).name
                    if name:
                        media.add(name)
                yield obj

    records = serializers.serialize(
        "python",
        all_objects(),
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    content = json.dumps(records, cls=FullPrecisionEncoder, indent=1, ensure_ascii=False)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONTENT_NAME, content)
        for name in sorted(media):
            if not default_storage.exists(name):
                missing.append(name)
                continue
            with default_storage.open(name, "rb") as source:
                archive.writestr(MEDIA_PREFIX + name, source.read())
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "models": counts,
            "media": sorted(set(media) - set(missing)),
            "missing_media": missing,
        }
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def _safe_media_name(name):
    """The storage name for an archive member, or an error for anything outside media/."""
    relative = name[len(MEDIA_PREFIX) :]
    parts = PurePosixPath(relative).parts
    if not relative or relative.startswith("/") or ".." in parts or "\\" in relative:
        raise ArchiveError(f"Het archief bevat een ongeldig bestandspad: {name}")
    return relative


def _read_archive(path, name):
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise ArchiveError(f"Het bestand {name} bestaat niet.") from error
    except (zipfile.BadZipFile, IsADirectoryError) as error:
        raise ArchiveError(f"{name} is geen geldig archief (geen zip-bestand).") from error
    with archive:
        try:
            return _read_members(archive)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
            # A damaged member, an unknown compression method or a password-protected file.
            raise ArchiveError(
                f"{name} is beschadigd of versleuteld en kan niet worden gelezen."
            ) from e


def _read_members(archive):
    names = set(archive.namelist())
    if MANIFEST_NAME not in names or CONTENT_NAME not in names:
        raise ArchiveError(
            "Dit is geen archief van Werken aan Herstel: manifest of inhoud ontbreekt."
        )
    try:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    except (ValueError, UnicodeDecodeError) as error:
        raise ArchiveError("Het manifest in het archief is onleesbaar.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("Dit is geen archief van Werken aan Herstel.")
    if manifest.get("version") != FORMAT_VERSION:
        raise ArchiveError(
            f"Archiefversie {manifest.get('version')} wordt niet ondersteund "
            f"(deze website leest versie {FORMAT_VERSION})."
        )
    media = {
        _safe_media_name(member): archive.read(member)
        for member in names
        if member.startswith(MEDIA_PREFIX) and not member.endswith("/")
    }
    return manifest, archive.read(CONTENT_NAME), media


def non_empty_models():
    return [
        model._meta.verbose_name_plural for model in content_models() if _objects(model).exists()
    ]


def archive_import(*, path, name=None):
    """Load an archive into an empty database, all or nothing. Returns the manifest.

    `path` is a file name or an open binary file (an upload in the admin); `name` is what error
    messages call it."""
    manifest, content, media = _read_archive(path, name or path)
    filled = non_empty_models()
    if filled:
        raise ArchiveError(
            "De database is niet leeg (er zijn al "
            + ", ".join(str(name) for name in filled)
            + "). Importeren kan alleen in een lege database, zodat er niets wordt overschreven."
        )
    for name, data in media.items():
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as existing:
                if existing.read() != data:
                    raise ArchiveError(
                        f"Er staat al een ander bestand op {name}; het wordt niet overschreven."
                    )
    written = []
    try:
        with transaction.atomic():
            with tempfile.TemporaryDirectory() as folder:
                fixture = Path(folder) / CONTENT_NAME
                fixture.write_bytes(content)
                try:
                    call_command("loaddata", str(fixture), verbosity=0)
                except Exception as error:
                    raise ArchiveError(f"De inhoud kon niet worden geladen: {error}") from error
            for name, data in media.items():
                if default_storage.exists(name):
                    continue
                saved = default_storage.save(name, ContentFile(data))
                written.append(saved)
                if saved != name:
                    raise ArchiveError(
                        f"Het bestand {name} kon niet onder zijn eigen naam worden opgeslagen."
                    )
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    return manifest
