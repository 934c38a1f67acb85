# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dossier models: rule sets, dossiers and their papers, steps, counters, events, outbox."""

from motcua.dossiers.models.dossier import (
    ApplicantKind,
    DocumentKind,
    Dossier,
    DossierChannel,
    DossierCounter,
    DossierDocument,
)
from motcua.dossiers.models.event import (
    DossierEvent,
    DossierNotification,
    EventType,
    NotificationStatus,
)
from motcua.dossiers.models.rules import ClockRule, RuleSet, SupplementScope
from motcua.dossiers.models.step import DossierStep, StepKind, StepStatus, WatchMark

__all__ = [
    "ApplicantKind",
    "ClockRule",
    "DocumentKind",
    "Dossier",
    "DossierChannel",
    "DossierCounter",
    "DossierDocument",
    "DossierEvent",
    "DossierNotification",
    "DossierStep",
    "EventType",
    "NotificationStatus",
    "RuleSet",
    "StepKind",
    "StepStatus",
    "SupplementScope",
    "WatchMark",
]
