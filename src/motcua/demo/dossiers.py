# SPDX-License-Identifier: AGPL-3.0-or-later
"""Demo dossiers with genuine histories, so that the statistics show real figures (issue 7).

About 180 dossiers over the demo procedures (whose demo versions are in force from 01/09/2026),
received at the two communes' one-stop units and at the provincial centre (for the Department
of Justice), online and at the counter, driven through the REAL dossier services at past moments
(``clock.travel``): early, on-time and late results, supplements, extensions, withdrawals,
cancellations and open ones, some overdue. Deterministic (fixed random seed) and idempotent: a
second run creates nothing. Ends with ``reports.services.aggregates_refresh``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog.demo_data import DEMO_EFFECTIVE_FROM
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.catalog.selectors import procedure_version_in_force
from motcua.core import clock
from motcua.dossiers import services as s
from motcua.dossiers.models import Dossier
from motcua.reports.services import aggregates_refresh
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.selectors import loaded_years

KEY_PREFIX = "demo-stats-"
COUNT = 180
PDF = b"%PDF-1.4\n% motcua demo result\n"


@dataclass(frozen=True)
class Route:
    codes: tuple[str, ...]
    receiving: str
    competent: str
    reception: str
    handler: str
    approver: str


COMMUNE_CODES = ("1.001193", "1.000894", "1.000656", "1.004837", "2.000815", "2.000884")
ROUTES = (
    Route(
        COMMUNE_CODES,
        "commune_tan_ninh_onestop",
        "commune_tan_ninh",
        "tiepnhan.tanninh",
        "xuly.tanninh",
        "lanhdao.tanninh",
    ),
    Route(
        COMMUNE_CODES,
        "commune_tan_bien_onestop",
        "commune_tan_bien",
        "tiepnhan.tanbien",
        "xuly.tanbien",
        "lanhdao.tanbien",
    ),
    Route(
        ("1.001022", "2.000635"), "centre", "justice", "tiepnhan.tinh", "xuly.stp", "lanhdao.stp"
    ),
)
NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Võ Thị Phương",
    "Đặng Văn Giang",
    "Bùi Thị Hoa",
    "Đỗ Văn Khoa",
    "Huỳnh Thị Lan",
)


def _papers(version: ProcedureVersion, rng: random.Random) -> list[s.DocumentIn]:
    rows = RequiredDocument.objects.filter(version=version, requirement="mandatory")
    scanned = rng.random() < 0.3
    return [
        s.DocumentIn(
            component_id=r.pk,
            file=ContentFile(PDF, name=f"giay-to-{r.pk}.pdf"),
            scanned_at_receipt=True,
        )
        if scanned
        else s.DocumentIn(component_id=r.pk, reused_from_data_store=True)
        for r in rows
    ]


def _working_moment(day: dt.date, rng: random.Random) -> dt.datetime:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime(
        day.year,
        day.month,
        day.day,
        rng.choice([8, 9, 10, 14, 15]),
        rng.choice([0, 15, 30, 45]),
        tzinfo=clock.VN_TZ,
    )


class _Demo:
    def __init__(self, agencies: dict[str, Agency], rng: random.Random, now: dt.datetime) -> None:
        self.agencies, self.rng, self.now = agencies, rng, now
        self.users = {u.username: u for u in User.objects.filter(username__contains=".")}

    def at(self, moment: dt.datetime, fn: Any, **kw: Any) -> Dossier:
        with clock.travel(moment):
            return fn(**kw)

    def one(self, i: int, route: Route, received_at: dt.datetime) -> None:
        rng, u = self.rng, self.users
        version = procedure_version_in_force(code=rng.choice(route.codes), on=received_at.date())
        if version is None:
            return
        reception, handler, approver = u[route.reception], u[route.handler], u[route.approver]
        common = {
            "procedure_version": version,
            "receiving_agency": self.agencies[route.receiving],
            "competent_agency": self.agencies[route.competent],
            "idempotency_key": f"{KEY_PREFIX}{i}",
        }
        papers = _papers(version, rng)
        if rng.random() < 0.45:
            citizen = u[rng.choice(["congdan.an", "congdan.binh", "congdan.cuong"])]
            submitted = received_at - dt.timedelta(hours=rng.choice([1, 3, 20]))
            d = self.at(
                submitted,
                s.dossier_submit_online,
                actor=citizen,
                documents=papers,
                applicant=s.ApplicantIn(name=citizen.get_full_name() or "Công dân"),
                **common,
            )
            d = self.at(received_at, s.dossier_receive, actor=reception, dossier=d)
        else:
            applicant = s.ApplicantIn(name=rng.choice(NAMES), phone="0900000000")
            d = self.at(
                received_at,
                s.dossier_receive_at_counter,
                actor=reception,
                documents=papers,
                applicant=applicant,
                channel=rng.choice(["direct", "direct", "direct", "postal"]),
                **common,
            )
        t = received_at + dt.timedelta(minutes=30)
        d = self.at(t, s.dossier_forward, actor=reception, dossier=d)
        self.lifecycle(d, t, reception, handler, approver)

    def lifecycle(
        self, d: Dossier, t: dt.datetime, reception: Any, handler: Any, approver: Any
    ) -> None:
        rng, now = self.rng, self.now
        fate = rng.random()
        if fate < 0.05:
            t += dt.timedelta(hours=2)
            if t < now:
                self.at(t, s.dossier_cancel, actor=reception, dossier=d, reason="Nhập trùng hồ sơ")
            return
        if fate < 0.10:
            t += dt.timedelta(days=1)
            if t < now:
                d = self.at(
                    t,
                    s.dossier_request_withdrawal,
                    actor=reception,
                    dossier=d,
                    reason="Công dân xin rút hồ sơ",
                )
                self.at(t + dt.timedelta(hours=1), s.dossier_stop, actor=reception, dossier=d)
            return
        if fate < 0.25:  # supplement during appraisal
            t += dt.timedelta(hours=rng.choice([3, 20]))
            if t >= now:
                return
            d = self.at(
                t,
                s.dossier_request_supplement,
                actor=handler,
                dossier=d,
                reasons=["Bổ sung bản sao giấy tờ tùy thân có chứng thực"],
            )
            t += dt.timedelta(days=rng.choice([1, 2, 4, 6]))
            if t >= now or rng.random() < 0.15:
                return  # still waiting
            d = self.at(t, s.dossier_supplement_received, actor=reception, dossier=d)
        if d.due_at is not None and rng.random() < 0.06:
            new_due = d.due_at + dt.timedelta(days=3)
            moment = d.due_at - dt.timedelta(days=2)
            if t < moment < now:
                try:
                    d = self.at(
                        moment,
                        s.dossier_extend,
                        actor=handler,
                        dossier=d,
                        reason="Cần xác minh thêm",
                        new_due_at=new_due,
                    )
                except Exception:
                    d = Dossier.objects.get(pk=d.pk)
                t = max(t, moment)
        # Speed: most early or on time, some late (≈15 %), a few still open.
        delay_hours = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6, 6, 8, 10, 14, 30, 50, 96])
        t += dt.timedelta(hours=delay_hours / 2)
        if t >= now:
            return
        d = self.at(t, s.step_complete, actor=handler, dossier=d, outcome="Đủ điều kiện")
        t += dt.timedelta(hours=delay_hours / 2)
        if t >= now or rng.random() < 0.04:
            return  # left with the approver (overdue if the appointment passed)
        d = self.at(t, s.step_complete, actor=approver, dossier=d, outcome="Đồng ý")
        if rng.random() < 0.05:
            d = self.at(
                t,
                s.dossier_reject,
                actor=approver,
                dossier=d,
                reason="Không đủ điều kiện theo quy định",
            )
        else:
            d = self.at(t, s.dossier_approve, actor=approver, dossier=d)
            result = (
                [s.DocumentIn(file=ContentFile(PDF, name="ket-qua.pdf"))]
                if rng.random() < 0.7
                else []
            )
            d = self.at(
                t + dt.timedelta(minutes=20),
                s.dossier_result_ready,
                actor=handler,
                dossier=d,
                documents=result,
            )
        t += dt.timedelta(hours=rng.choice([1, 4, 24]))
        if t < now:
            self.at(t, s.dossier_return_result, actor=reception, dossier=d)


def seed_demo_dossiers(*, agencies: dict[str, Agency], count: int = COUNT) -> int:
    """Create the demo dossiers unless they exist; returns how many were created."""
    if Dossier.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists():
        return 0
    now = clock.now()
    start = DEMO_EFFECTIVE_FROM + dt.timedelta(days=2)  # online ones are submitted earlier
    if now.date() <= start + dt.timedelta(days=7):
        return 0
    needed = set(range(start.year, now.year + 1))
    if not needed <= set(loaded_years()):
        calendar_seed_from_library(years=sorted(needed | {now.year + 1}))
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    span = (now.date() - start).days - 1
    moments = sorted(
        _working_moment(start + dt.timedelta(days=rng.randint(0, span)), rng) for _ in range(count)
    )
    demo = _Demo(agencies, rng, now)
    made = 0
    for i, moment in enumerate(moments):
        if moment >= now:
            continue
        demo.one(i, rng.choice(ROUTES), moment)
        made += 1
    aggregates_refresh()
    return made
