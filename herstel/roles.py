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
    ],
    "gesprekstool": ["onderdeel", "stelling", "aanknopingspunt"],
    "werkplaats": ["stellingenset", "setstelling"],
}


def editor_permissions():
    permissions = Permission.objects.none()
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
