# SPDX-License-Identifier: AGPL-3.0-or-later
"""Seed the two dated rule sets (docs/DOMAIN.md §0, §1.3–1.8, rules 7, 9, 11, 13)."""

import datetime as dt

from django.db import migrations

RULE_SETS = [
    {
        "code": "decree-61-2018",
        "name": "Decree 61/2018/NĐ-CP + Circular 01/2018/TT-VPCP",
        "legal_basis": (
            "Decree 61/2018/NĐ-CP Art 15–22, 26; Decree 107/2021/NĐ-CP; "
            "Circular 01/2018/TT-VPCP Art 19 (dossier code)"
        ),
        "valid_from": dt.date(2018, 4, 23),
        "valid_to": dt.date(2025, 6, 30),
        "code_pattern": "{agency}-{yymmdd}-{nnnn}",
        "max_supplement_requests": 1,
        "supplement_scope": "per_stage",
        "supplement_clock": "restart",
        "supplement_warning_working_days": 3,
        "forward_cutoff": dt.time(15, 0),
        "forms": {
            "receipt": "Circular 01/2018 Mẫu 01",
            "supplement_request": "Circular 01/2018 Mẫu 02",
            "refusal": "Circular 01/2018 Mẫu 03",
            "apology": "Circular 01/2018 Mẫu 04",
            "control_slip": "Circular 01/2018 Mẫu 05",
            "logbook": "Circular 01/2018 Mẫu 06",
        },
    },
    {
        "code": "decree-118-2025",
        "name": "Decree 118/2025/NĐ-CP + Circular 03/2025/TT-VPCP",
        "legal_basis": (
            "Decree 118/2025/NĐ-CP Art 11 (one supplement request), 17, 21 (stop), 22; "
            "Circular 03/2025/TT-VPCP Art 7 (stop notice)"
        ),
        "valid_from": dt.date(2025, 7, 1),
        "valid_to": None,
        "code_pattern": "{agency}-{yyyymmdd}-{nnnnnnn}",
        "max_supplement_requests": 1,
        "supplement_scope": "per_dossier",
        # Decree 118's pause-vs-restart rule is unconfirmed (DOMAIN.md rule 9); 766 subtracts
        # the supplement time, which is what a pause does.
        "supplement_clock": "pause",
        "supplement_warning_working_days": 3,
        "forward_cutoff": dt.time(15, 0),
        "forms": {
            "receipt": "Circular 03/2025 Mẫu 01",
            "supplement_request": "Circular 03/2025 Mẫu 02",
            "refusal": "Circular 03/2025 Mẫu 03",
            "apology": "Circular 03/2025 Mẫu 04",
            "stop_notice": "Circular 03/2025 Mẫu 05",
            "control_slip": "Circular 03/2025 Mẫu 06",
        },
    },
]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("dossiers", "RuleSet")
    for values in RULE_SETS:
        RuleSet.objects.update_or_create(code=values["code"], defaults=values)


def unseed(apps, schema_editor):
    apps.get_model("dossiers", "RuleSet").objects.filter(
        code__in=[r["code"] for r in RULE_SETS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
