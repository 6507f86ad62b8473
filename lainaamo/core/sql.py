"""Hand-written statements for the few hot paths where building a query costs more than running it.

Django takes 0.6-3.6 ms here to build a query with joins or EXISTS subqueries, which the
database then answers in well under 0.1 ms. Booking a session is such a path: every request
makes a dozen statements, and on SQLite some of them run while the database's one write lock is
held. Those statements are written out by hand; everything else uses the ORM.

The statements are plain SQL that SQLite and PostgreSQL both accept (`%s` placeholders, quoted
`"start"`/`"end"`); the few differences go through the helpers below. Values are adapted with
the model field's own `get_db_prep_value`, exactly as the ORM would store them.
"""

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models


def value(model: type[models.Model], field: str, python_value: Any) -> Any:
    """The value as the ORM writes it into `model.field` (datetimes in UTC, durations, UUIDs)."""
    return model._meta.get_field(field).get_db_prep_value(python_value, connection)


def one(sql: str, params: Sequence[Any] = ()) -> tuple | None:
    """The first row of the statement's answer, or None."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def run(sql: str, params: Sequence[Any] = ()) -> int:
    """Run a statement that writes; the number of rows it touched."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def for_update() -> str:
    """` FOR UPDATE` where rows can be locked; SQLite's write transaction already locks all."""
    return " FOR UPDATE" if connection.features.has_select_for_update else ""


def hours(end: str, start: str, vendor: str | None = None) -> str:
    """SQL for the hours from the datetime `start` to `end` (SQL expressions), as a float.

    In each database's own arithmetic; `scheduling.models.Hours` compiles through it too.
    """
    if (vendor or connection.vendor) == "postgresql":
        return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)"
    # julianday() is a float of days, a few nanoseconds off: rounded to whole seconds, an hour
    # is exactly 1.0 and a mentor's last hour fits their limit exactly.
    return f"(ROUND((julianday({end}) - julianday({start})) * 86400.0) / 3600.0)"


def partial(model: type[models.Model], **loaded: Any) -> models.Model:
    """An instance with only these fields loaded, as `.only()` gives; the rest load on access.

    For the related rows a hand-written statement reads in the same join (a mentor's name and
    unit): `loaded` maps attribute names (`home_unit_id`) to values already converted.
    """
    names = [field.attname for field in model._meta.concrete_fields if field.attname in loaded]
    if len(names) != len(loaded):
        raise ValueError(f"{model.__name__} has no field {set(loaded) - set(names)}")
    return model.from_db(connection.alias, names, [loaded[name] for name in names])


def insert(instance: models.Model) -> models.Model:
    """Write a new instance's row as `save()` would, in one statement.

    Field defaults and `auto_now_add` apply as in `save()`; signals are not sent (Lainaamo
    connects none to its models). The new primary key is set on the instance.
    """
    fields, statement, returning = _insert_statement(type(instance), connection.vendor)
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(statement, values)
        instance.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    instance._state.adding = False
    instance._state.db = connection.alias
    return instance


@functools.cache
def _insert_statement(model: type[models.Model], vendor: str) -> tuple[list, str, bool]:
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not isinstance(field, models.AutoField)]
    quote = connection.ops.quote_name
    statement = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
        f" VALUES ({', '.join(['%s'] * len(fields))})"
    )
    returning = connection.features.can_return_columns_from_insert
    if returning:
        statement += f" RETURNING {quote(meta.pk.column)}"
    return fields, statement, returning


def update(instance: models.Model, fields: Sequence[str]) -> None:
    """Write these fields of the instance's row as `save(update_fields=...)` would.

    Fields with `auto_now` (an `updated_at`) are written too, as `save()` writes them.
    """
    meta = instance._meta
    chosen = [
        field
        for field in meta.concrete_fields
        if field.name in fields or getattr(field, "auto_now", False)
    ]
    if len({field.name for field in chosen} & set(fields)) != len(set(fields)):
        raise ValueError(f"{meta.object_name} lacks one of the fields {list(fields)}")
    quote = connection.ops.quote_name
    values = [
        field.get_db_prep_save(field.pre_save(instance, False), connection) for field in chosen
    ]
    run(
        f"UPDATE {quote(meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in chosen)}"
        f" WHERE {quote(meta.pk.column)} = %s",
        [*values, instance.pk],
    )


@functools.cache
def columns(model: type[models.Model], alias: str = "") -> str:
    """The model's columns for a hand-written SELECT, each named, as `first` reads them.

    Named rather than `*`: a column a migration adds then changes no statement's result, which
    PostgreSQL requires of a statement a running connection has prepared.
    """
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{field.column}"' for field in model._meta.concrete_fields)


def first(model: type[models.Model], statement: str, params: Sequence[Any] = ()) -> Any:
    """The first instance of `model` the statement reads, or None.

    The statement selects the model's columns (`sql.columns(model)`), converted as the ORM
    converts them; any further columns become attributes of the instance as they come.
    """
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
        if row is None:
            return None
        columns = tuple(column[0] for column in cursor.description)
    return _loader(model, columns, connection.vendor)(row)


@functools.cache
def _loader(
    model: type[models.Model], columns: tuple[str, ...], vendor: str
) -> Callable[[tuple], models.Model]:
    """How to make an instance of `model` from a row with these columns."""
    meta = model._meta
    by_column = {field.column: field for field in meta.concrete_fields}
    missing = set(by_column) - set(columns)
    if missing:
        raise ValueError(f"the statement does not read {sorted(missing)} of {meta.object_name}")
    position = {column: index for index, column in enumerate(columns)}
    own = []  # (index in the row, converters, expression), in the model's field order
    for field in meta.concrete_fields:
        expression = field.get_col(meta.db_table)
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(
            connection
        )
        own.append((position[field.column], converters, expression))
    extra = [(index, column) for index, column in enumerate(columns) if column not in by_column]
    names = [field.attname for field in meta.concrete_fields]
    alias = connection.alias

    def load(row: tuple) -> models.Model:
        values = []
        for index, converters, expression in own:
            value = row[index]
            for converter in converters:
                value = converter(value, expression, connection)
            values.append(value)
        instance = model.from_db(alias, names, values)
        for index, column in extra:
            setattr(instance, column, row[index])
        return instance

    return load
