"""Indexes for "newest items with this theme/pillar": related items and facet filters."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kennisplein", "0004_search_triggers"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX item_themas_thema_item_idx "
            "ON kennisplein_item_themas (thema_id, item_id DESC);"
            "CREATE INDEX item_pijlers_pijler_item_idx "
            "ON kennisplein_item_pijlers (pijler_id, item_id DESC);"
            "CREATE INDEX item_doelgroepen_doelgroep_item_idx "
            "ON kennisplein_item_doelgroepen (doelgroep_id, item_id DESC);",
            "DROP INDEX item_themas_thema_item_idx;"
            "DROP INDEX item_pijlers_pijler_item_idx;"
            "DROP INDEX item_doelgroepen_doelgroep_item_idx;",
        )
    ]
