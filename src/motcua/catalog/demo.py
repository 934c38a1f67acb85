# SPDX-License-Identifier: AGPL-3.0-or-later
"""Demo catalogue for Tây Ninh: the national import plus ~20 common procedures made complete.

``seed_demo_catalogue()`` is idempotent: it runs the import (a second run changes nothing), then
gives each procedure of ``DEMO`` a published ``demo`` version from ``DEMO_EFFECTIVE_FROM`` (the
imported version is closed the day before) with a process template, fees, time limits with
units, a service mode and an e-form — unless it already has a demo version. Everything goes
through the catalogue services. Legal bases of the values:

* civil status: Law on Civil Status 60/2014/QH13 Art 11(1)(b) (no charge for on-time birth and
  death registration, guardianship and domestic marriage), Art 16, 18, 20, 25, 33 (time limits);
* certification: Decree 23/2015/NĐ-CP Art 7 (same day; after 15:00 the next working day),
  Circular 226/2016/TT-BTC (2,000 VND/page, 10,000 VND per signature); extract copies: Circular
  281/2016/TT-BTC (8,000 VND per copy);
* residence: Law on Residence 68/2020/QH14 Art 22, 28; Circular 75/2022/TT-BTC (20,000 /
  10,000 VND online for permanent residence);
* business: Law on Enterprises 59/2020/QH14 Art 26 (3 working days), Circular 47/2019/TT-BTC
  (100,000 VND publication fee); household businesses: charges set by the People's Council
  (Circular 85/2019/TT-BTC);
* construction: Law on Construction 50/2014/QH13 Art 102 as amended by Law 62/2020/QH14
  ("20 ngày": calendar days); land: the national records' online-channel limits (the source's
  channels disagree, so those limits stay flagged for review), land–tax liên thông with the NVTC
  wait per docs/DOMAIN.md §7.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from motcua.agencies.models import Role
from motcua.catalog import rules
from motcua.catalog.constants import VersionOrigin
from motcua.catalog.demo_data import DAY, DEMO, DEMO_EFFECTIVE_FROM, DemoProcedure
from motcua.catalog.importer import ImportSummary, import_catalogue
from motcua.catalog.models import Procedure
from motcua.catalog.services import (
    version_create_draft,
    version_parts_set,
    version_publish,
)
from motcua.workcal.deadlines import Unit

__all__ = ["DEMO", "DEMO_EFFECTIVE_FROM", "process_template", "seed_demo_catalogue"]


@dataclass(frozen=True)
class _SystemActor:
    """The seeding actor when none is given (demo only): acts as a superuser."""

    is_authenticated: bool = True
    is_superuser: bool = True
    pk: None = None


def _step(
    order: int,
    name: str,
    name_en: str,
    performer: str,
    role: str,
    hours: Decimal,
    group: str = "",
    branch: int = 1,
) -> dict[str, Any]:
    unit = Unit.WORKING_HOUR if hours < rules.WORKING_DAY_HOURS else Unit.WORKING_DAY
    amount = hours if unit == Unit.WORKING_HOUR else hours / rules.WORKING_DAY_HOURS
    return {
        "order": order,
        "name_vi": name,
        "name_en": name_en,
        "performer": performer,
        "role": role,
        "norm_amount": str(amount.quantize(Decimal("0.01"))),
        "norm_unit": unit.value,
        "parallel_group": group,
        "branch": branch,
    }


def process_template(spec: DemoProcedure) -> list[dict[str, Any]]:
    """One-stop reception → competent agency handler → approver → return; land adds the
    land office and the tax authority in parallel (NVTC). Norms fit the legal limit."""
    amount, unit = spec.limit
    hours = rules.lower_bound_minutes(Decimal(amount), unit) / 60
    if spec.family == "land":
        handler = hours - 5 * rules.WORKING_DAY_HOURS - rules.WORKING_DAY_HOURS
        return [
            _step(
                1,
                "Tiếp nhận, kiểm tra, số hóa hồ sơ",
                "Receive, check, digitise",
                "one_stop_unit",
                Role.RECEPTION_OFFICER,
                Decimal(4),
            ),
            _step(
                2,
                "Thẩm định hồ sơ, kiểm tra hiện trạng",
                "Appraise the dossier and the site",
                "land_registration_office",
                Role.HANDLER,
                handler,
            ),
            _step(
                3,
                "Xác định và thông báo nghĩa vụ tài chính",
                "Determine the financial obligation",
                "tax_authority",
                Role.HANDLER,
                Decimal(24),
                "nvtc",
                1,
            ),
            _step(
                3,
                "Trích lục, cập nhật hồ sơ địa chính",
                "Cadastral extract and update",
                "land_registration_office",
                Role.HANDLER,
                Decimal(16),
                "nvtc",
                2,
            ),
            _step(
                4,
                "Ký cấp, xác nhận Giấy chứng nhận",
                "Sign the certificate",
                "land_registration_office",
                Role.APPROVER,
                Decimal(8),
            ),
            _step(
                5,
                "Trả kết quả, thu phí",
                "Return the result, collect fees",
                "one_stop_unit",
                Role.RECEPTION_OFFICER,
                Decimal(4),
            ),
        ]
    eighth = (hours / 8).quantize(Decimal("0.5"))
    return [
        _step(
            1,
            "Tiếp nhận, kiểm tra, số hóa hồ sơ",
            "Receive, check, digitise",
            "one_stop_unit",
            Role.RECEPTION_OFFICER,
            max(eighth, Decimal("0.5")),
        ),
        _step(
            2,
            "Thẩm định, đề xuất",
            "Appraise and propose",
            "competent_agency",
            Role.HANDLER,
            eighth * 4,
        ),
        _step(
            3,
            "Phê duyệt, ký kết quả",
            "Approve and sign",
            "competent_agency",
            Role.APPROVER,
            eighth * 2,
        ),
        _step(
            4,
            "Trả kết quả",
            "Return the result",
            "one_stop_unit",
            Role.RECEPTION_OFFICER,
            max(eighth, Decimal("0.5")),
        ),
    ]


def _limits(spec: DemoProcedure) -> list[dict[str, Any]]:
    amount, unit = spec.limit
    rows = [
        {
            "channel": c,
            "amount": str(amount),
            "unit": unit.value,
            "raw": spec.limit_note,
            "needs_review": bool(spec.limit_note),
        }
        for c in spec.channels
    ]
    for key, _name, days in spec.cases[1:]:
        rows += [
            {"channel": c, "case_key": key, "amount": str(days), "unit": DAY.value, "raw": ""}
            for c in spec.channels
        ]
    return rows


def _seed_one(actor: Any, procedure: Procedure, spec: DemoProcedure) -> None:
    land = spec.family == "land"
    draft = version_create_draft(
        actor=actor,
        procedure=procedure,
        origin=VersionOrigin.DEMO,
        data={
            "effective_from": DEMO_EFFECTIVE_FROM,
            "service_mode": spec.mode,
            "partial_online_reason": spec.reason,
            "eform": spec.eform,
            "paper_result_required": spec.family in ("civil", "land", "construction"),
            "inter_agency": land,
            "financial_obligation": land,
            "notes": "Demo version (motcua.catalog.demo).",
        },
    )
    cases = [{"key": k, "name_vi": n} for k, n, _d in spec.cases]
    version_parts_set(actor=actor, version=draft, kind="cases", items=cases)
    version_parts_set(actor=actor, version=draft, kind="time_limits", items=_limits(spec))
    version_parts_set(actor=actor, version=draft, kind="fees", items=list(spec.fees))
    version_parts_set(actor=actor, version=draft, kind="steps", items=process_template(spec))
    version_publish(actor=actor, version=draft)


def seed_demo_catalogue(*, actor: Any = None) -> ImportSummary:
    """Import the national catalogue and complete the demo procedures (idempotent).

    Returns the import summary. Procedures missing from the data are skipped silently.
    """
    summary = import_catalogue()
    actor = actor or _SystemActor()
    for spec in DEMO:
        procedure = Procedure.objects.filter(code=spec.code).first()
        if procedure is None or procedure.versions.filter(origin=VersionOrigin.DEMO).exists():
            continue
        with transaction.atomic():
            _seed_one(actor, procedure, spec)
    return summary
