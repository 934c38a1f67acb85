# SPDX-License-Identifier: AGPL-3.0-or-later
"""The only source of "now" in motcua.

Everything is timezone-aware in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). Tests move time
with time-machine, which patches the functions used here.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Set only by ``travel`` (demo seeding and benchmarks build genuine past histories through the
# real services); None everywhere else, so production time is the system clock.
_TRAVEL: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "motcua_clock_travel", default=None
)


def now() -> dt.datetime:
    """Return the current moment, aware, in Asia/Ho_Chi_Minh."""
    moment = _TRAVEL.get()
    if moment is not None:
        return moment
    return dt.datetime.now(tz=VN_TZ)


@contextlib.contextmanager
def travel(moment: dt.datetime) -> Iterator[None]:
    """Within the block (this thread/task only) ``now()`` returns ``moment``, frozen.

    For demo seeding and benchmarks only: time-machine is a development dependency and cannot be
    used at run time. Nested blocks restore the outer moment on exit.
    """
    if moment.tzinfo is None:
        raise ValueError("naive datetime: motcua only handles timezone-aware moments")
    token = _TRAVEL.set(moment.astimezone(VN_TZ))
    try:
        yield
    finally:
        _TRAVEL.reset(token)


def today() -> dt.date:
    """Return the current calendar date in Vietnam (not in UTC)."""
    return now().date()


def localize(moment: dt.datetime) -> dt.datetime:
    """Convert an aware datetime to Vietnam time; reject naive ones (they are bugs)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: motcua only handles timezone-aware moments")
    return moment.astimezone(VN_TZ)
