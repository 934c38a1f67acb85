# SPDX-License-Identifier: AGPL-3.0-or-later
"""``field__in_literal=(...)``: an ``IN`` (or ``=``) whose constants are written into the SQL.

Why: SQLite uses a partial index only when the query repeats the index's condition with the
same constants, and it cannot see through bound parameters (``status IN (?, ?)`` never matches
``WHERE status IN ('a', 'b')``); Django binds every value. The inboxes filter on fixed states
from the transition table (``dossiers.workflow.engine``) to reach their partial indexes
(docs/performance.md). Only for constants written in our code, never for user input: the values
are quoted (``'`` doubled) but are not parameters.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Lookup


class InLiteral(Lookup):  # type: ignore[type-arg]
    lookup_name = "in_literal"
    prepare_rhs = False
    can_use_none_as_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", []

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, params = self.process_lhs(compiler, connection)
        values = [str(v) for v in self.rhs]
        if not values:
            raise ValueError("in_literal needs at least one value")
        quoted = ["'" + v.replace("'", "''") + "'" for v in values]
        if len(quoted) == 1:
            return f"{lhs} = {quoted[0]}", list(params)
        return f"{lhs} IN ({', '.join(quoted)})", list(params)


def register() -> None:
    CharField.register_lookup(InLiteral)
