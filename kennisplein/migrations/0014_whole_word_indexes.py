"""GIN indexes for searching whole words in titles and summaries, stop words included.

Dutch full-text search drops very common words ("een", "hebben"); a query of only such words is
looked for as whole words in the title and summary instead (kennisplein/search.py). Without an
index that read every row (0.4 s with 100,000 items); with these it is an index lookup. The
expressions must stay exactly as search.WHOLE_WORD_HITS_SQL writes them.
"""

from django.db import migrations

SQL = """
CREATE INDEX item_woorden_gin ON kennisplein_item
 USING gin (to_tsvector('simple', kennisplein_fold(titel || ' ' || samenvatting)));
CREATE INDEX item_titelwoorden_gin ON kennisplein_item
 USING gin (to_tsvector('simple', kennisplein_fold(titel)));
"""

REVERSE_SQL = """
DROP INDEX item_woorden_gin;
DROP INDEX item_titelwoorden_gin;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("kennisplein", "0013_drop_facet_id_arrays"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
