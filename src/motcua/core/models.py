# SPDX-License-Identifier: AGPL-3.0-or-later
"""Abstract bases shared by every domain: timestamps and dated validity."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class DatedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def valid_on(self, day: dt.date) -> DatedQuerySet:
        """Rows in force on ``day``: valid_from <= day and (valid_to is null or day <= valid_to)."""
        return self.filter(
            Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        )


class DatedModel(models.Model):
    """A row that is in force from ``valid_from`` to ``valid_to`` inclusive (open-ended if null).

    Rules, units and agencies change with the law; old rows are closed, never rewritten, so a
    historic dossier still resolves to what was in force when it was received.
    """

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def periods_overlap(
    a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None
) -> bool:
    """True when two inclusive, possibly open-ended periods share at least one day."""
    a_end = a_to or dt.date.max
    b_end = b_to or dt.date.max
    return a_from <= b_end and b_from <= a_end


# The database-backed rate limiter's counter (its model must load with the app).
from motcua.core.ratelimit import RateLimitCounter  # noqa: E402, F401
