"""Queries whose SQL the ORM builds once per process: for the few small queries that a page
runs on every request (a conversation's lookup, its answers and agreements).

Building the SQL of even a small QuerySet costs this process more CPU than sending it and
reading the rows (0.6 of 1 ms for a conversation's lookup on the development VM). A
`PreparedQuery` lets the ORM write the SQL once, from the same QuerySet methods the rest of the
code uses (so a rule such as "a live anonymous conversation" is still written once), and then
runs that SQL with each call's own values. Only the SQL text and the places of the values are
kept in the process: no rows, nothing of any visitor.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router


class PreparedQuery:
    """`build(**probes)` returns a QuerySet of plain model rows (no select_related, no
    annotations or deferred fields). It is compiled once, with the probe values; each probe
    must appear among the query's parameters exactly once, and differ from every other value in
    it. Calling the query with the same names returns a list of model instances."""

    def __init__(self, build, **probes):
        self.build = build
        self.probes = probes
        self._compiled = None

    def _compile(self):
        queryset = self.build(**self.probes)
        model = queryset.model
        db = router.db_for_read(model)
        compiler = queryset.query.get_compiler(db)
        sql, params = compiler.as_sql()
        # What the ORM does to a column's value after reading it (JSON is read as text).
        converters = [
            (index, functions, expression)
            for index, (functions, expression) in compiler.get_converters(
                [column for column, _, _ in compiler.select]
            ).items()
        ]
        names = []
        for param in params:
            found = [
                name
                for name, probe in self.probes.items()
                if type(probe) is type(param) and probe == param
            ]
            if len(found) != 1:
                raise ImproperlyConfigured(f"Parameter {param!r} of {sql} is not one probe.")
            names.append(found[0])
        if sorted(names) != sorted(self.probes):
            raise ImproperlyConfigured(f"Not every probe is a parameter of {sql}.")
        fields = [field.attname for field in model._meta.concrete_fields]
        self._compiled = model, db, sql, names, fields, converters
        return self._compiled

    def __call__(self, **values):
        model, db, sql, names, fields, converters = self._compiled or self._compile()
        connection = connections[db]
        with connection.cursor() as cursor:
            cursor.execute(sql, [values[name] for name in names])
            if len(cursor.description) != len(fields):
                raise ImproperlyConfigured(f"{sql} does not select the fields of {model}.")
            rows = cursor.fetchall()
        if converters:
            rows = [list(row) for row in rows]
            for row in rows:
                for index, functions, expression in converters:
                    for function in functions:
                        row[index] = function(row[index], expression, connection)
        return [model.from_db(db, fields, row) for row in rows]
