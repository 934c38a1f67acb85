# SPDX-License-Identifier: AGPL-3.0-or-later
"""Submission drafts of the online portal: the e-form data and the papers already checked.

Legal basis: Decree 45/2020/NĐ-CP Art 9 (preparing an electronic dossier; saving and resuming),
Art 16 (papers reused from the personal data store); Decree 61/2018/NĐ-CP Art 16(3) (online
channel). A draft belongs to its owner only; submitting it creates the dossier once (its
``idempotency_key`` is sent to ``dossier_submit_online``) and marks the draft submitted.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionDraft(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submission_drafts"
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "catalog.ProcedureCase", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receiving_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form_data = models.JSONField(_("e-form data"), default=dict, blank=True)
    form_errors = models.JSONField(_("e-form errors"), default=dict, blank=True)
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("submission draft")
        verbose_name_plural = _("submission drafts")

    def __str__(self) -> str:
        return f"draft {self.pk}"


class DraftFile(models.Model):
    """One paper attached to a draft: an upload that passed the checks, or a stored paper."""

    draft = models.ForeignKey(SubmissionDraft, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey(
        "catalog.RequiredDocument", on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="drafts/%Y/%m/", max_length=255, blank=True)
    original_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    mime = models.CharField(max_length=100)
    paper = models.ForeignKey(
        "accounts.PersonalPaper", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    keep_in_store = models.BooleanField(default=False)

    class Meta:
        ordering = ["draft_id", "component_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "component"], name="draft_file_component")
        ]

    def __str__(self) -> str:
        return self.original_name
