# SPDX-License-Identifier: AGPL-3.0-or-later
"""The only source of "now" in motcua.

Everything is timezone-aware in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). Tests move time
with time-machine, which patches the functions used here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> dt.datetime:
    """Return the current moment, aware, in Asia/Ho_Chi_Minh."""
    return dt.datetime.now(tz=VN_TZ)


def today() -> dt.date:
    """Return the current calendar date in Vietnam (not in UTC)."""
    return now().date()


def localize(moment: dt.datetime) -> dt.datetime:
    """Convert an aware datetime to Vietnam time; reject naive ones (they are bugs)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: motcua only handles timezone-aware moments")
    return moment.astimezone(VN_TZ)
