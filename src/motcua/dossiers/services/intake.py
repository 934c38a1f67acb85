# SPDX-License-Identifier: AGPL-3.0-or-later
"""Submission and receipt: online submission, counter intake, receipt, refusal, supplement.

Legal basis: Decree 61/2018/NĐ-CP Art 15 (missing papers listed once, completely), Art 16
(channels), Art 17 (check, scan, receipt with appointment, refusal, supplement slip; dossier code),
Art 26; Circular 01/2018/TT-VPCP Art 19 (code); Decree 118/2025/NĐ-CP Art 11 (one supplement
request), Art 15, 17; Decree 224/2026 Art 18(4) (reuse of held data).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog.eforms import eform_validate
from motcua.catalog.models import ProcedureVersion
from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.core.prepared import prepared_cursor
from motcua.core.rows import insert_row_unless_taken
from motcua.core.writes import Writes
from motcua.dossiers.models import Dossier, DossierChannel, EventType, SupplementScope
from motcua.dossiers.services import _common as c
from motcua.dossiers.services import documents as docs
from motcua.dossiers.services.codes import code_issue
from motcua.dossiers.services.documents import DocumentIn
from motcua.dossiers.services.pinned import parts_of
from motcua.dossiers.workflow import deadlines as wd
from motcua.dossiers.workflow.engine import Action, State, national_status
from motcua.workcal.deadlines import add_working_time, normalise_start

__all__ = [
    "ApplicantIn",
    "DocumentIn",
    "dossier_intake",
    "dossier_receive",
    "dossier_receive_at_counter",
    "dossier_refuse",
    "dossier_request_supplement_at_receipt",
    "dossier_submit_online",
    "dossier_supplement_at_receipt",
]


@dataclass(frozen=True)
class ApplicantIn:
    name: str
    kind: str = "person"
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


def _existing(scope: str, key: str) -> Dossier | None:
    """The dossier an earlier call with this idempotency key created, if any.

    Every submission asks, almost always to learn that there is none: a prepared statement on
    the unique (scope, key) index, the whole row read only on a hit.
    """
    if not key:
        return None
    with prepared_cursor() as cursor:
        cursor.execute(
            'SELECT "id" FROM "dossiers_dossier" '
            'WHERE "idempotency_scope" = %s AND "idempotency_key" = %s '
            # The unique index is partial (keys given only): stated here, the predicate lets a
            # prepared statement's generic plan use it, where it otherwise re-plans each time.
            """AND NOT "idempotency_key" = ''""",
            [scope, key],
        )
        row = cursor.fetchone()
    return None if row is None else Dossier.objects.get(pk=row[0])


def _create(
    *,
    actor: Any,
    procedure_version: ProcedureVersion,
    applicant: ApplicantIn,
    channel: str,
    receiving_agency: Agency,
    competent_agency: Agency | None,
    case_id: int | None,
    eform_data: dict[str, Any] | None,
    summary: str,
    scope: str,
    key: str,
    applicant_user: Any,
) -> Dossier:
    if channel not in DossierChannel.values:
        raise ValidationFailed(_("Unknown channel."), details={"channel": [channel]})
    if not applicant.name.strip():
        message = _("Give the applicant's name.")
        raise ValidationFailed(message, details={"applicant.name": [str(message)]})
    today = c.now().date()
    if not procedure_version.is_in_force_on(today):
        message = _("This procedure version is not in force today.")
        raise ValidationFailed(message, details={"procedure_version": [str(message)]})
    if case_id is not None and not procedure_version.cases.filter(pk=case_id).exists():
        raise ValidationFailed(_("Unknown case."), details={"case": [str(case_id)]})
    if procedure_version.eform and eform_data is not None:
        errors = eform_validate(procedure_version.eform, eform_data)
        if errors:
            raise ValidationFailed(
                _("The form has errors."),
                details={f"eform.{k}": [str(m) for m in v] for k, v in errors.items()},
            )
    d = Dossier(
        procedure_version=procedure_version,
        case_id=case_id,
        rule_set=c.rule_set_on(today),
        applicant=applicant_user,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        applicant_id_number=applicant.id_number,
        applicant_phone=applicant.phone,
        applicant_email=applicant.email,
        applicant_address=applicant.address,
        summary=summary,
        eform_data=eform_data or {},
        channel=channel,
        receiving_agency=receiving_agency,
        competent_agency=competent_agency or receiving_agency,
        status=State.SUBMITTED.value,
        national_status=national_status(State.SUBMITTED),
        submitted_at=c.now(),
        fees_due_vnd=parts_of(procedure_version).fees_vnd,
        lookup_secret=secrets.token_urlsafe(16)[:22],
        idempotency_scope=scope if key else "",
        idempotency_key=key,
    )
    # A prepared INSERT of the 60 columns that absorbs a unique clash (``core.rows``): a
    # concurrent retry with the same idempotency key that committed first wins, and its dossier
    # is returned; any other clash is an error.
    if insert_row_unless_taken(d):
        return d
    found = _existing(scope, key)
    if found is None:
        raise IntegrityError("the new dossier clashes with a unique constraint")
    return found


@transaction.atomic
def dossier_submit_online(
    *,
    actor: Any,
    procedure_version: ProcedureVersion,
    applicant: ApplicantIn,
    receiving_agency: Agency,
    competent_agency: Agency | None = None,
    case_id: int | None = None,
    eform_data: dict[str, Any] | None = None,
    documents: list[DocumentIn] | None = None,
    summary: str = "",
    channel: str = DossierChannel.ONLINE,
    idempotency_key: str = "",
) -> Dossier:
    """Online (or kiosk) submission: DVCQG status 1 (Decree 61/2018 Art 16(3), Art 17(2)).

    Pre: ``actor`` is signed in; the version is in force today. Idempotent per (actor, key): a
    retry returns the same dossier and writes nothing. Post: state ``submitted`` with its code,
    event SUBMITTED.
    """
    c.require_actor(actor)
    scope = f"user:{actor.pk}"
    found = _existing(scope, idempotency_key)
    if found is not None:
        return found
    checked = docs.check(documents or [])
    d = _create(
        actor=actor,
        procedure_version=procedure_version,
        applicant=applicant,
        channel=channel,
        receiving_agency=receiving_agency,
        competent_agency=competent_agency,
        case_id=case_id,
        eform_data=eform_data,
        summary=summary,
        scope=scope,
        key=idempotency_key,
        applicant_user=actor,
    )
    if d.event_seq:  # a concurrent retry created it first
        return d
    d = c.adopt(d)  # inserted by this transaction: invisible to others until it commits
    # The applicant sees the dossier code at once (DVCQG: MaHoSo on online submission); it comes
    # from the receiving unit's daily counter like a counter receipt (Circular 01/2018 Art 19),
    # under the pattern of the rule set in force today; receipt keeps it.
    at = c.now()
    d.code = code_issue(
        pattern=c.rule_set_on(at.date()).code_pattern,
        agency_id=receiving_agency.pk,
        identifier=receiving_agency.identifier,
        day=at.date(),
    )
    writes = Writes()  # the papers go with the event and the dossier's code
    docs.store(d, checked, kind="submitted", actor=actor, writes=writes)
    c.commit(
        d,
        EventType.SUBMITTED,
        actor,
        writes=writes,
        agency=receiving_agency,
        payload={"channel": channel, "code": d.code},
    )
    return d


@transaction.atomic
def dossier_intake(
    *,
    actor: Any,
    procedure_version: ProcedureVersion,
    applicant: ApplicantIn,
    channel: str,
    receiving_agency: Agency,
    competent_agency: Agency | None = None,
    case_id: int | None = None,
    applicant_user: Any = None,
    summary: str = "",
    idempotency_key: str = "",
) -> Dossier:
    """Record a walk-in or postal dossier before the check (then receive, refuse or supplement).

    Idempotent per (receiving agency, key). Pre: the actor is a reception officer of the unit.
    """
    c.require_actor(actor)
    if not c.grants_of(actor) and not actor.is_superuser:
        raise PermissionDenied(_("Only officials record dossiers at the counter."))
    scope = f"agency:{receiving_agency.pk}"
    found = _existing(scope, idempotency_key)
    if found is not None:
        return found
    return _create(
        actor=actor,
        procedure_version=procedure_version,
        applicant=applicant,
        channel=channel,
        receiving_agency=receiving_agency,
        competent_agency=competent_agency,
        case_id=case_id,
        eform_data=None,
        summary=summary,
        scope=scope,
        key=idempotency_key,
        applicant_user=applicant_user,
    )


@transaction.atomic
def dossier_receive(
    *,
    actor: Any,
    dossier: Dossier | int,
    version: int | None = None,
    documents: list[DocumentIn] | None = None,
) -> Dossier:
    """Receive: check the mandatory papers, issue the code and the appointment (Mẫu 01).

    Decree 61/2018 Art 17(1)(c), 17(3); Circular 01/2018 Art 19. Pre: state ``submitted``; every
    mandatory component of the pinned version (and case) is among the dossier's papers or
    ``documents`` (else ValidationFailed listing ALL missing ones, nothing saved). Post: state
    ``received`` (DVCQG 2); ``received_at`` = now; the count starts at the next session when
    received outside office hours; ``due_at`` from the channel's time limit via workcal; the
    forwarding deadline by the 15:00 rule; the rule set in force today is pinned.
    """
    d = c.lock(dossier, version)
    c.apply(d, Action.RECEIVE, actor)
    items = documents or []
    held = [DocumentIn(component_id=i) for i in c.held_components(d)]
    missing = docs.mandatory_missing(d.procedure_version, d.case_id, items + held)
    if missing:
        raise ValidationFailed(
            _("Mandatory papers are missing."),
            details={"documents": [m.name for m in missing]},
        )
    checked = docs.check(items)
    at = c.now()
    d.rule_set = c.rule_set_on(at.date())
    cal = c.calendar_of(d.receiving_agency, d)
    d.received_at = at
    d.counting_from = normalise_start(cal, at)
    d.time_limit_amount, d.time_limit_unit = c.time_limit(d)
    d.due_at = c.recompute_due(d, cal)
    d.forward_due_at = wd.forward_due(cal, at, d.rule_set.forward_cutoff)
    from motcua.dossiers.services.routing import tax_split_hours

    before_tax, _after = tax_split_hours(d)
    if before_tax is not None:
        # Land–tax (docs/DOMAIN.md §7): appointment 1 = transfer to the tax authority.
        d.tax_transfer_due_at = add_working_time(cal, at, before_tax, "working_hour")
    if not d.code:  # online dossiers got theirs at submission
        d.code = code_issue(
            pattern=d.rule_set.code_pattern,
            agency_id=d.receiving_agency_id,
            identifier=d.receiving_agency.identifier,
            day=at.date(),
        )
    docs.store(d, checked, kind="submitted", actor=actor)
    c.commit(
        d,
        EventType.RECEIVED,
        actor,
        agency=d.receiving_agency,
        payload={
            "code": d.code,
            "counting_from": c.iso(d.counting_from),
            "due_at": c.iso(d.due_at),
            "forward_due_at": c.iso(d.forward_due_at),
            "tax_transfer_due_at": c.iso(d.tax_transfer_due_at),
            "rule_set": d.rule_set.code,
            "form": d.rule_set.forms.get("receipt", ""),
        },
    )
    return d


def dossier_receive_at_counter(*, documents: list[DocumentIn] | None = None, **kw: Any) -> Dossier:
    """Intake and receipt of a walk-in/postal dossier in one transaction (idempotent by key)."""
    with transaction.atomic():
        d = dossier_intake(**kw)
        if d.status != State.SUBMITTED:
            return d  # retry of a receipt already done
        return dossier_receive(actor=kw["actor"], dossier=d, documents=documents)


@transaction.atomic
def dossier_refuse(
    *, actor: Any, dossier: Dossier | int, reason: str, version: int | None = None
) -> Dossier:
    """Refuse at receipt with reasons (Mẫu 03; Decree 61/2018 Art 17(1)(b)). DVCQG 3, final."""
    d = c.lock(dossier, version)
    c.apply(d, Action.REFUSE, actor, reason=reason)
    c.commit(
        d,
        EventType.REFUSED,
        actor,
        agency=d.receiving_agency,
        payload={"reason": reason, "form": d.rule_set.forms.get("refusal", "")},
    )
    return d


def supplement_allowed(d: Dossier, *, stage: str) -> bool:
    """The rule set's limit: per stage (Decree 61/2018) or per dossier (Decree 118/2025 Art 11)."""
    rs = d.rule_set
    if rs.supplement_scope == SupplementScope.PER_DOSSIER:
        return d.receipt_supplements + d.appraisal_supplements < rs.max_supplement_requests
    used = d.receipt_supplements if stage == "receipt" else d.appraisal_supplements
    return used < rs.max_supplement_requests


@transaction.atomic
def dossier_request_supplement_at_receipt(
    *, actor: Any, dossier: Dossier | int, reasons: list[str], version: int | None = None
) -> Dossier:
    """One complete list of what is missing or wrong (Mẫu 02; Decree 61/2018 Art 15, 17(1)(a)).

    Pre: state ``submitted``; at least one reason; the rule set's supplement limit not reached.
    Post: state ``receipt_supplement`` (DVCQG 5).
    """
    d = c.lock(dossier, version)
    reasons = [r.strip() for r in reasons if r and r.strip()]
    c.apply(d, Action.REQUEST_SUPPLEMENT_AT_RECEIPT, actor, reason="; ".join(reasons))
    if not supplement_allowed(d, stage="receipt"):
        raise Conflict(_("A supplement may be requested only once."), code="supplement_limit")
    d.receipt_supplements += 1
    c.commit(
        d,
        EventType.SUPPLEMENT_REQUESTED_AT_RECEIPT,
        actor,
        agency=d.receiving_agency,
        payload={"reasons": reasons, "form": d.rule_set.forms.get("supplement_request", "")},
    )
    return d


@transaction.atomic
def dossier_supplement_at_receipt(
    *,
    actor: Any,
    dossier: Dossier | int,
    documents: list[DocumentIn],
    version: int | None = None,
) -> Dossier:
    """The applicant hands in the missing papers; the dossier goes back to the receipt check."""
    d = c.lock(dossier, version)
    c.apply(d, Action.SUPPLEMENT_AT_RECEIPT, actor)
    n = docs.store(d, docs.check(documents), kind="supplement", actor=actor)
    c.commit(d, EventType.SUPPLEMENTED_AT_RECEIPT, actor, payload={"documents": n})
    return d
