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

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import connections
from django.db.models import Field, Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

from motcua.core.prepared import prepared_cursor

M = TypeVar("M", bound=Model)

_SQL: dict[tuple[Any, ...], tuple[str, list[Any]]] = {}
_SELECT: dict[tuple[Any, ...], str] = {}
_CONVERTERS: dict[tuple[Any, ...], list[tuple[int, Any, list[Any]]]] = {}
_ATTNAMES: dict[type[Model], list[str]] = {}


_LITERAL = re.compile(r"[A-Za-z0-9_.-]*")


def sql_literal(value: str) -> str:
    """``value`` (an enum value of our own models, never user input) as a SQL string literal.

    For fixed values in prepared statements: PostgreSQL plans a prepared statement once for all
    parameter values (a generic plan), so a bound state value loses the selectivity and the
    partial indexes a constant gives the planner. Only plain identifier-like text is accepted.
    """
    text = str(getattr(value, "value", value))
    if not _LITERAL.fullmatch(text):
        raise ValueError(f"not a plain constant: {text!r}")
    return f"'{text}'"


def _quote(using: str, name: str) -> str:
    return str(connections[using].ops.quote_name(name))


def _fields(model: type[Model], names: Iterable[str]) -> list[Field[Any, Any]]:
    meta = model._meta
    return [meta.get_field(n) for n in names]  # type: ignore[misc]


def insert_row(obj: Model, *, using: str = "default") -> Model:
    """``INSERT`` every concrete field of ``obj`` (the auto primary key excepted) and set its pk."""
    insert_rows([obj], using=using)
    return obj


def insert_row_unless_taken(obj: Model, *, using: str = "default") -> bool:
    """``insert_row``, or nothing when a unique constraint already holds such a row: False then.

    ``INSERT … ON CONFLICT DO NOTHING`` (PostgreSQL; SQLite ≥ 3.35 with ``RETURNING``): the
    statement itself absorbs the clash, so the transaction needs no savepoint around it (two
    round trips fewer than catching ``IntegrityError``). On PostgreSQL a clash with a row still
    being inserted by another transaction waits for that transaction, then does nothing if it
    committed. Post: when True, ``obj`` has its key; when False, nothing was written.
    """
    conn = connections[using]
    sql, fields = insert_statement(type(obj), conn, 1, on_conflict_nothing=True)
    with prepared_cursor(using) as cursor:
        cursor.execute(sql, insert_values([obj], fields, conn))
        row = cursor.fetchone()
    if row is None:
        return False
    inserted([obj], [row[0]], using)
    return True


def insert_rows(objs: Sequence[Model], *, using: str = "default") -> None:
    """``insert_row`` for several objects of one model in ONE statement (one per count).

    Post: each object has its primary key, in order: both databases return the rows of a
    multi-row ``INSERT … RETURNING`` in ``VALUES`` order, as ``bulk_create`` relies on too.
    """
    if not objs:
        return
    conn = connections[using]
    sql, fields = insert_statement(type(objs[0]), conn, len(objs))
    with prepared_cursor(using) as cursor:
        cursor.execute(sql, insert_values(objs, fields, conn))
        if conn.features.can_return_columns_from_insert:
            pks = [row[0] for row in cursor.fetchall()]
        else:  # pragma: no cover - both supported databases return columns
            pks = [cursor.lastrowid]
    inserted(objs, pks, using)


def insert_statement(
    model: type[Model], conn: Any, count: int, *, on_conflict_nothing: bool = False
) -> tuple[str, list[Any]]:
    """(SQL, fields) of an ``INSERT`` of ``count`` rows of ``model``, returning the keys."""
    key = ("insert", model, conn.vendor, count, on_conflict_nothing)
    cached = _SQL.get(key)
    if cached is None:
        meta, using = model._meta, conn.alias
        fields = [
            f
            for f in meta.concrete_fields
            if not (f.primary_key and getattr(f, "db_returning", False))
        ]
        columns = ", ".join(_quote(using, f.column) for f in fields)
        marks = ", ".join([f"({', '.join(['%s'] * len(fields))})"] * count)
        sql = f"INSERT INTO {_quote(using, meta.db_table)} ({columns}) VALUES {marks}"  # noqa: S608 - model names
        if on_conflict_nothing:
            sql += " ON CONFLICT DO NOTHING"
        if conn.features.can_return_columns_from_insert:
            sql += f" RETURNING {_quote(using, meta.pk.column)}"
        cached = _SQL[key] = (sql, fields)
    return cached


def insert_values(objs: Sequence[Model], fields: Sequence[Any], conn: Any) -> list[Any]:
    """The parameters of ``objs``, as ``save()`` prepares them (``pre_save`` then DB prep)."""
    return [f.get_db_prep_save(f.pre_save(obj, True), conn) for obj in objs for f in fields]


def inserted(objs: Sequence[Model], pks: Sequence[Any], using: str) -> None:
    """Mark ``objs`` saved with their new keys, as ``save()`` leaves them."""
    for obj, pk in zip(objs, pks, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = using


def update_row(obj: Model, fields: Sequence[str], *, using: str = "default") -> int:
    """``UPDATE`` the named fields of ``obj`` by primary key (``auto_now`` fields refresh)."""
    conn = connections[using]
    sql, chosen = update_statement(type(obj), conn, fields)
    with prepared_cursor(using) as cursor:
        cursor.execute(sql, update_values(obj, chosen, conn))
        return int(cursor.rowcount)


def update_statement(model: type[Model], conn: Any, fields: Sequence[str]) -> tuple[str, list[Any]]:
    """(SQL, fields) of an ``UPDATE`` of the named fields of one ``model`` row by key."""
    key = ("update", model, conn.vendor, tuple(fields))
    cached = _SQL.get(key)
    if cached is None:
        meta, using = model._meta, conn.alias
        chosen = _fields(model, fields)
        sets = ", ".join(f"{_quote(using, f.column)} = %s" for f in chosen)
        table, pk = _quote(using, meta.db_table), _quote(using, meta.pk.column)
        sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"  # noqa: S608 - model names
        cached = _SQL[key] = (sql, chosen)
    return cached


def update_values(obj: Model, fields: Sequence[Any], conn: Any) -> list[Any]:
    """The parameters of an ``update_statement``: the fields' values (``auto_now`` refreshed),
    then the key."""
    return [*(f.get_db_prep_save(f.pre_save(obj, False), conn) for f in fields), obj.pk]


def _converters(model: type[Model], conn: Any) -> list[tuple[int, Any, list[Any]]]:
    """(position, column, converters) of each concrete field that needs conversion on read,
    exactly what the ORM compiler applies (SQLite datetimes and decimals, JSON), built once."""
    key = (model, conn.alias, conn.vendor)
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
    return _from_row(model, values, connections[using])


def _from_row(model: type[M], values: Sequence[Any], conn: Any) -> M:
    row = list(values)
    for i, col, funcs in _converters(model, conn):
        for func in funcs:
            row[i] = func(row[i], col, conn)
    names = _attnames(model)
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return model.from_db(conn.alias, names, row)
    # What ``Model.__init__`` does with one positional value per concrete field, less its
    # generic argument handling (a third of the cost of reading a dossier): every attname is a
    # plain instance attribute (foreign keys by ``*_id``; file fields' descriptors read the
    # instance dict too), and nobody listens to the init signals of this model.
    obj = model.__new__(model)
    obj.__dict__.update(zip(names, row, strict=True))
    state = obj._state = ModelState()
    state.adding, state.db = False, conn.alias
    return obj


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
    with prepared_cursor(using) as cursor:
        cursor.execute(sql, list(params))
        return [_from_row(model, raw, conn) for raw in cursor.fetchall()]


_EXISTS: dict[tuple[Any, ...], tuple[str, list[Any], int]] = {}
# Stands for the one varying value while a query is compiled; never a real key.
_SENTINEL = -7_406_281_935


def exists_for(
    name: str, build: Callable[[Any], QuerySet[Any]], value: Any, *, using: str = "default"
) -> bool:
    """``build(value).exists()``, with the ORM's SQL compiled once per ``name`` and vendor.

    Why: the queryset states a rule once (``drafts.papers_to_keep``) but compiling it costs
    more CPU on every call than the database spends answering it. ``build`` is called once
    with a sentinel integer in place of ``value``; the compiled statement is kept and run with
    the sentinel's parameter replaced by ``value`` (a prepared statement on PostgreSQL).
    Pre: ``build`` uses its argument only as one integer parameter (an id) and is otherwise
    constant; the sentinel must appear among the parameters exactly once.
    """
    conn = connections[using]
    key = (name, conn.vendor, using)
    cached = _EXISTS.get(key)
    if cached is None:
        query = build(_SENTINEL).query.exists(limit=True)
        sql, params = query.get_compiler(using=using).as_sql()
        where = [i for i, p in enumerate(params) if p == _SENTINEL]
        if len(where) != 1:
            raise ValueError(f"{name}: the varying value must be one parameter")
        cached = _EXISTS[key] = (sql, list(params), where[0])
    sql, params, at = cached
    bound = list(params)
    bound[at] = value
    with prepared_cursor(using) as cursor:
        cursor.execute(sql, bound)
        return cursor.fetchone() is not None
