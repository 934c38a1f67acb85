# SPDX-License-Identifier: AGPL-3.0-or-later
"""Agencies (cơ quan, đơn vị) as a dated tree, and role assignments scoped to agencies.

Legal basis: Decree 118/2025/NĐ-CP Art 7–8 (provincial and commune Public Administration Service
Centres), Decree 61/2018/NĐ-CP Art 7 (2018 three-level model); electronic agency identifiers
(mã định danh) per QĐ 20/2020/QĐ-TTg, shaped like ``000.00.16.H51`` (docs/DOMAIN.md §1.8).

The tree is a treebeard materialised path: a subtree is one prefix filter on ``path`` on both
SQLite and PostgreSQL (see ``selectors.agency_subtree_q``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from motcua.core.models import DatedModel, TimeStampedModel


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("Provincial People's Committee")
    PPC_OFFICE = "ppc_office", _("Office of the People's Committee")
    SERVICE_CENTRE = "service_centre", _("Public Administration Service Centre")
    DEPARTMENT = "department", _("Department")
    DEPARTMENT_UNIT = "department_unit", _("Unit of a department")
    LAND_REGISTRATION_OFFICE = "land_registration_office", _("Land registration office")
    TAX_AUTHORITY = "tax_authority", _("Tax authority")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")
    ONE_STOP_UNIT = "one_stop_unit", _("One-stop unit")
    OTHER = "other", _("Other")


class AgencyQuerySet(MP_NodeQuerySet):
    def valid_on(self, day: object) -> AgencyQuerySet:
        return self.filter(
            Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        )


class AgencyManager(MP_NodeManager.from_queryset(AgencyQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> AgencyQuerySet:
        # MP_NodeManager.get_queryset hard-codes MP_NodeQuerySet, which would drop valid_on().
        return AgencyQuerySet(self.model, using=self._db).order_by("path")


class Agency(MP_Node, TimeStampedModel, DatedModel):
    identifier = models.CharField(_("electronic agency identifier"), max_length=40, unique=True)
    identifier_is_demo = models.BooleanField(
        _("demo identifier"),
        default=False,
        help_text=_("The identifier is a made-up demo value, not the officially assigned one."),
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=AgencyKind.choices)
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("administrative unit"),
    )
    receives_dossiers = models.BooleanField(
        _("one-stop reception"),
        default=False,
        help_text=_("Receives and returns dossiers (Bộ phận Một cửa)."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    node_order_by = ["identifier"]
    history = HistoricalRecords()
    objects = AgencyManager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_to_after_from",
            ),
        ]
        indexes = [
            # PostgreSQL: lets ``path LIKE 'prefix%'`` use an index whatever the collation.
            models.Index(
                fields=["path"], name="agency_path_prefix_idx", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.name_vi

    def display_name(self, language: str | None = None) -> str:
        if language == "en" and self.name_en:
            return self.name_en
        return self.name_vi


class Role(models.TextChoices):
    """Roles of motcua users (docs/PRODUCT.md "Who uses it")."""

    APPLICANT = "applicant", _("Applicant")
    RECEPTION_OFFICER = "reception_officer", _("Reception officer")
    HANDLER = "handler", _("Handler")
    APPROVER = "approver", _("Unit head / approver")
    SUPERVISOR = "supervisor", _("PPC office supervisor")
    CATALOGUE_ADMIN = "catalogue_admin", _("Catalogue administrator")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


STAFF_ROLES = frozenset(r for r in Role if r != Role.APPLICANT)


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def valid_on(self, day: object) -> RoleAssignmentQuerySet:
        return self.filter(
            Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        )


class RoleAssignment(TimeStampedModel, DatedModel):
    """``user`` holds ``role`` at ``agency`` (and its sub-agencies when include_descendants)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("agency"),
    )
    include_descendants = models.BooleanField(_("includes sub-agencies"), default=False)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )

    history = HistoricalRecords()
    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["user_id", "role", "valid_from"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="role_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(role="applicant") | Q(agency__isnull=False),
                name="role_staff_needs_agency",
            ),
        ]
        indexes = [models.Index(fields=["user", "role"], name="role_user_role_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency or '-'}"
