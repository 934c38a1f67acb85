# SPDX-License-Identifier: AGPL-3.0-or-later
"""Load Tây Ninh's administrative units, before and after 01/07/2025, from ``units/data``.

Legal basis: Law on Organisation of Local Government 72/2025/QH15 Art 51(3) (the district level
ends on 01/07/2025); NA Resolution 202/2025/QH15 (new Tây Ninh = old Tây Ninh 72 + old Long An
80, code 80); QĐ 19/2025/QĐ-TTg (commune codes from 01/07/2025). Provenance and caveats of every
file: ``units/data/PROVENANCE.md``.

Periods:

- 3-level units (old Tây Ninh, old Long An, their districts and communes): 2022-01-01 to
  2025-06-30. **2022-01-01 is the earliest date our sources vouch for** (the GSO list of
  2025-01-04 agrees with sources back to 2023-04-08 and is named "2022" upstream), not the date
  the units were created.
- 2-level units (new Tây Ninh 80 and its 96 communes): from 2025-07-01, open-ended.

Reading the CSVs (``read_reference_data``) is pure; writing (``load_reference_units``) is one
transaction and idempotent: it adds only the (code, valid_from) rows and successions that are
missing and never overwrites a row (an administrator's correction wins over a re-load).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from motcua.core.models import periods_overlap
from motcua.core.text import fold_vi, nfc
from motcua.units.models import AdministrativeUnit, UnitLevel, UnitSuccession

DATA_DIR = Path(__file__).resolve().parent / "data"

THREE_LEVEL_FROM = dt.date(2022, 1, 1)
THREE_LEVEL_TO = dt.date(2025, 6, 30)
TWO_LEVEL_FROM = dt.date(2025, 7, 1)

# (code, rank, name_vi, name_en). Levels are data: the loader needs these three, nothing else
# in motcua may assume there are three.
LEVELS = (
    ("province", 1, "Cấp tỉnh", "Province level"),
    ("district", 2, "Cấp huyện", "District level"),
    ("commune", 3, "Cấp xã", "Commune level"),
)

_REPO = "sunshine-tech/VietnamProvinces@809e91b"
SOURCE_GSO_2025_01 = f"GSO list 2025-01-04 ({_REPO})"
SOURCE_NSO_2026_02 = f"NSO list 2026-02-21 ({_REPO})"
SOURCE_CONVERSION = f"GSO/NSO conversion table 2025-07 ({_REPO})"

# Source errors, corrected here and listed in PROVENANCE.md (the CSVs stay byte-identical).
# Conversion row of Phường 4 (27691), Thành phố Tân An (794) says old province Tiền Giang (82);
# district 794 belonged to Long An (80), as GSO's district list and its 12 other rows say.
OLD_PROVINCE_FIXES: dict[str, tuple[str, str]] = {"27691": ("80", "Tỉnh Long An")}

PARTIAL_MERGE_NOTE = "Nhập một phần"
PROVINCE_SUCCESSION_NOTE = "Nghị quyết 202/2025/QH15"

# Longest prefixes first: "Thị trấn"/"Thị xã" before anything shorter.
_TYPE_PREFIXES = ("Thị trấn", "Thị xã", "Thành phố", "Đặc khu", "Phường", "Huyện", "Tỉnh", "Xã")

UnitKey = tuple[str, dt.date]  # (GSO code, valid_from): unique per AdministrativeUnit


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    unit_type: str
    level: str
    parent: UnitKey | None
    valid_from: dt.date
    valid_to: dt.date | None
    source: str

    @property
    def key(self) -> UnitKey:
        return (self.code, self.valid_from)


@dataclass(frozen=True)
class SuccessionRow:
    predecessor: UnitKey
    successor: UnitKey
    effective_on: dt.date
    partial: bool
    note: str


@dataclass
class ReferenceData:
    units: list[UnitRow] = field(default_factory=list)
    successions: list[SuccessionRow] = field(default_factory=list)


@dataclass
class LoadSummary:
    levels_created: int = 0
    units_created: int = 0
    units_existing: int = 0
    successions_created: int = 0
    successions_existing: int = 0

    @property
    def created(self) -> int:
        return self.levels_created + self.units_created + self.successions_created

    def __str__(self) -> str:
        return (
            f"levels created: {self.levels_created}; "
            f"units created: {self.units_created}, already present: {self.units_existing}; "
            f"successions created: {self.successions_created}, "
            f"already present: {self.successions_existing}"
        )


def clean_name(value: str) -> str:
    """NFC, single spaces, and GSO's "Thị xã" where some source rows say "Thị Xã"."""
    value = re.sub(r"\s+", " ", nfc(value))
    return re.sub(r"^Thị Xã ", "Thị xã ", value)


def unit_type_from_name(name: str) -> str:
    """The unit type is the name's prefix ("Thị trấn Tân Biên" -> "Thị trấn")."""
    for prefix in _TYPE_PREFIXES:
        if name.startswith(prefix + " "):
            return prefix
    raise ValueError(f"cannot tell the unit type of {name!r}")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _dated_rows(
    rows: Iterable[dict[str, str]], *, valid_from: dt.date, valid_to: dt.date | None, source: str
) -> list[UnitRow]:
    return [
        UnitRow(
            code=r["code"],
            name=clean_name(r["name"]),
            unit_type=r["unit_type"],
            level=r["level"],
            parent=(r["parent_code"], valid_from) if r["parent_code"] else None,
            valid_from=valid_from,
            valid_to=valid_to,
            source=source,
        )
        for r in rows
    ]


def _old_long_an(conversion: list[dict[str, str]], skip_province: str) -> list[UnitRow]:
    """Old provinces other than ``skip_province``, with their districts and communes."""
    units: dict[str, UnitRow] = {}
    district_province: dict[str, str] = {}

    def add(code: str, name: str, level: str, parent: str | None) -> None:
        if code in units:
            return
        name = clean_name(name)
        units[code] = UnitRow(
            code=code,
            name=name,
            unit_type=unit_type_from_name(name),
            level=level,
            parent=(parent, THREE_LEVEL_FROM) if parent else None,
            valid_from=THREE_LEVEL_FROM,
            valid_to=THREE_LEVEL_TO,
            source=SOURCE_CONVERSION,
        )

    for r in conversion:
        prov_code, prov_name = OLD_PROVINCE_FIXES.get(
            r["old_commune_code"], (r["old_province_code"], r["old_province_name"])
        )
        if prov_code == skip_province:
            continue
        seen = district_province.setdefault(r["old_district_code"], prov_code)
        if seen != prov_code:
            raise ValueError(
                f"district {r['old_district_code']} is in provinces {seen} and {prov_code}"
            )
        add(prov_code, prov_name, "province", None)
        add(r["old_district_code"], r["old_district_name"], "district", prov_code)
        add(r["old_commune_code"], r["old_commune_name"], "commune", r["old_district_code"])
    return list(units.values())


def read_reference_data(data_dir: Path = DATA_DIR) -> ReferenceData:
    """Parse the four CSVs into unit and succession rows; raises ValueError on inconsistent data."""
    old_tn = _read_csv(data_dir / "admin_units_tay_ninh_2022.csv")
    new_tn = _read_csv(data_dir / "admin_units_tay_ninh_2025.csv")
    conversion = _read_csv(data_dir / "admin_units_tay_ninh_2025_conversion.csv")
    provinces = _read_csv(data_dir / "provinces_vn.csv")

    old_tn_code = next(r["code"] for r in old_tn if r["level"] == "province")
    data = ReferenceData()
    data.units += _dated_rows(
        old_tn, valid_from=THREE_LEVEL_FROM, valid_to=THREE_LEVEL_TO, source=SOURCE_GSO_2025_01
    )
    data.units += _old_long_an(conversion, skip_province=old_tn_code)
    data.units += _dated_rows(
        new_tn, valid_from=TWO_LEVEL_FROM, valid_to=None, source=SOURCE_NSO_2026_02
    )

    keys = {u.key for u in data.units}
    for r in conversion:
        succession = SuccessionRow(
            predecessor=(r["old_commune_code"], THREE_LEVEL_FROM),
            successor=(r["new_commune_code"], TWO_LEVEL_FROM),
            effective_on=TWO_LEVEL_FROM,
            partial=r["merge_note"].strip() == PARTIAL_MERGE_NOTE,
            note=r["merge_note"].strip(),
        )
        if not {succession.predecessor, succession.successor} <= keys:
            raise ValueError(f"conversion row refers to an unknown unit: {r}")
        data.successions.append(succession)

    for r in provinces:
        old_key = (r["code"], THREE_LEVEL_FROM)
        new_key = (r["successor_code"], TWO_LEVEL_FROM)
        if r["period"] == "before_2025-07-01" and old_key in keys and new_key in keys:
            data.successions.append(
                SuccessionRow(
                    predecessor=old_key,
                    successor=new_key,
                    effective_on=TWO_LEVEL_FROM,
                    partial=False,
                    note=PROVINCE_SUCCESSION_NOTE,
                )
            )
    return data


def _ensure_levels(summary: LoadSummary) -> dict[str, UnitLevel]:
    levels: dict[str, UnitLevel] = {}
    for code, rank, name_vi, name_en in LEVELS:
        level, created = UnitLevel.objects.get_or_create(
            code=code, defaults={"rank": rank, "name_vi": name_vi, "name_en": name_en}
        )
        summary.levels_created += created
        levels[code] = level
    return levels


def _create_units(rows: list[UnitRow], summary: LoadSummary) -> dict[UnitKey, int]:
    """Create the missing rows, parents before children, without assuming a number of levels."""
    levels = _ensure_levels(summary)
    existing = list(AdministrativeUnit.objects.values_list("pk", "code", "valid_from", "valid_to"))
    ids: dict[UnitKey, int] = {(code, start): pk for pk, code, start, _ in existing}
    periods: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    for _, code, start, end in existing:
        periods.setdefault(code, []).append((start, end))

    pending = []
    for row in rows:
        if row.key in ids:
            summary.units_existing += 1
        elif any(
            periods_overlap(row.valid_from, row.valid_to, s, e)
            for s, e in periods.get(row.code, [])
        ):
            raise ValueError(f"unit {row.code} from {row.valid_from} overlaps an existing row")
        else:
            pending.append(row)

    while pending:
        ready = [r for r in pending if r.parent is None or r.parent in ids]
        if not ready:
            raise ValueError(f"units with unknown parents: {[r.key for r in pending][:5]}")
        objs = [
            AdministrativeUnit(
                code=r.code,
                name=r.name,
                name_folded=fold_vi(r.name),
                unit_type=r.unit_type,
                level=levels[r.level],
                parent_id=ids[r.parent] if r.parent else None,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
                source=r.source,
            )
            for r in ready
        ]
        created = bulk_create_with_history(
            objs, AdministrativeUnit, default_change_reason="load_units"
        )
        for r, obj in zip(ready, created, strict=True):
            ids[r.key] = obj.pk
        summary.units_created += len(created)
        ready_keys = {r.key for r in ready}
        pending = [r for r in pending if r.key not in ready_keys]
    return ids


def load_reference_units(data_dir: Path = DATA_DIR) -> LoadSummary:
    """Load levels, units and successions; idempotent (a second run creates nothing).

    Post-conditions: every row of ``read_reference_data`` exists (matched by code and
    valid_from) and every succession exists once; existing rows are left untouched. Raises
    ValueError, saving nothing, when the data contradicts itself or an existing row's period.
    """
    data = read_reference_data(data_dir)
    summary = LoadSummary()
    with transaction.atomic():
        ids = _create_units(data.units, summary)
        existing = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
        new: list[UnitSuccession] = []
        for s in data.successions:
            pair = (ids[s.predecessor], ids[s.successor])
            if pair in existing:
                summary.successions_existing += 1
                continue
            existing.add(pair)
            new.append(
                UnitSuccession(
                    predecessor_id=pair[0],
                    successor_id=pair[1],
                    effective_on=s.effective_on,
                    partial=s.partial,
                    note=s.note,
                )
            )
        UnitSuccession.objects.bulk_create(new)
        summary.successions_created = len(new)
    return summary
