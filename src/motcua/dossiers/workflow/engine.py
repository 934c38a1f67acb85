# SPDX-License-Identifier: AGPL-3.0-or-later
"""THE dossier transition table, as data, and pure functions over it (no ORM, no I/O).

Legal basis: Decree 61/2018/NĐ-CP Art 15–22 (guidance, receipt, forwarding, processing, return),
Circular 01/2018/TT-VPCP Art 19 (dossier code), Decree 118/2025/NĐ-CP Art 11 (one supplement
request), Art 21 (withdrawal/stop), Art 22 (results), Circular 03/2025/TT-VPCP Art 7 (stop notice);
DVCQG status codes per docs/DOMAIN.md §5.1.

Invariants (checked by hypothesis in ``tests/test_workflow_engine.py``):

* every state reachable from ``SUBMITTED`` or ``RECEIVED`` is a ``State`` with a DVCQG code;
* terminal states (refused, stopped, cancelled, returned) allow no action;
* ``transition`` either returns the table's next state or raises ``TransitionNotAllowed`` carrying
  the current state and the allowed actions (the API maps it to HTTP 409).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict


class State(StrEnum):
    SUBMITTED = "submitted"  # online/kiosk submission awaiting the one-stop check
    RECEIPT_SUPPLEMENT = "receipt_supplement"  # incomplete at receipt (Mẫu 02)
    REFUSED = "refused"  # refused at receipt (Mẫu 03)
    RECEIVED = "received"  # receipt issued (Mẫu 01), not yet forwarded
    PROCESSING = "processing"  # at the competent agency (assigned, steps, consultations)
    APPRAISAL_SUPPLEMENT = "appraisal_supplement"  # supplement requested during appraisal
    FINANCIAL_PENDING = "financial_pending"  # waiting for the applicant's financial obligation
    APPROVED = "approved"  # decision signed, result being prepared
    RESULT_READY = "result_ready"  # result (or refusal after appraisal) at the one-stop
    RETURNED = "returned"  # result handed over
    WITHDRAWAL_REQUESTED = "withdrawal_requested"
    STOPPED = "stopped"  # stop notice issued
    CANCELLED = "cancelled"  # cancelled by an officer with a reason


class Action(StrEnum):
    RECEIVE = "receive"
    REFUSE = "refuse"
    REQUEST_SUPPLEMENT_AT_RECEIPT = "request_supplement_at_receipt"
    SUPPLEMENT_AT_RECEIPT = "supplement_at_receipt"
    FORWARD = "forward"
    TRANSFER = "transfer"
    ASSIGN = "assign"
    COMPLETE_STEP = "complete_step"
    RETURN_STEP = "return_step"
    CONSULT = "consult"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT_RECEIVED = "supplement_received"
    WAIT_FINANCIAL = "wait_financial"
    FINANCIAL_PAID = "financial_paid"
    EXTEND = "extend"
    REJECT = "reject"
    APPROVE = "approve"
    RESULT_READY = "result_ready"
    RETURN_RESULT = "return_result"
    REQUEST_WITHDRAWAL = "request_withdrawal"
    STOP = "stop"
    CANCEL = "cancel"


# Names for people (lists, timelines, error messages); the enum values are stable codes.
STATE_LABELS: dict[State, Any] = {
    State.SUBMITTED: _("Submitted online"),
    State.RECEIPT_SUPPLEMENT: _("Supplement requested at receipt"),
    State.REFUSED: _("Refused at receipt"),
    State.RECEIVED: _("Received"),
    State.PROCESSING: _("Being processed"),
    State.APPRAISAL_SUPPLEMENT: _("Supplement requested during appraisal"),
    State.FINANCIAL_PENDING: _("Waiting for the financial obligation"),
    State.APPROVED: _("Approved"),
    State.RESULT_READY: _("Result ready"),
    State.RETURNED: _("Result returned"),
    State.WITHDRAWAL_REQUESTED: _("Withdrawal requested"),
    State.STOPPED: _("Stopped"),
    State.CANCELLED: _("Cancelled"),
}

ACTION_LABELS: dict[Action, Any] = {
    Action.RECEIVE: _("Receive"),
    Action.REFUSE: _("Refuse"),
    Action.REQUEST_SUPPLEMENT_AT_RECEIPT: _("Request a supplement at receipt"),
    Action.SUPPLEMENT_AT_RECEIPT: _("Record the supplement at receipt"),
    Action.FORWARD: _("Forward"),
    Action.TRANSFER: _("Transfer to another agency"),
    Action.ASSIGN: _("Assign a handler"),
    Action.COMPLETE_STEP: _("Complete the step"),
    Action.RETURN_STEP: _("Return the step"),
    Action.CONSULT: _("Consult"),
    Action.REQUEST_SUPPLEMENT: _("Request a supplement"),
    Action.SUPPLEMENT_RECEIVED: _("Record the supplement"),
    Action.WAIT_FINANCIAL: _("Wait for the financial obligation"),
    Action.FINANCIAL_PAID: _("Record the payment"),
    Action.EXTEND: _("Give a new appointment with apology"),
    Action.REJECT: _("Reject after appraisal"),
    Action.APPROVE: _("Approve"),
    Action.RESULT_READY: _("Mark the result ready"),
    Action.RETURN_RESULT: _("Return the result"),
    Action.REQUEST_WITHDRAWAL: _("Request withdrawal"),
    Action.STOP: _("Stop"),
    Action.CANCEL: _("Cancel"),
}


class Scope(StrEnum):
    """Whose role is checked against which agency of the dossier (``policies``)."""

    RECEIVING = "receiving"  # roles at the receiving one-stop unit
    COMPETENT = "competent"  # roles at the competent agency (or of an open step's agency)
    APPLICANT = "applicant"  # the applicant themself, or a reception officer on their behalf


RECEPTION = frozenset({"reception_officer"})
HANDLING = frozenset({"handler", "approver"})
APPROVING = frozenset({"approver"})

# One mapping table: internal state → DVCQG ``TrangThaiHoSo`` (docs/DOMAIN.md §5.1).
NATIONAL_STATUS: Mapping[State, int] = {
    State.SUBMITTED: 1,
    State.RECEIVED: 2,
    State.REFUSED: 3,
    State.PROCESSING: 4,
    State.APPROVED: 4,
    State.RECEIPT_SUPPLEMENT: 5,
    State.APPRAISAL_SUPPLEMENT: 5,
    State.FINANCIAL_PENDING: 6,
    State.WITHDRAWAL_REQUESTED: 7,
    State.STOPPED: 8,
    State.CANCELLED: 8,
    State.RESULT_READY: 9,
    State.RETURNED: 10,
}

TERMINAL: frozenset[State] = frozenset(
    {State.REFUSED, State.STOPPED, State.CANCELLED, State.RETURNED}
)
# Clock running for the dossier's appointment (not paused, not finished).
CLOCK_RUNNING: frozenset[State] = frozenset({State.RECEIVED, State.PROCESSING, State.APPROVED})
# The same states as a sorted tuple of values: the SQL of the overdue/due-soon inboxes and the
# condition of the partial index that serves them must be written identically (SQLite uses a
# partial index only when the query repeats its condition term for term).
CLOCK_RUNNING_VALUES: tuple[str, ...] = tuple(sorted(s.value for s in CLOCK_RUNNING))
OPEN: frozenset[State] = frozenset(State) - TERMINAL


@dataclass(frozen=True)
class Transition:
    next: State
    roles: frozenset[str]
    scope: Scope
    reason_required: bool = False

    @property
    def national_status(self) -> int:
        return NATIONAL_STATUS[self.next]


S, A = State, Action
_T = Transition

_WITHDRAW = _T(S.WITHDRAWAL_REQUESTED, RECEPTION, Scope.APPLICANT)
_CANCEL = _T(S.CANCELLED, RECEPTION | APPROVING, Scope.RECEIVING, reason_required=True)
_EXTEND = _T(S.PROCESSING, HANDLING, Scope.COMPETENT, reason_required=True)

TABLE: Mapping[tuple[State, Action], Transition] = {
    (S.SUBMITTED, A.RECEIVE): _T(S.RECEIVED, RECEPTION, Scope.RECEIVING),
    (S.SUBMITTED, A.REFUSE): _T(S.REFUSED, RECEPTION, Scope.RECEIVING, reason_required=True),
    (S.SUBMITTED, A.REQUEST_SUPPLEMENT_AT_RECEIPT): _T(
        S.RECEIPT_SUPPLEMENT, RECEPTION, Scope.RECEIVING, reason_required=True
    ),
    (S.SUBMITTED, A.REQUEST_WITHDRAWAL): _WITHDRAW,
    (S.RECEIPT_SUPPLEMENT, A.SUPPLEMENT_AT_RECEIPT): _T(S.SUBMITTED, RECEPTION, Scope.APPLICANT),
    (S.RECEIPT_SUPPLEMENT, A.REQUEST_WITHDRAWAL): _WITHDRAW,
    (S.RECEIPT_SUPPLEMENT, A.CANCEL): _CANCEL,
    (S.RECEIVED, A.FORWARD): _T(S.PROCESSING, RECEPTION, Scope.RECEIVING),
    (S.RECEIVED, A.TRANSFER): _T(S.RECEIVED, RECEPTION, Scope.RECEIVING, reason_required=True),
    (S.RECEIVED, A.REQUEST_WITHDRAWAL): _WITHDRAW,
    (S.RECEIVED, A.CANCEL): _CANCEL,
    (S.PROCESSING, A.TRANSFER): _T(S.PROCESSING, HANDLING | RECEPTION, Scope.COMPETENT, True),
    (S.PROCESSING, A.ASSIGN): _T(S.PROCESSING, APPROVING, Scope.COMPETENT),
    (S.PROCESSING, A.COMPLETE_STEP): _T(S.PROCESSING, HANDLING, Scope.COMPETENT),
    (S.PROCESSING, A.RETURN_STEP): _T(S.PROCESSING, HANDLING, Scope.COMPETENT, True),
    (S.PROCESSING, A.CONSULT): _T(S.PROCESSING, HANDLING, Scope.COMPETENT, True),
    (S.PROCESSING, A.REQUEST_SUPPLEMENT): _T(
        S.APPRAISAL_SUPPLEMENT, HANDLING, Scope.COMPETENT, reason_required=True
    ),
    (S.PROCESSING, A.WAIT_FINANCIAL): _T(S.FINANCIAL_PENDING, HANDLING, Scope.COMPETENT),
    (S.PROCESSING, A.EXTEND): _EXTEND,
    (S.PROCESSING, A.REJECT): _T(S.RESULT_READY, APPROVING, Scope.COMPETENT, True),
    (S.PROCESSING, A.APPROVE): _T(S.APPROVED, APPROVING, Scope.COMPETENT),
    (S.PROCESSING, A.REQUEST_WITHDRAWAL): _WITHDRAW,
    (S.PROCESSING, A.CANCEL): _CANCEL,
    (S.APPRAISAL_SUPPLEMENT, A.SUPPLEMENT_RECEIVED): _T(S.PROCESSING, RECEPTION, Scope.APPLICANT),
    (S.APPRAISAL_SUPPLEMENT, A.REQUEST_WITHDRAWAL): _WITHDRAW,
    (S.APPRAISAL_SUPPLEMENT, A.CANCEL): _CANCEL,
    (S.FINANCIAL_PENDING, A.FINANCIAL_PAID): _T(
        S.PROCESSING, HANDLING | RECEPTION, Scope.COMPETENT
    ),
    (S.FINANCIAL_PENDING, A.REQUEST_WITHDRAWAL): _WITHDRAW,
    (S.FINANCIAL_PENDING, A.CANCEL): _CANCEL,
    (S.APPROVED, A.RESULT_READY): _T(S.RESULT_READY, HANDLING, Scope.COMPETENT),
    (S.RESULT_READY, A.RETURN_RESULT): _T(S.RETURNED, RECEPTION, Scope.RECEIVING),
    (S.WITHDRAWAL_REQUESTED, A.STOP): _T(S.STOPPED, RECEPTION, Scope.RECEIVING),
}


class TransitionNotAllowed(Conflict):
    """The action is not allowed in the dossier's current state (HTTP 409)."""

    code = "transition_not_allowed"

    def __init__(self, state: State, action: str, allowed: Iterable[Action]) -> None:
        self.state = state
        self.action = action
        self.allowed = sorted(a.value for a in allowed)
        message = _(
            "“%(action)s” is not allowed while the dossier is %(state)s; allowed: %(allowed)s."
        ) % {
            "action": _label(ACTION_LABELS, action),
            "state": STATE_LABELS[state],
            "allowed": ", ".join(str(ACTION_LABELS[a]) for a in sorted(allowed)) or "-",
        }
        super().__init__(message, details={"state": [state.value], "allowed": self.allowed})


def _label(labels: dict[Action, Any], code: str) -> str:
    try:
        return str(labels[Action(code)])
    except ValueError:
        return code


def allowed_actions(state: State | str, roles: Iterable[str] | None = None) -> list[Action]:
    """Actions defined for ``state`` (filtered by ``roles`` when given), in table order."""
    current = State(state)
    wanted = None if roles is None else frozenset(roles)
    return [
        action
        for (st, action), tr in TABLE.items()
        if st == current and (wanted is None or tr.roles & wanted)
    ]


def transition(state: State | str, action: Action | str) -> Transition:
    """The table entry for ``action`` in ``state``; ``TransitionNotAllowed`` when none."""
    current = State(state)
    try:
        key = (current, Action(action))
    except ValueError:
        raise TransitionNotAllowed(current, str(action), allowed_actions(current)) from None
    found = TABLE.get(key)
    if found is None:
        raise TransitionNotAllowed(current, str(action), allowed_actions(current))
    return found


def national_status(state: State | str) -> int:
    """DVCQG ``TrangThaiHoSo`` of an internal state (the ONE mapping)."""
    return NATIONAL_STATUS[State(state)]
