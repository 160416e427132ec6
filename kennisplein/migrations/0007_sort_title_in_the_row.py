"""The A-Z sort key in the item's own row, never in the TOAST table.

With toast_tuple_target 128 (migration 0006) a long item's short values go to the TOAST table
too, sort_title among them; a list sorted A-Z with filters then fetched it back for every
comparison of its sort (10 x the buffers: 130 ms at 100,000 items). A title is short.
Rows written from now on keep it in the row; after migrating a large database run
`VACUUM FULL kennisplein_item` once to move it back for every row.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kennisplein", "0006_tag_ids_on_item"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE kennisplein_item ALTER COLUMN sort_title SET STORAGE PLAIN",
            "ALTER TABLE kennisplein_item ALTER COLUMN sort_title SET STORAGE EXTENDED",
        ),
    ]
