"""The "Redacteur" group: what an editor may do in the admin.

Editors manage content. Conversations of the conversation tool are never content, so their
models are deliberately left out of this list.
"""

from django.contrib.auth.models import Group, Permission

EDITOR_GROUP_NAME = "Redacteur"

# app label -> model names whose add/change/delete/view permissions editors get.
EDITOR_CONTENT_MODELS = {
    "kennisplein": ["pijler", "thema", "doelgroep", "item", "bijlage", "synoniem"],
    "herstel": [
        "regio",
        "organisatie",
        "programma",
        "bouwsteen",
        "programmacijfer",
        "project",
        "projectorganisatie",
        "opbrengst",
        "bereik",
        "les",
        "beoogdresultaat",
        "werkplaats",
        "bijeenkomst",
        "symposium",
        "symposiumonderdeel",
        "toegankelijkheidsverklaring",
    ],
    "gesprekstool": ["onderdeel", "stelling", "aanknopingspunt"],
    "werkplaats": ["stellingenset", "setstelling"],
}


# Permissions beyond the content models: read the link check, download and import the content
# package (herstel.redactie_admin). Importing works only on an empty site.
EDITOR_TOOL_PERMISSIONS = {
    "herstel": ["view_linkprobleem", "inhoud_exporteren", "inhoud_importeren"],
}


def editor_permissions():
    permissions = Permission.objects.none()
    for app_label, codenames in EDITOR_TOOL_PERMISSIONS.items():
        permissions |= Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    for app_label, models in EDITOR_CONTENT_MODELS.items():
        permissions |= Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models
        )
    return permissions


def ensure_editor_group(**kwargs):
    """Create or update the editor group; runs after every migrate."""
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP_NAME)
    group.permissions.set(editor_permissions())
    return group
