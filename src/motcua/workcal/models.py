# SPDX-License-Identifier: AGPL-3.0-or-later
"""The working-day calendar as data: special days, dated office hours, and a change log.

Legal basis: Labour Code 45/2019/QH14 Art 111 (weekly rest, compensatory day off when a holiday
falls on a rest day) and Art 112 (public holidays; the Prime Minister fixes the Tết and National
Day days every year, and Government notices swap working days for the public sector). Rows are
seeded from the ``holidays`` package (``workcal_seed``) and corrected by administrators: a
manual row always wins and re-seeding never touches it. Office hours default to 07:00–11:30 and
13:30–17:00 (docs/DOMAIN.md §6), per province or per agency, dated.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from motcua.core.models import DatedModel, DatedQuerySet, TimeStampedModel
from motcua.workcal.deadlines import DayKind


class CalendarDayKind(models.TextChoices):
    # Values are shared with the pure engine (``deadlines.DayKind``); a test keeps them equal.
    HOLIDAY = DayKind.HOLIDAY.value, _("Public holiday")
    COMPENSATORY = DayKind.COMPENSATORY.value, _("Compensatory day off")
    SWAPPED_DAY_OFF = DayKind.SWAPPED_DAY_OFF.value, _("Swapped day off")
    WORKING_WEEKEND = DayKind.WORKING_WEEKEND.value, _("Working weekend day")
    NON_COUNTING_OPEN = DayKind.NON_COUNTING_OPEN.value, _("Open, not counted for deadlines")


class DaySource(models.TextChoices):
    LIBRARY = "library", _("holidays library")
    MANUAL = "manual", _("entered by an administrator")


class CalendarDay(TimeStampedModel):
    """One day that differs from the ordinary week, province-wide (no agency) or for one agency.

    ``active = False`` switches a day off without deleting it, e.g. a library holiday whose legal
    basis is not confirmed (24/11 "Ngày Văn hóa Việt Nam" from 2026).
    """

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=24, choices=CalendarDayKind.choices)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    source = models.CharField(
        _("source"), max_length=16, choices=DaySource.choices, default=DaySource.MANUAL
    )
    active = models.BooleanField(_("in effect"), default=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        verbose_name=_("agency"),
    )
    swap_pair_date = models.DateField(_("swapped with"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [
            # NULL agencies are distinct in a plain unique constraint on both databases, so the
            # province-wide rows get their own partial constraint.
            models.UniqueConstraint(
                fields=["date", "agency"],
                condition=Q(agency__isnull=False),
                name="workcal_day_agency_unique",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(agency__isnull=True),
                name="workcal_day_province_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name_vi}"


class OfficeHours(TimeStampedModel, DatedModel):
    """One session of one weekday (0 = Monday), e.g. Monday 07:00–11:30, dated.

    Weekends have no rows; a working weekend day takes the hours of the weekday it is swapped
    with (``CalendarDay.swap_pair_date``), else Monday's, so no row is needed for it.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="office_hours",
        verbose_name=_("agency"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), help_text=_("0 = Monday … 6 = Sunday"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["agency_id", "valid_from", "weekday", "starts_at"]
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="workcal_hours_end_after_start"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="workcal_hours_weekday"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="workcal_hours_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class ChangeAction(models.TextChoices):
    DAY_SET = "day_set", _("Day added or changed")
    DAY_CONFIRMED = "day_confirmed", _("Day confirmed")
    DAY_DELETED = "day_deleted", _("Day deleted")
    HOURS_CHANGED = "hours_changed", _("Office hours changed")
    SEEDED = "seeded", _("Seeded from the holidays library")


class RecomputeStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PROCESSED = "processed", _("Processed")


class CalendarChange(models.Model):
    """Append-only log of calendar changes and of the deadline recomputation each one caused."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    first_date = models.DateField(_("first affected date"))
    last_date = models.DateField(_("last affected date"), null=True, blank=True)
    summary = models.JSONField(_("what changed"), default=dict, blank=True)
    status = models.CharField(
        _("recomputation"),
        max_length=16,
        choices=RecomputeStatus.choices,
        default=RecomputeStatus.PENDING,
    )
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    recomputed = models.JSONField(_("recomputed deadlines"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")

    def __str__(self) -> str:
        return f"{self.action} {self.first_date}"
