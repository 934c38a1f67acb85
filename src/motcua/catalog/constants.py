# SPDX-License-Identifier: AGPL-3.0-or-later
"""Choices of the procedure catalogue (thủ tục hành chính). Values are stable API/export values.

Legal basis: Decree 118/2025/NĐ-CP (one-stop mechanism; replaces Decree 61/2018, whose Art 16–19
define the submission channels and processing steps), Decree 224/2026/NĐ-CP Art 14 (full-online by
default; a partial-online service needs a published legal reason), Circular 01/2018/TT-VPCP Art 20
(sector code ``MX1X2-LV``). See docs/DOMAIN.md §1.2–1.9, §3, §5.2–5.3.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

# National TTHC code: one digit, a dot, six digits (docs/DOMAIN.md §5.3), e.g. 1.002755.
PROCEDURE_CODE_RE = re.compile(r"^\d\.\d{6}$")
# Result codes seen on DVCQG: KQ.G12.000804, TP-G12.00011112, ...
RESULT_CODE_RE = re.compile(r"^[A-Z]{2}[.\-][A-Z0-9]{1,5}\.\d{3,10}$")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class VersionOrigin(models.TextChoices):
    MANUAL = "manual", _("Entered by a catalogue administrator")
    IMPORT = "import", _("Imported from the national catalogue")
    DEMO = "demo", _("Demo data")


class ServiceMode(models.TextChoices):
    """Decree 224/2026 Art 14 (formerly Decree 42/2022): full-online by default."""

    FULL_ONLINE = "full_online", _("Full online")
    PARTIAL_ONLINE = "partial_online", _("Partial online")


class Channel(models.TextChoices):
    """Submission channels (Decree 61/2018 Art 16; Decree 118/2025 Art 15); DVCQG KenhThucHien."""

    IN_PERSON = "in_person", _("In person")
    POSTAL = "postal", _("Postal service")
    ONLINE = "online", _("Online")


# DVCQG ``KenhThucHien``: 1 direct, 2 online, 3 public postal (docs/DOMAIN.md §5.2).
CHANNEL_DVCQG: dict[str, int] = {"in_person": 1, "online": 2, "postal": 3}


class DocumentRequirement(models.TextChoices):
    MANDATORY = "mandatory", _("Mandatory")
    SHOW_ONLY = "show_only", _("Show only (not kept)")
    OPTIONAL = "optional", _("Optional / when applicable")


class FeeKind(models.TextChoices):
    """Law on Fees and Charges 97/2015/QH13: a fee (phí) pays for a service, a charge (lệ phí)
    for a state act. DVCQG ``LoaiPhiLePhi``."""

    FEE = "fee", _("Fee")
    CHARGE = "charge", _("Charge")


class FeeCollectedAt(models.TextChoices):
    """When the one-stop collects it (DVCQG ``HinhThucThu``: 1 receipt, 2 supplement, 4 result)."""

    RECEIPT = "receipt", _("At receipt")
    SUPPLEMENT = "supplement", _("At supplementation")
    RESULT = "result", _("At return of the result")


FEE_COLLECTED_DVCQG: dict[str, int] = {"receipt": 1, "supplement": 2, "result": 4}


class PerformerKind(models.TextChoices):
    """Who performs a process step; all but ``fixed_agency`` are resolved when a dossier runs."""

    FIXED_AGENCY = "fixed_agency", _("A fixed agency")
    COMPETENT_AGENCY = "competent_agency", _("The competent agency")
    ONE_STOP_UNIT = "one_stop_unit", _("The one-stop unit")
    TAX_AUTHORITY = "tax_authority", _("The tax authority")
    LAND_REGISTRATION_OFFICE = "land_registration_office", _("The land registration office")


class EformFieldType(models.TextChoices):
    TEXT = "text", _("Text")
    TEXTAREA = "textarea", _("Long text")
    DATE = "date", _("Date")
    NUMBER = "number", _("Number")
    SELECT = "select", _("Choice")
    CHECKBOX = "checkbox", _("Checkbox")
    PERSONAL_ID = "personal_id", _("Personal identification number")
    UNIT = "unit", _("Administrative unit")
