"""The content version is read through a PL/pgSQL function, whose plan PostgreSQL keeps per
connection (herstel/content_version.py, READER_SQL)."""

from django.db import migrations

from herstel.content_version import READER_SQL


class Migration(migrations.Migration):
    dependencies = [("herstel", "0006_content_version_covers_the_whole_site")]

    operations = [
        migrations.RunSQL(
            READER_SQL, "DROP FUNCTION IF EXISTS kennisplein_inhoudsversie_lezen(timestamptz);"
        )
    ]
