# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dossier models: rule sets, dossiers and their papers, steps, counters, events."""

from motcua.dossiers.models.dossier import (
    ApplicantKind,
    DocumentKind,
    Dossier,
    DossierChannel,
    DossierCounter,
    DossierDocument,
)
from motcua.dossiers.models.draft import DraftFile, SubmissionDraft
from motcua.dossiers.models.event import DossierEvent, EventType
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
    "DossierStep",
    "DraftFile",
    "EventType",
    "RuleSet",
    "StepKind",
    "StepStatus",
    "SubmissionDraft",
    "SupplementScope",
    "WatchMark",
]
