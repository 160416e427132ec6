"""The content version's reader keeps one generic plan instead of planning each call again
(herstel/content_version.py, READER_SQL)."""

from django.db import migrations

from herstel.content_version import READER_SQL


class Migration(migrations.Migration):
    dependencies = [("herstel", "0007_content_version_read_by_a_function")]

    operations = [migrations.RunSQL(READER_SQL, migrations.RunSQL.noop)]
