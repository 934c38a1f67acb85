# SPDX-License-Identifier: AGPL-3.0-or-later
"""The simulation behind ``bench/generate.py``: one dossier's life as the services write it.

Each dossier walks the transition table with the services' rules and payloads: online
submission (≈40 %) or counter intake, supplement at receipt (≈6 %), refusal (≈2 %), receipt
(code from the per-agency daily counter with the rule set in force that day, appointment and
forwarding deadline from ``workcal``), forwarding (hand-off step by the 15:00 rule), the pinned
template's process steps (land: the tax and cadastral branches in parallel), supplement during
appraisal (≈8 %; so some dossiers have 2 requests), financial obligation (land), extension
(≈3 %), rejection (≈2 %), withdrawal and stop, cancellation; ≈10 % finish late. The walk stops
at the generator's "now", so recent dossiers are still open (some overdue). Events are
hash-chained with ``dossiers.events.event_hash`` (``manage.py dossier_verify`` passes).

Simplifications (documented in docs/performance.md): every dossier pins the demo version of its
procedure (in reality dossiers before its effective date pin the imported one), no papers
(``DossierDocument``) or outbox rows are written, steps are never assigned or returned.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random
from types import SimpleNamespace
from typing import Any

from _common import BulkWriter

from motcua.agencies.models import Agency, AgencyKind, RoleAssignment
from motcua.catalog.constants import PerformerKind, VersionOrigin, VersionStatus
from motcua.catalog.demo_data import DEMO
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.core.clock import VN_TZ
from motcua.dossiers.events import event_hash
from motcua.dossiers.models import Dossier, DossierCounter, DossierEvent, DossierStep, RuleSet
from motcua.dossiers.services._common import time_limit
from motcua.dossiers.services.codes import code_format
from motcua.dossiers.services.pinned import parts_of
from motcua.dossiers.services.routing import tax_split_hours
from motcua.dossiers.workflow import deadlines as wd
from motcua.dossiers.workflow.engine import State, national_status
from motcua.workcal.deadlines import add_working_time, classify, normalise_start
from motcua.workcal.selectors import calendar_snapshot

FIRST_DAY = dt.datetime(2024, 1, 1, tzinfo=VN_TZ)
D_FIELDS = [f.attname for f in Dossier._meta.concrete_fields]
E_FIELDS = [f.attname for f in DossierEvent._meta.concrete_fields]
S_FIELDS = [f.attname for f in DossierStep._meta.concrete_fields]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Đức", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoa", "Lan", "Mai", "Nam", "Phúc", "Tâm", "Vy", "Yến"]
REASONS = ["Thiếu bản sao giấy tờ tùy thân", "Tờ khai chưa ký", "Sai thông tin thửa đất"]


class Later(Exception):
    """The next action of the walked dossier lies after the generator's "now"."""


@dataclass
class Totals:
    dossiers: int = 0
    events: int = 0
    steps: int = 0
    online: int = 0
    late: int = 0
    supplements: int = 0
    two_supplements: int = 0
    extended: int = 0
    financial: int = 0
    overdue: int = 0
    states: Counter[str] = field(default_factory=Counter)


@dataclass
class Route:
    """One procedure as offered at one one-stop: where it is received and decided."""

    version: ProcedureVersion
    receiving: Agency
    competent: Agency
    weight: float
    land: bool


class World:
    """What the generator reads once: procedures, agencies, actors, rule sets, calendars."""

    routes: list[Route]
    weights: list[float]
    actors: dict[tuple[int, str], int]
    citizens: list[int]
    rule_sets: list[RuleSet]
    calendars: dict[int, Any]
    tax: Agency
    land_office: Agency
    next_ids: dict[str, int]
    counters: dict[tuple[int, dt.date], int]

    @classmethod
    def load(cls) -> World:
        w = cls()
        by_code = {
            v.procedure.code: v
            for v in ProcedureVersion.objects.select_related("procedure").filter(
                origin=VersionOrigin.DEMO, status=VersionStatus.PUBLISHED
            )
        }
        agencies = {a.identifier: a for a in Agency.objects.all()}
        kinds: dict[str, list[Agency]] = {}
        for a in sorted(agencies.values(), key=lambda a: a.path):
            kinds.setdefault(a.kind, []).append(a)
        centre = kinds[AgencyKind.SERVICE_CENTRE][0]
        onestops = kinds.get(AgencyKind.ONE_STOP_UNIT, [centre])
        w.tax = kinds[AgencyKind.TAX_AUTHORITY][0]
        w.land_office = kinds[AgencyKind.LAND_REGISTRATION_OFFICE][0]
        departments = {a.identifier: a for a in kinds.get(AgencyKind.DEPARTMENT, [])}
        construction = departments.get("000.00.03.H99", next(iter(departments.values())))
        w.routes = []
        for spec in DEMO:
            version = by_code.get(spec.code)
            if version is None:
                continue
            share = {"civil": 4.0, "cert": 6.0, "residence": 3.0, "business": 1.5}
            if spec.family in ("land", "construction"):
                competent = w.land_office if spec.family == "land" else construction
                weight = 2.0 if spec.family == "land" else 0.7
                w.routes.append(Route(version, centre, competent, weight, spec.family == "land"))
                continue
            for one in onestops:  # commune procedures: each commune's one-stop unit
                commune = one.get_parent() or one
                w.routes.append(Route(version, one, commune, share.get(spec.family, 1.0), False))
        if not w.routes:
            raise SystemExit("no published demo procedures: run seed_demo first")
        w.weights = [r.weight for r in w.routes]
        w.actors = {}
        for ra in RoleAssignment.objects.select_related("agency").order_by("id"):
            if ra.agency_id is not None:
                w.actors.setdefault((ra.agency_id, ra.role), ra.user_id)
        from django.contrib.auth import get_user_model

        users = get_user_model().objects
        admin = users.filter(is_superuser=True).order_by("id").values_list("id", flat=True)
        w.actors[(0, "")] = admin.first() or users.order_by("id").values_list("id", flat=True)[0]
        w.citizens = list(
            users.filter(is_staff=False, is_superuser=False).values_list("id", flat=True)[:50]
        ) or [w.actors[(0, "")]]
        w.rule_sets = list(RuleSet.objects.order_by("valid_from"))
        w.calendars = {a.pk: calendar_snapshot(agency=a) for a in agencies.values()}
        w.next_ids = {
            m._meta.label: (m.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
            for m in (Dossier, DossierEvent, DossierStep)
        }
        w.counters = {(c.agency_id, c.day): c.last for c in DossierCounter.objects.all().iterator()}
        return w

    def actor(self, agency: Agency, role: str) -> int:
        return self.actors.get((agency.pk, role)) or self.actors[(0, "")]

    def rule_set(self, day: dt.date) -> RuleSet:
        found = [r for r in self.rule_sets if r.valid_from <= day]
        return found[-1]

    def new_id(self, label: str) -> int:
        pk = self.next_ids[label]
        self.next_ids[label] = pk + 1
        return pk


def writer() -> BulkWriter:
    return BulkWriter([Dossier, DossierEvent, DossierStep])


def iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _hours(rng: Random, lo: float, hi: float) -> Decimal:
    return Decimal(round(rng.uniform(lo, hi) * 4) / 4 or 0.25)


class Life:
    """One dossier being walked; ``emit`` refuses anything after ``now`` (the walk stops)."""

    def __init__(self, w: World, rng: Random, route: Route, pk: int, now: dt.datetime) -> None:
        self.w, self.rng, self.route, self.now = w, rng, route, now
        self.cal = w.calendars[route.receiving.pk]
        self.events: list[list[Any]] = []
        self.steps: list[dict[str, Any]] = []
        self.d: dict[str, Any] = {}
        self.pk = pk
        self.head = ""
        self.state = State.SUBMITTED

    def until(self, at: dt.datetime) -> None:
        """Stop the walk (before any change) when ``at`` is still in the future."""
        if at > self.now:
            raise Later

    def emit(
        self, at: dt.datetime, type: str, actor: int | None, agency: Agency | None, **p: Any
    ) -> None:
        self.until(at)
        seq = len(self.events) + 1
        digest = event_hash(
            dossier_id=self.pk,
            seq=seq,
            type=type,
            actor_id=actor,
            agency_id=agency.pk if agency else None,
            occurred_at=at,
            payload=p,
            prev_hash=self.head,
        )
        pk = self.w.new_id("dossiers.DossierEvent")
        agency_id = agency.pk if agency else None
        self.events.append([pk, self.pk, seq, type, actor, agency_id, at, p, self.head, digest])
        self.head = digest
        self.d["updated_at"] = at

    def move(self, state: State) -> None:
        self.state = state
        self.d["version"] += 1

    def step(self, **values: Any) -> dict[str, Any]:
        row = {
            "id": self.w.new_id("dossiers.DossierStep"),
            "dossier_id": self.pk,
            "template_id": None,
            "order": 0,
            "parallel_group": "",
            "is_lead": False,
            "assignee_id": None,
            "status": "open",
            "due_at": None,
            "finished_at": None,
            "outcome": "",
            "note": "",
            "sla_class": "",
            "watch_mark": "",
        }
        row.update(values)
        self.steps.append(row)
        return row


def simulate(life: Life, submitted: dt.datetime, channel: str, totals: Totals) -> None:
    """Walk one dossier from submission towards its end; stops (Later) at ``now``."""
    w, rng, r, d, cal = life.w, life.rng, life.route, life.d, life.cal
    reception = w.actor(r.receiving, "reception_officer")
    applicant = d["applicant_id"]
    rs = w.rule_set(submitted.date())
    at = submitted
    if channel in ("online", "kiosk"):
        life.emit(at, "submitted", applicant, r.receiving, channel=channel)
        at = add_working_time(cal, at, _hours(rng, 0.25, 12), "working_hour")
    else:
        d["version"] = 1  # counter intake: no event until the check
    if rng.random() < 0.06:  # incomplete: one complete list of what is missing (Mẫu 02)
        reasons = rng.sample(REASONS, rng.randint(1, 2))
        life.emit(
            at,
            "supplement_requested_at_receipt",
            reception,
            r.receiving,
            reasons=reasons,
            form=rs.forms.get("supplement_request", ""),
        )
        life.move(State.RECEIPT_SUPPLEMENT)
        d["receipt_supplements"] += 1
        totals.supplements += 1
        at = add_working_time(cal, at, rng.randint(4, 40), "working_hour")
        life.emit(at, "supplemented_at_receipt", applicant or reception, None, documents=1)
        life.move(State.SUBMITTED)
        at = add_working_time(cal, at, _hours(rng, 0.25, 4), "working_hour")
    if rng.random() < 0.02:
        reason = "Hồ sơ không thuộc thẩm quyền giải quyết"
        life.emit(
            at, "refused", reception, r.receiving, reason=reason, form=rs.forms.get("refusal", "")
        )
        life.move(State.REFUSED)
        return
    _receive(life, at, reception, totals)
    _process(life, reception, totals)


def _receive(life: Life, at: dt.datetime, reception: int, totals: Totals) -> None:
    w, r, d, cal = life.w, life.route, life.d, life.cal
    rs = w.rule_set(at.date())
    day = at.astimezone(VN_TZ).date()
    key = (r.receiving.pk, day)
    number = w.counters.get(key, 0) + 1
    code = code_format(rs.code_pattern, agency=r.receiving.identifier, day=day, number=number)
    if at > life.now:
        raise Later
    w.counters[key] = number
    d.update(rule_set_id=rs.pk, received_at=at, code=code)
    d["counting_from"] = normalise_start(cal, at)
    amount, unit = time_limit(SimpleNamespace(**d, procedure_version=r.version))
    d["time_limit_amount"], d["time_limit_unit"] = amount, unit
    d["due_at"] = wd.appointment(cal, at, amount, unit)
    d["forward_due_at"] = wd.forward_due(cal, at, rs.forward_cutoff)
    before_tax, _after = tax_split_hours(SimpleNamespace(procedure_version=r.version))
    if before_tax is not None:
        d["tax_transfer_due_at"] = add_working_time(cal, at, before_tax, "working_hour")
    life.emit(
        at,
        "received",
        reception,
        r.receiving,
        code=code,
        counting_from=iso(d["counting_from"]),
        due_at=iso(d["due_at"]),
        forward_due_at=iso(d["forward_due_at"]),
        tax_transfer_due_at=iso(d["tax_transfer_due_at"]),
        rule_set=rs.code,
        form=rs.forms.get("receipt", ""),
    )
    life.move(State.RECEIVED)


def _batches(life: Life) -> list[list[Any]]:
    """The template steps after receipt, grouped: a parallel group opens all its branches."""
    steps = [
        s for s in parts_of(life.route.version).steps if s.performer != PerformerKind.ONE_STOP_UNIT
    ]
    out: list[list[Any]] = []
    for s in sorted(steps, key=lambda s: (s.order, s.branch)):
        if out and s.parallel_group and out[-1][0].parallel_group == s.parallel_group:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def _agency_of(life: Life, t: Any) -> Agency:
    if t.performer == PerformerKind.TAX_AUTHORITY:
        return life.w.tax
    if t.performer == PerformerKind.LAND_REGISTRATION_OFFICE:
        return life.w.land_office
    if t.performer == PerformerKind.FIXED_AGENCY and t.agency is not None:
        return t.agency  # type: ignore[no-any-return]
    return life.route.competent


def _open(life: Life, batch: list[Any], at: dt.datetime) -> list[dict[str, Any]]:
    opened = []
    for t in batch:
        agency = _agency_of(life, t)
        due = add_working_time(life.w.calendars[agency.pk], at, t.norm_amount, t.norm_unit)
        lead = bool(t.parallel_group) and t.branch == min(x.branch for x in batch)
        opened.append(
            life.step(
                template_id=t.pk,
                kind="process",
                order=t.order,
                name=t.name_vi,
                parallel_group=t.parallel_group,
                is_lead=lead,
                agency_id=agency.pk,
                agency=agency,
                role=t.role,
                started_at=at,
                due_at=due,
            )
        )
    return opened


def _process(life: Life, reception: int, totals: Totals) -> None:
    w, rng, r, d, cal = life.w, life.rng, life.route, life.d, life.cal
    received = d["received_at"]
    fwd_due = d["forward_due_at"]
    # The finish is planned first (≈10 % after the appointment), the steps share the way there.
    late = rng.random() < 0.04  # plus the rejections and the stretch into the next session
    due = d["due_at"] or add_working_time(cal, received, 5)
    share = rng.uniform(1.05, 1.8) if late else 0.15 + 0.8 * rng.betavariate(2, 2)
    target = received + (due - received) * share
    if rng.random() < 0.004:  # stalled: still open long after its appointment (overdue)
        target = max(target, life.now + dt.timedelta(days=30))
    span = max((min(fwd_due, target) - received).total_seconds(), 60.0)
    at = received + dt.timedelta(seconds=span * rng.uniform(0.05, 0.6))
    if rng.random() < 0.05:  # forwarded late
        at = add_working_time(cal, fwd_due, _hours(rng, 0.5, 8), "working_hour")
    if at > life.now:
        raise Later
    hand_off = life.step(
        kind="forward",
        name="Chuyển hồ sơ",
        agency_id=r.receiving.pk,
        agency=r.receiving,
        role="reception_officer",
        assignee_id=reception,
        started_at=received,
        due_at=fwd_due,
        finished_at=at,
        status="done",
        outcome="forwarded",
        sla_class="late" if at > fwd_due else "on_time",
    )
    batches = _batches(life)
    opened = _open(life, batches[0], at) if batches else []
    d["sub_state"] = "to_assign"
    life.emit(
        at,
        "forwarded",
        reception,
        r.receiving,
        to=r.competent.identifier,
        forward_due_at=iso(fwd_due),
        on_time=hand_off["sla_class"] == "on_time",
        steps=[s["id"] for s in opened],
    )
    life.move(State.PROCESSING)
    handler = w.actor(r.competent, "handler")
    approver = w.actor(r.competent, "approver")
    fate = rng.random()
    weights = [max(float(max(t.norm_amount for t in b)), 0.1) for b in batches]
    for n in range(len(batches)):
        before = at
        if n == 0 and rng.random() < 0.08:
            at = _supplement(life, at, handler, reception, totals)
        if r.land and n == 1 and rng.random() < 0.7:
            at = _financial(life, at, handler, totals)
        target += at - before  # the clock was stopped meanwhile
        if n == len(batches) - 1 and fate < 0.02:
            _finish_reject(life, at, approver)
            return
        if n == len(batches) - 1 and fate < 0.05 and not d["extended"]:
            at = _extend(life, at, handler, totals)
        ends = []
        end = at + (target - at) * 0.85 * weights[n] / sum(weights[n:])
        for s in opened:
            s_cal = w.calendars[s["agency_id"]]
            jitter = (end - at) * rng.uniform(-0.1, 0.1)
            s_at = normalise_start(s_cal, max(end + jitter, at + dt.timedelta(minutes=5)))
            ends.append((s_at, s["id"], s))
        ends.sort(key=lambda e: (e[0], e[1]))
        for k, (s_at, _pk, s) in enumerate(ends):
            life.until(s_at)
            s.update(status="done", finished_at=s_at, outcome="ok")
            s["sla_class"] = "late" if s_at > s["due_at"] else "on_time"
            at = s_at
            last = k == len(ends) - 1
            nxt = _open(life, batches[n + 1], at) if last and n + 1 < len(batches) else []
            d["sub_state"] = "in_progress" if (nxt or not last) else "awaiting_decision"
            actor = w.actor(s["agency"], s["role"])
            life.emit(
                at,
                "step_completed",
                actor,
                s["agency"],
                step=s["id"],
                name=s["name"],
                outcome="ok",
                on_time=s["sla_class"] != "late",
                opened=[x["id"] for x in nxt],
            )
            life.move(State.PROCESSING)
            opened = nxt if nxt else opened
        if fate > 0.995 and n == 0:
            _withdraw(life, at, reception)
            return
    at = normalise_start(cal, at + (max(target, at) - at) * 0.5)
    life.until(at)
    d["outcome"], d["sub_state"] = "approved", "preparing_result"
    life.emit(at, "approved", approver, r.competent)
    life.move(State.APPROVED)
    at = normalise_start(cal, max(target, at + dt.timedelta(minutes=10)))
    life.until(at)
    info = _close(life, at)
    due = d["due_at"]
    early = due is not None and at.astimezone(VN_TZ).date() < due.astimezone(VN_TZ).date()
    d["early_return_notice"] = early
    life.emit(
        at, "result_ready", handler, r.competent, documents=0, early_return_notice=early, **info
    )
    life.move(State.RESULT_READY)
    _return(life, at, reception)


def _close(life: Life, at: dt.datetime) -> dict[str, Any]:
    d = life.d
    d["finished_at"] = at
    if d["due_at"] is not None:
        d["sla_class"] = classify(life.cal, d["due_at"], finished_at=at).value
    for s in life.steps:
        if s["status"] == "open":
            s.update(status="cancelled", finished_at=at, outcome="closed")
    return {"finished_at": iso(at), "sla_class": d["sla_class"]}


def _return(life: Life, at: dt.datetime, reception: int) -> None:
    d = life.d
    at = add_working_time(life.cal, at, _hours(life.rng, 1, 24), "working_hour")
    if at > life.now:
        raise Later
    d["returned_at"] = at
    early = d["due_at"] is not None and at < d["due_at"]
    life.emit(
        at,
        "returned",
        reception,
        life.route.receiving,
        early=early,
        notice_given=d["early_return_notice"],
    )
    life.move(State.RETURNED)


def _finish_reject(life: Life, at: dt.datetime, approver: int) -> None:
    at = add_working_time(life.cal, at, _hours(life.rng, 1, 16), "working_hour")
    if at > life.now:
        raise Later
    life.d["outcome"] = "rejected"
    info = _close(life, at)
    reason = "Không đủ điều kiện theo quy định"
    life.emit(at, "rejected", approver, life.route.competent, reason=reason, **info)
    life.move(State.RESULT_READY)
    _return(life, at, life.w.actor(life.route.receiving, "reception_officer"))


def _withdraw(life: Life, at: dt.datetime, reception: int) -> None:
    d, r = life.d, life.route
    at = add_working_time(life.cal, at, _hours(life.rng, 0.5, 8), "working_hour")
    life.emit(at, "withdrawal_requested", d["applicant_id"] or reception, r.receiving, reason="")
    life.move(State.WITHDRAWAL_REQUESTED)
    at = add_working_time(life.cal, at, _hours(life.rng, 0.5, 8), "working_hour")
    life.until(at)
    info = _close(life, at)
    d["outcome"] = "stopped"
    rs = life.w.rule_set(d["received_at"].date())
    life.emit(at, "stopped", reception, r.receiving, form=rs.forms.get("stop_notice", ""), **info)
    life.move(State.STOPPED)


def _recompute(life: Life) -> None:
    d = life.d
    if not d["extended"]:
        d["due_at"] = wd.appointment(
            life.cal,
            d["received_at"],
            d["time_limit_amount"],
            d["time_limit_unit"],
            pauses=wd.pauses_from_json(d["pauses"]),
            restart_at=d["restart_at"],
        )


def _supplement(life: Life, at: dt.datetime, handler: int, reception: int, totals: Totals) -> Any:
    w, rng, r, d, cal = life.w, life.rng, life.route, life.d, life.cal
    rs = next(x for x in w.rule_sets if x.pk == d["rule_set_id"])
    if rs.supplement_scope == "per_dossier" and d["receipt_supplements"]:
        return at  # Decree 118/2025: one request per dossier
    at = add_working_time(cal, at, _hours(rng, 1, 30), "working_hour")
    late = at > add_working_time(cal, d["counting_from"], rs.supplement_warning_working_days)
    reasons = rng.sample(REASONS, 1)
    life.until(at)
    d["appraisal_supplements"] += 1
    d["sub_state"] = "late_supplement_request" if late else ""
    d["paused_since"] = at
    life.emit(
        at,
        "supplement_requested",
        handler,
        r.competent,
        reasons=reasons,
        late_request=late,
        clock=rs.supplement_clock,
        form=rs.forms.get("supplement_request", ""),
    )
    life.move(State.APPRAISAL_SUPPLEMENT)
    totals.supplements += 1
    totals.two_supplements += d["receipt_supplements"] > 0
    at = add_working_time(cal, at, rng.randint(8, 80), "working_hour")
    life.until(at)
    old = d["due_at"]
    restart = rs.supplement_clock == "restart"
    if restart:
        d["restart_at"] = at
    else:
        d["pauses"] = [*d["pauses"], wd.pause_to_json(d["paused_since"], at)]
    _resume(life, at)
    d["sub_state"] = "supplement_received"
    life.emit(
        at,
        "supplement_received",
        reception,
        r.receiving,
        old_due_at=iso(old),
        due_at=iso(d["due_at"]),
        documents=1,
        restarted=restart,
    )
    life.move(State.PROCESSING)
    return at


def _resume(life: Life, at: dt.datetime) -> None:
    """End the pause: the appointment and the open steps' deadlines recomputed."""
    d = life.d
    if at > life.now:
        raise Later
    d["paused_since"] = None
    _recompute(life)
    pauses = wd.pauses_from_json(d["pauses"])
    for s in life.steps:
        if s["status"] == "open" and s["template_id"] is not None:
            restart_at = d["restart_at"]
            restart = restart_at if restart_at and restart_at > s["started_at"] else None
            norm = next(t for t in parts_of(life.route.version).steps if t.pk == s["template_id"])
            s["due_at"] = add_working_time(
                life.w.calendars[s["agency_id"]],
                s["started_at"],
                norm.norm_amount,
                norm.norm_unit,
                pauses=pauses,
                restart_at=restart,
            )


def _financial(life: Life, at: dt.datetime, handler: int, totals: Totals) -> Any:
    rng, r, d, cal = life.rng, life.route, life.d, life.cal
    amount = rng.randrange(500_000, 80_000_000, 1000)
    life.until(at)
    d["paused_since"] = at
    life.emit(
        at,
        "financial_requested",
        handler,
        r.competent,
        amount_vnd=amount,
        tax_transfer_due_at=iso(d["tax_transfer_due_at"]),
    )
    life.move(State.FINANCIAL_PENDING)
    totals.financial += 1
    paid = add_working_time(cal, at, rng.randint(4, 120), "working_hour")
    life.until(paid)
    old = d["due_at"]
    d["pauses"] = [*d["pauses"], wd.pause_to_json(at, paid)]
    _resume(life, paid)
    change: dict[str, Any] = {"old_due_at": iso(old), "due_at": iso(d["due_at"])}
    _before, after = tax_split_hours(SimpleNamespace(procedure_version=r.version))
    if not d["extended"]:
        d["due_at"] = add_working_time(cal, paid, after, "working_hour")
        change.update(due_at=iso(d["due_at"]), appointment=2)
    life.emit(paid, "financial_paid", handler, r.competent, proof="Biên lai nộp thuế", **change)
    life.move(State.PROCESSING)
    return paid


def _extend(life: Life, at: dt.datetime, handler: int, totals: Totals) -> Any:
    d, r = life.d, life.route
    due = d["due_at"]
    if due is None or wd.working_time_between(life.cal, at, due) < dt.timedelta(hours=8):
        return at  # too late to extend (at least one working day before the appointment)
    old, new = due, add_working_time(life.cal, due, life.rng.randint(1, 5), "working_day")
    life.until(at)
    d["due_at"], d["extended"] = new, True
    rs = next(x for x in life.w.rule_sets if x.pk == d["rule_set_id"])
    life.emit(
        at,
        "extended",
        handler,
        r.competent,
        reason="Cần xác minh thêm",
        old_due_at=iso(old),
        due_at=iso(new),
        form=rs.forms.get("apology", ""),
    )
    life.move(State.PROCESSING)
    totals.extended += 1
    return at


def _secret(rng: Random) -> str:
    return base64.urlsafe_b64encode(rng.randbytes(16))[:22].decode()


def _name(rng: Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def new_dossier(w: World, rng: Random, totals: Totals, now: dt.datetime) -> Life:
    route = rng.choices(w.routes, w.weights)[0]
    pk = w.new_id("dossiers.Dossier")
    life = Life(w, rng, route, pk, now)
    span = (now - FIRST_DAY).total_seconds()
    moment = FIRST_DAY + dt.timedelta(seconds=rng.random() ** 0.9 * span)  # slight growth
    x = rng.random()
    channel = "online" if x < 0.4 else "direct" if x < 0.9 else "postal" if x < 0.95 else "kiosk"
    if channel != "online":
        # At the counter: a moment spread over the working day's office hours (not the session
        # start, where normalising a random moment would put most of them).
        day = dt.datetime.combine(moment.date(), dt.time(0), tzinfo=VN_TZ)
        opening = normalise_start(life.cal, day)
        minutes = Decimal(rng.randrange(1, 470)) / 60
        moment = add_working_time(life.cal, opening, minutes, "working_hour")
    totals.online += channel == "online"
    online = channel in ("online", "kiosk")
    parts = parts_of(route.version)
    case_ids = _CASES.get(route.version.pk)
    if case_ids is None:
        case_ids = _CASES[route.version.pk] = list(route.version.cases.values_list("pk", flat=True))
    life.d = {
        "id": pk,
        "created_at": moment,
        "updated_at": moment,
        "code": None,
        "version": 1,
        "procedure_version_id": route.version.pk,
        "case_id": rng.choice(case_ids) if case_ids and rng.random() < 0.3 else None,
        "rule_set_id": w.rule_set(moment.date()).pk,
        "applicant_id": rng.choice(w.citizens) if online else None,
        "applicant_kind": "person",
        "applicant_name": _name(rng),
        "applicant_id_number": f"0720{rng.randrange(10**8):08d}",
        "applicant_phone": f"09{rng.randrange(10**8):08d}",
        "applicant_email": f"u{pk}@example.vn" if online else "",
        "applicant_address": "Tây Ninh",
        "summary": "",
        "eform_data": {},
        "channel": channel,
        "receiving_agency_id": route.receiving.pk,
        "competent_agency_id": route.competent.pk,
        "status": "",
        "sub_state": "",
        "national_status": 1,
        "outcome": "",
        "fees_due_vnd": parts.fees_vnd,
        "submitted_at": moment,
        "received_at": None,
        "counting_from": None,
        "restart_at": None,
        "pauses": [],
        "paused_since": None,
        "time_limit_amount": None,
        "time_limit_unit": "",
        "due_at": None,
        "tax_transfer_due_at": None,
        "forward_due_at": None,
        "finished_at": None,
        "returned_at": None,
        "extended": False,
        "receipt_supplements": 0,
        "appraisal_supplements": 0,
        "early_return_notice": False,
        "sla_class": "",
        "watch_mark": "",
        "lookup_secret": _secret(rng),
        "idempotency_scope": "",
        "idempotency_key": "",
        "event_seq": 0,
        "event_hash": "",
    }
    with contextlib.suppress(Later):
        simulate(life, moment, channel, totals)
    return life


_CASES: dict[int, list[int]] = {}


def generate(
    w: World, out: BulkWriter, rng: Random, count: int, batch: int, totals: Totals
) -> Iterator[int]:
    now = clock.now()
    for i in range(1, count + 1):
        life = new_dossier(w, rng, totals, now)
        d = life.d
        d["status"] = life.state.value
        d["national_status"] = national_status(life.state)
        d["event_seq"], d["event_hash"] = len(life.events), life.head
        d["version"] = max(d["version"], 1)
        running = life.state in (State.RECEIVED, State.PROCESSING, State.APPROVED)
        if running and d["due_at"] and d["due_at"] < now:
            totals.overdue += 1
            d["watch_mark"] = "overdue"
        if d["sla_class"] == "late":
            totals.late += 1
        totals.states[d["status"]] += 1
        out.add("dossiers.Dossier", [d[f] for f in D_FIELDS])
        for e in life.events:
            out.add("dossiers.DossierEvent", e)
        for s in life.steps:
            out.add("dossiers.DossierStep", [s[f] for f in S_FIELDS])
        totals.dossiers += 1
        totals.events += len(life.events)
        totals.steps += len(life.steps)
        if i % batch == 0 or i == count:
            out.flush()
            yield i


def finish(out: BulkWriter, w: World) -> None:
    """Counters (so later receipts continue the daily sequences) and the id sequences."""
    from django.db import transaction

    out.sequences_reset()
    with transaction.atomic():
        DossierCounter.objects.filter(
            agency_id__in={a for a, _d in w.counters}, day__in={d for _a, d in w.counters}
        ).delete()
        DossierCounter.objects.bulk_create(
            [DossierCounter(agency_id=a, day=d, last=n) for (a, d), n in w.counters.items()],
            batch_size=5000,
        )
    if out.vendor == "postgresql":
        with out.connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = origin")
            cursor.execute("ANALYZE")
    else:
        with out.connection.cursor() as cursor:
            cursor.execute("ANALYZE")
