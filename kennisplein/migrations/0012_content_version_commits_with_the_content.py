"""The content version moves on in the same transaction as the change it counts.

0004 counted changes with a sequence. nextval() is not transactional: another process could
read the new number before the change was committed, build its facet index or cache entries
from the old rows and keep them under the new number, stale until the next change. Now the
triggers write the number into a row, which is visible exactly when the change is: a reader that
sees number N also sees the change that drew N. The numbers still come from the sequence, so a
rolled-back change never hands its number to another change.

Writers now take turns on that row for the rest of their transaction. Editors' saves are short,
so that costs nothing noticeable.
"""

from django.db import migrations

SQL = """
CREATE TABLE kennisplein_inhoudsversie (nummer bigint NOT NULL);
INSERT INTO kennisplein_inhoudsversie (nummer) VALUES (nextval('kennisplein_inhoud_versie'));

CREATE OR REPLACE FUNCTION kennisplein_inhoud_gewijzigd() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kennisplein_inhoudsversie SET nummer = nextval('kennisplein_inhoud_versie');
  RETURN NULL;
END $$;
"""

REVERSE_SQL = """
CREATE OR REPLACE FUNCTION kennisplein_inhoud_gewijzigd() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('kennisplein_inhoud_versie');
  RETURN NULL;
END $$;

DROP TABLE kennisplein_inhoudsversie;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("kennisplein", "0011_titel_vector_narrow_rows"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
