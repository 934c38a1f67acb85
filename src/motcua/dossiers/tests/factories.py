# SPDX-License-Identifier: AGPL-3.0-or-later
"""Test world for dossiers: agencies, officials, a published procedure version, the calendar.

Built with the ORM (fast) rather than the catalogue services; the bench reuses ``build_world``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from motcua.agencies.models import Agency, AgencyKind, Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.catalog.models import (
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    TimeLimit,
)
from motcua.core.clock import VN_TZ
from motcua.dossiers.services import ApplicantIn, DocumentIn

PDF = b"%PDF-1.4\n% test\n"


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


@dataclass
class World:
    province: Agency
    centre: Agency
    department: Agency
    other_department: Agency
    tax: Agency
    reception: Any
    handler: Any
    approver: Any
    applicant: Any
    outsider: Any
    version: ProcedureVersion
    land_version: ProcedureVersion
    mandatory: list[RequiredDocument] = field(default_factory=list)

    def docs(self) -> list[DocumentIn]:
        return [
            DocumentIn(
                component_id=r.pk,
                file=ContentFile(PDF, name=f"p{r.pk}.pdf"),
                scanned_at_receipt=True,
            )
            for r in self.mandatory
        ]

    def counter_kw(self, **kw: Any) -> dict[str, Any]:
        return {
            "actor": self.reception,
            "procedure_version": self.version,
            "applicant": ApplicantIn(
                name="Nguyễn Văn An", phone="0900000001", email="an@example.test"
            ),
            "channel": "direct",
            "receiving_agency": self.centre,
            "competent_agency": self.department,
            **kw,
        }


_seq = [0]


def _procedure(code_suffix: str, name: str) -> Procedure:
    _seq[0] += 1
    return Procedure.objects.create(code=f"9.{_seq[0]:03d}{code_suffix}", name_vi=name)


def make_version(
    *,
    steps: list[dict[str, Any]],
    limit: tuple[str, str] = ("5", "working_day"),
    financial: bool = False,
    name: str = "Cấp giấy phép thử nghiệm",
    suffix: str = "001",
) -> ProcedureVersion:
    v = ProcedureVersion.objects.create(
        procedure=_procedure(suffix, name),
        number=1,
        status="published",
        effective_from=dt.date(2024, 1, 1),
        financial_obligation=financial,
        inter_agency=any(s.get("parallel_group") for s in steps),
    )
    for channel in ("in_person", "online", "postal"):
        TimeLimit.objects.create(
            version=v, channel=channel, amount=Decimal(limit[0]), unit=limit[1]
        )
    for i, s in enumerate(steps, start=1):
        ProcessStep.objects.create(
            version=v,
            order=s.get("order", i),
            name_vi=s.get("name", f"Bước {i}"),
            performer=s.get("performer", "competent_agency"),
            agency=s.get("agency"),
            role=s.get("role", "handler"),
            norm_amount=Decimal(s.get("norm", "1")),
            norm_unit="working_day",
            parallel_group=s.get("parallel_group", ""),
            branch=s.get("branch", 1),
        )
    return v


def build_world(prefix: str = "") -> World:
    province = make_agency(kind=AgencyKind.PEOPLES_COMMITTEE, name_vi="UBND tỉnh thử")
    centre = make_agency(province, kind=AgencyKind.SERVICE_CENTRE, name_vi="Trung tâm PVHCC")
    department = make_agency(province, kind=AgencyKind.DEPARTMENT, name_vi="Sở thử nghiệm")
    other = make_agency(province, kind=AgencyKind.DEPARTMENT, name_vi="Sở khác")
    tax = make_agency(province, kind=AgencyKind.TAX_AUTHORITY, name_vi="Cục thuế thử")
    users = {
        n: make_user(username=f"{prefix}{n}")
        for n in ("reception", "handler", "approver", "applicant", "outsider")
    }
    assign_role(users["reception"], Role.RECEPTION_OFFICER, centre)
    assign_role(users["handler"], Role.HANDLER, department)
    assign_role(users["approver"], Role.APPROVER, department)
    assign_role(users["outsider"], Role.HANDLER, other)
    assign_role(users["outsider"], Role.RECEPTION_OFFICER, other)
    version = make_version(steps=[{"norm": "2"}, {"norm": "1"}, {"role": "approver", "norm": "1"}])
    mandatory = [
        RequiredDocument.objects.create(version=version, name="Đơn đề nghị", position=1),
        RequiredDocument.objects.create(version=version, name="Bản sao giấy tờ", position=2),
    ]
    RequiredDocument.objects.create(
        version=version, name="Giấy tờ khác", position=3, requirement="optional"
    )
    land = make_version(
        steps=[
            {"norm": "4.5", "name": "Trích lục, chuyển thông tin thuế"},
            {"performer": "tax_authority", "norm": "3", "name": "Xác định NVTC"},
            {"norm": "3", "name": "Cập nhật, cấp giấy"},
        ],
        limit=("8", "working_day"),
        financial=True,
        name="Đăng ký biến động đất đai",
        suffix="002",
    )
    return World(
        province,
        centre,
        department,
        other,
        tax,
        users["reception"],
        users["handler"],
        users["approver"],
        users["applicant"],
        users["outsider"],
        version,
        land,
        mandatory,
    )
