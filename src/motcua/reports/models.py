# SPDX-License-Identifier: AGPL-3.0-or-later
"""Statistics store: one fact row per dossier and additive aggregate rows (issue 7).

Written only by ``motcua.reports.services`` (the refresh worker folds new dossier events in, with
a watermark over event ids; ``reports_recompute`` rebuilds from the dossier rows and their event
histories). Reports never scan dossiers: every figure is a sum over ``StatRow``/``DurationRow``.

Aggregate rows are kept at three grains (day, month, year; ``g`` = 0, 1, 2; ``day`` = the first
day of the block) so that any period — and any "as of the end of day D" state, which is a sum
from the beginning — is answered from a few hundred rows per agency × procedure.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Counters of a StatRow, in a fixed order (the upsert SQL and the recompute use this tuple).
COUNTERS: tuple[str, ...] = (
    "recv_online",  # received on the day, online channel (II.06a col 4)
    "recv_counter",  # received on the day in person, by post or at a kiosk (col 5)
    "fin_early",  # finished on the day before the appointment day (col 8)
    "fin_ontime",  # finished on the appointment day, by the appointment (col 9)
    "fin_late",  # finished after the appointment (col 10)
    "fin_stopped",  # withdrawn/stopped/cancelled on the day (col 9 per the form's note)
    "over_in",  # +1 the day an open dossier becomes overdue (appointment day passed)
    "over_out",  # −1 when that overdue stretch ends (finished, or a supplement wait starts)
    "wait_in",  # +1 the day an open dossier starts waiting for a supplement
    "wait_out",  # −1 the day the wait ends
    "l766_in",  # +1 the day an open dossier becomes late by the Decision 766 rule
    "l766_out",  # −1 the day it is finished
    "fin766_ok",  # finished on the day and on time by the Decision 766 rule
    "dur_n",  # finished on the day with a known working duration
    "dur_minutes",  # their working minutes from receipt to finish
    "dur_over",  # of those, longer than the legal time limit
    "online_full",  # 766 3.3 numerator (at the receipt day)
    "paper_req",  # 766 4.1 denominator: received, procedure requires a paper result
    "result_file",  # 766 4.1 numerator: … and the result file is stored
    "attach_result",  # 766 4.2 numerator: papers attached and result stored
    "reused",  # 766 4.3 numerator: at least one paper reused from the data store
)


class DossierFact(models.Model):
    """What the statistics know of one dossier, as of its event ``applied_seq``."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    applied_seq = models.PositiveIntegerField(default=0)
    recv_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    channel = models.CharField(max_length=16)
    received_day = models.DateField(null=True)
    finished_day = models.DateField(null=True)
    due_day = models.DateField(null=True)
    cls = models.CharField(max_length=16, blank=True)  # early | on_time | late | stopped | ""
    fin766_ok = models.BooleanField(default=False)
    l766_day = models.DateField(null=True)
    waits = models.JSONField(default=list)  # [[from_day, to_day | null], …]
    overs = models.JSONField(default=list)
    dur_minutes = models.IntegerField(null=True)
    limit_minutes = models.IntegerField(null=True)
    supplements = models.PositiveSmallIntegerField(default=0)
    extended = models.BooleanField(default=False)
    flags = models.JSONField(default=dict)  # online_full, paper_req, result_file, …

    class Meta:
        verbose_name = _("dossier fact")
        verbose_name_plural = _("dossier facts")
        indexes = [
            models.Index(fields=["received_day", "agency"], name="fact_recv_day_idx"),
            models.Index(fields=["finished_day", "agency"], name="fact_fin_day_idx"),
        ]

    def __str__(self) -> str:
        return f"fact {self.dossier_id}@{self.applied_seq}"


class StatRow(models.Model):
    """Additive counters for (grain, block day, receiving agency, competent agency, procedure)."""

    g = models.PositiveSmallIntegerField()
    day = models.DateField()
    recv_agency_id = models.IntegerField()
    agency_id = models.IntegerField()
    procedure_id = models.IntegerField()
    recv_online = models.IntegerField(default=0)
    recv_counter = models.IntegerField(default=0)
    fin_early = models.IntegerField(default=0)
    fin_ontime = models.IntegerField(default=0)
    fin_late = models.IntegerField(default=0)
    fin_stopped = models.IntegerField(default=0)
    over_in = models.IntegerField(default=0)
    over_out = models.IntegerField(default=0)
    wait_in = models.IntegerField(default=0)
    wait_out = models.IntegerField(default=0)
    l766_in = models.IntegerField(default=0)
    l766_out = models.IntegerField(default=0)
    fin766_ok = models.IntegerField(default=0)
    dur_n = models.IntegerField(default=0)
    dur_minutes = models.BigIntegerField(default=0)
    dur_over = models.IntegerField(default=0)
    online_full = models.IntegerField(default=0)
    paper_req = models.IntegerField(default=0)
    result_file = models.IntegerField(default=0)
    attach_result = models.IntegerField(default=0)
    reused = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["g", "day", "recv_agency_id", "agency_id", "procedure_id"],
                name="statrow_key",
            )
        ]
        indexes = [models.Index(fields=["g", "day", "agency_id"], name="statrow_g_day_idx")]

    def __str__(self) -> str:
        return f"{self.g}/{self.day}/{self.recv_agency_id}/{self.agency_id}/{self.procedure_id}"


class DurationRow(models.Model):
    """Finished dossiers by working duration (half-day buckets) — for medians and p90."""

    g = models.PositiveSmallIntegerField()
    day = models.DateField()
    recv_agency_id = models.IntegerField()
    agency_id = models.IntegerField()
    procedure_id = models.IntegerField()
    bucket = models.PositiveSmallIntegerField()
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["g", "day", "recv_agency_id", "agency_id", "procedure_id", "bucket"],
                name="durationrow_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.g}/{self.day}/{self.procedure_id}#{self.bucket}: {self.n}"


class RefreshState(models.Model):
    """The refresh watermark: every event id ≤ ``watermark`` was seen, except ``holes``
    (ids skipped by transactions still open — or rolled back — when the refresh ran), kept as
    ``[[id, first_seen_epoch], …]`` and re-checked on every run until they appear or expire."""

    watermark = models.BigIntegerField(default=0)
    holes = models.JSONField(default=list)
    last_run_at = models.DateTimeField(null=True)
    last_folded = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"watermark {self.watermark} ({len(self.holes)} holes)"
