# SPDX-License-Identifier: AGPL-3.0-or-later
"""Drive dossiers through the real services at chosen moments (tests of the statistics)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from motcua.core import clock
from motcua.dossiers import services as s
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World, at
from motcua.reports.periods import Period

__all__ = ["at"]


MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31), "month")


def at_moment(moment: dt.datetime, fn: Any, **kw: Any) -> Dossier:
    with clock.travel(moment):
        return fn(**kw)  # type: ignore[no-any-return]


def receive(w: World, moment: dt.datetime, channel: str = "direct") -> Dossier:
    with clock.travel(moment):
        d = s.dossier_receive_at_counter(documents=w.docs(), **w.counter_kw(channel=channel))
        return s.dossier_forward(actor=w.reception, dossier=d)


def finish(w: World, d: Dossier, moment: dt.datetime, *, return_too: bool = True) -> Dossier:
    with clock.travel(moment):
        for actor in (w.handler, w.handler, w.approver):
            d = s.step_complete(actor=actor, dossier=d, outcome="ok")
        d = s.dossier_approve(actor=w.approver, dossier=d)
        d = s.dossier_result_ready(actor=w.handler, dossier=d)
        if return_too:
            d = s.dossier_return_result(actor=w.reception, dossier=d)
    return d


def supplement(w: World, d: Dossier, asked: dt.datetime, given: dt.datetime | None) -> Dossier:
    with clock.travel(asked):
        d = s.dossier_request_supplement(actor=w.handler, dossier=d, reasons=["Thiếu bản sao"])
    if given is not None:
        with clock.travel(given):
            d = s.dossier_supplement_received(actor=w.reception, dossier=d)
    return d


def withdraw(w: World, d: Dossier, moment: dt.datetime) -> Dossier:
    with clock.travel(moment):
        d = s.dossier_request_withdrawal(actor=w.reception, dossier=d, reason="Rút")
        return s.dossier_stop(actor=w.reception, dossier=d)


def random_mix(w: World, rng: random.Random, n: int, start: dt.datetime) -> list[Dossier]:
    """``n`` dossiers with a random mix of lifecycle actions over ~2 months after ``start``."""
    out = []
    for _ in range(n):
        t0 = start + dt.timedelta(days=rng.randint(0, 50), hours=rng.randint(0, 7))
        d = receive(w, t0, rng.choice(["direct", "online", "postal"]))
        fate = rng.random()
        t = t0 + dt.timedelta(days=rng.randint(1, 3))
        if fate < 0.25:
            given = t + dt.timedelta(days=rng.randint(1, 5)) if rng.random() < 0.8 else None
            d = supplement(w, d, t, given)
            if given is not None and rng.random() < 0.7:
                d = finish(w, d, given + dt.timedelta(days=rng.randint(0, 12)))
        elif fate < 0.35:
            d = withdraw(w, d, t)
        elif fate < 0.45:
            d = at_moment(t, s.dossier_cancel, actor=w.reception, dossier=d, reason="Nhập trùng")
        elif fate < 0.85:
            d = finish(
                w, d, t + dt.timedelta(days=rng.randint(0, 12)), return_too=rng.random() < 0.8
            )
        out.append(d)
    return out
