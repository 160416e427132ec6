"""The content version (herstel/content_version.py) moves on with changes to projects,
programmes, the conversation tool's texts and the werkplaats sets too, not only the kennisplein:
pages of every part keep rendered fragments under it."""

from django.db import migrations

from herstel.content_version import SITE_TABLES, install_sql, uninstall_sql


class Migration(migrations.Migration):
    dependencies = [
        ("herstel", "0005_opbrengst_link_to_a_page"),
        ("kennisplein", "0005_scheduled_publishing"),
        ("gesprekstool", "0004_gesprek_sessie"),
        ("werkplaats", "0001_initial"),
    ]

    operations = [migrations.RunSQL(install_sql(SITE_TABLES), uninstall_sql(SITE_TABLES))]
