# SPDX-License-Identifier: AGPL-3.0-or-later
"""The packaged CSVs are the shared reference data, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.units.loader import DATA_DIR

FILES = (
    "admin_units_tay_ninh_2022.csv",
    "admin_units_tay_ninh_2025.csv",
    "admin_units_tay_ninh_2025_conversion.csv",
    "provinces_vn.csv",
)


@pytest.mark.reference_data
@pytest.mark.parametrize("name", FILES)
def test_packaged_csv_is_identical_to_shared_reference_data(
    name: str, reference_data_dir: Path
) -> None:
    assert (DATA_DIR / name).read_bytes() == (reference_data_dir / name).read_bytes()


def test_every_packaged_csv_is_documented_in_provenance() -> None:
    provenance = (DATA_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    packaged = sorted(p.name for p in DATA_DIR.glob("*.csv"))
    assert packaged == sorted(FILES)
    for name in packaged:
        assert f"`{name}`" in provenance
    assert "GPL-3.0-or-later" in provenance
    assert "27691" in provenance
