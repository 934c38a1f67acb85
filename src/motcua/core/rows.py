# SPDX-License-Identifier: AGPL-3.0-or-later
"""Single-row INSERT, UPDATE and SELECT for the hottest write paths, with SQL built once.

Why: a dossier action writes about ten rows (the event, the dossier, its steps). Through
``Model.save()`` each statement is compiled anew by the ORM, about 0.3–0.5 ms of CPU, more than
the database spends executing it; the lifecycle benchmark (issue 5 §11, docs/performance.md)
is bound by that CPU. These helpers build the statement text once per model and column list
and reuse it, while values still go through each field's own ``pre_save`` (``auto_now``) and
``get_db_prep_save`` (JSON, decimals, time zones, per database), exactly as ``save()`` does.

What they do not do: send ``pre_save``/``post_save`` signals, run ``full_clean``, or handle
multi-table inheritance. Use them only for models whose writes go through the services (the
dossier domain), never for models with listeners. Pre: ``obj`` is a plain concrete model.
Post: ``insert_row`` sets ``obj.pk`` and marks it saved; ``update_row`` returns the row count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db import connections
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)

_SQL: dict[tuple[Any, ...], tuple[str, list[Field[Any, Any]]]] = {}
_SELECT: dict[tuple[Any, ...], str] = {}
_CONVERTERS: dict[tuple[Any, ...], list[tuple[int, Any, list[Any]]]] = {}
_ATTNAMES: dict[type[Model], list[str]] = {}


def _quote(using: str, name: str) -> str:
    return str(connections[using].ops.quote_name(name))


def _fields(model: type[Model], names: Iterable[str]) -> list[Field[Any, Any]]:
    meta = model._meta
    return [meta.get_field(n) for n in names]  # type: ignore[misc]


def insert_row(obj: Model, *, using: str = "default") -> Model:
    """``INSERT`` every concrete field of ``obj`` (the auto primary key excepted) and set its pk."""
    model = type(obj)
    conn = connections[using]
    key = ("insert", model, conn.vendor)
    cached = _SQL.get(key)
    if cached is None:
        meta = model._meta
        fields = [
            f
            for f in meta.concrete_fields
            if not (f.primary_key and getattr(f, "db_returning", False))
        ]
        columns = ", ".join(_quote(using, f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {_quote(using, meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - model names
        if conn.features.can_return_columns_from_insert:
            sql += f" RETURNING {_quote(using, meta.pk.column)}"
        cached = _SQL[key] = (sql, fields)
    sql, fields = cached
    values = [f.get_db_prep_save(f.pre_save(obj, True), conn) for f in fields]
    with conn.cursor() as cursor:
        cursor.execute(sql, values)
        if conn.features.can_return_columns_from_insert:
            pk = cursor.fetchone()[0]
        else:  # pragma: no cover - both supported databases return columns
            pk = cursor.lastrowid
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = using
    return obj


def update_row(obj: Model, fields: Sequence[str], *, using: str = "default") -> int:
    """``UPDATE`` the named fields of ``obj`` by primary key (``auto_now`` fields refresh)."""
    model = type(obj)
    conn = connections[using]
    key = ("update", model, conn.vendor, tuple(fields))
    cached = _SQL.get(key)
    if cached is None:
        meta = model._meta
        chosen = _fields(model, fields)
        sets = ", ".join(f"{_quote(using, f.column)} = %s" for f in chosen)
        table, pk = _quote(using, meta.db_table), _quote(using, meta.pk.column)
        sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"  # noqa: S608 - model names
        cached = _SQL[key] = (sql, chosen)
    sql, chosen = cached
    values = [f.get_db_prep_save(f.pre_save(obj, False), conn) for f in chosen]
    with conn.cursor() as cursor:
        cursor.execute(sql, [*values, obj.pk])
        return int(cursor.rowcount)


def _converters(model: type[Model], using: str) -> list[tuple[int, Any, list[Any]]]:
    """(position, column, converters) of each concrete field that needs conversion on read,
    exactly what the ORM compiler applies (SQLite datetimes and decimals, JSON), built once."""
    conn = connections[using]
    key = (model, using, conn.vendor)
    found = _CONVERTERS.get(key)
    if found is None:
        found = []
        for i, f in enumerate(model._meta.concrete_fields):
            col = f.get_col(model._meta.db_table)
            funcs = [*conn.ops.get_db_converters(col), *col.get_db_converters(conn)]
            if funcs:
                found.append((i, col, funcs))
        _CONVERTERS[key] = found
    return found


def _attnames(model: type[Model]) -> list[str]:
    found = _ATTNAMES.get(model)
    if found is None:
        found = _ATTNAMES[model] = [f.attname for f in model._meta.concrete_fields]
    return found


def from_row(model: type[M], values: Sequence[Any], *, using: str = "default") -> M:
    """An instance of ``model`` from a row of all its concrete columns, in field order."""
    conn = connections[using]
    row = list(values)
    for i, col, funcs in _converters(model, using):
        for func in funcs:
            row[i] = func(row[i], col, conn)
    # All concrete fields in order: ``from_db`` reads the values positionally.
    return model.from_db(using, _attnames(model), row)


def select_rows(
    model: type[M], where: str, params: Sequence[Any], *, order_by: str = "", using: str = "default"
) -> list[M]:
    """Instances of ``model`` matching a fixed ``where`` clause (columns quoted by the caller,
    values as ``%s``), built with ``from_row`` like a queryset would."""
    conn = connections[using]
    key = ("select", model, conn.vendor, where, order_by)
    sql = _SELECT.get(key)
    if sql is None:
        meta = model._meta
        columns = ", ".join(_quote(using, f.column) for f in meta.concrete_fields)
        sql = f"SELECT {columns} FROM {_quote(using, meta.db_table)} WHERE {where}"  # noqa: S608
        if order_by:
            sql += f" ORDER BY {order_by}"
        _SELECT[key] = sql
    with conn.cursor() as cursor:
        cursor.execute(sql, list(params))
        return [from_row(model, raw, using=using) for raw in cursor.fetchall()]
