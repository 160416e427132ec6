"""Two changes for a kennisplein of 100,000 items.

The items' tag ids on their own rows for the facets, kept by triggers, with the covering index
item_facetten_idx in place of item_status_soort_idx. The SQL comes from tag_ids.py, where it
is written once; it is idempotent, so running it again is harmless.

Narrow item rows (toast_tuple_target 128: every long value goes to the TOAST table, rows
shrink from ~2 KB to ~1 KB; the tag arrays stay in the row, storage PLAIN): a search for a
word in most items reads each hit's row, 2,540 pages at 10,000 items before, 1,177 after. Set
before the arrays
are filled, as that update rewrites every row. The rows are not moved closer together by a
migration: after migrating a large database run `VACUUM FULL kennisplein_item` once.
"""

from django.db import migrations

from kennisplein import tag_ids


class Migration(migrations.Migration):
    dependencies = [
        ("kennisplein", "0005_scheduled_publishing"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="item", name="item_status_soort_idx"),
        migrations.RunSQL(
            "ALTER TABLE kennisplein_item SET (toast_tuple_target = 128)",
            "ALTER TABLE kennisplein_item RESET (toast_tuple_target)",
        ),
        migrations.RunSQL(tag_ids.install_sql(), tag_ids.uninstall_sql()),
    ]
