# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dossier services (writes). Each runs in one transaction: lock the dossier row, check the
expected ``version`` (stale → 409), check the policy, apply the transition table, append the event,
compute deadlines with ``workcal`` and enqueue side effects in the same transaction.
"""

from motcua.dossiers.services.closing import (
    dossier_approve,
    dossier_cancel,
    dossier_reject,
    dossier_request_withdrawal,
    dossier_result_ready,
    dossier_return_result,
    dossier_stop,
)
from motcua.dossiers.services.consult import dossier_consult
from motcua.dossiers.services.intake import (
    ApplicantIn,
    DocumentIn,
    dossier_intake,
    dossier_receive,
    dossier_receive_at_counter,
    dossier_refuse,
    dossier_request_supplement_at_receipt,
    dossier_submit_online,
    dossier_supplement_at_receipt,
)
from motcua.dossiers.services.routing import (
    dossier_forward,
    dossier_transfer,
    step_assign,
    step_complete,
    step_return,
)
from motcua.dossiers.services.suspensions import (
    dossier_extend,
    dossier_financial_paid,
    dossier_request_supplement,
    dossier_supplement_received,
    dossier_wait_financial,
)

__all__ = [
    "ApplicantIn",
    "DocumentIn",
    "dossier_approve",
    "dossier_cancel",
    "dossier_consult",
    "dossier_extend",
    "dossier_financial_paid",
    "dossier_forward",
    "dossier_intake",
    "dossier_receive",
    "dossier_receive_at_counter",
    "dossier_refuse",
    "dossier_reject",
    "dossier_request_supplement",
    "dossier_request_supplement_at_receipt",
    "dossier_request_withdrawal",
    "dossier_result_ready",
    "dossier_return_result",
    "dossier_stop",
    "dossier_submit_online",
    "dossier_supplement_at_receipt",
    "dossier_supplement_received",
    "dossier_transfer",
    "dossier_wait_financial",
    "step_assign",
    "step_complete",
    "step_return",
]
