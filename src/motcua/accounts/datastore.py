# SPDX-License-Identifier: AGPL-3.0-or-later
"""The personal data store (kho quản lý dữ liệu điện tử của tổ chức, cá nhân).

Legal basis: Decree 45/2020/NĐ-CP Art 16 (as amended by Decree 118/2025/NĐ-CP Art 40(8)): each
portal account has a store of electronic papers and results kept from earlier dossiers, which the
owner may reuse in a later dossier instead of uploading again (Decree 224/2026 Art 18(4)).

A paper keeps the code of the dossier it came from as plain text (no foreign key: accounts sit
below dossiers in the layers, and a paper outlives any change to its dossier).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalPaper(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_papers",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=255)
    component_code = models.CharField(_("component code"), max_length=60, blank=True)
    file = models.FileField(_("file"), upload_to="datastore/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    mime = models.CharField(_("type"), max_length=100)
    source_dossier_code = models.CharField(_("from dossier"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("kept at"))
    deleted = models.BooleanField(_("deleted"), default=False)

    class Meta:
        app_label = "accounts"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("personal paper")
        verbose_name_plural = _("personal papers")
        indexes = [models.Index(fields=["owner", "deleted"], name="paper_owner_idx")]

    def __str__(self) -> str:
        return self.title
