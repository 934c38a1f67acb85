# SPDX-License-Identifier: AGPL-3.0-or-later
"""Online submission drafts, reuse of the personal data store, and the applicant's supplement.

Legal basis: Decree 45/2020/NĐ-CP Art 9 (preparing the electronic dossier), Art 16 as amended by
Decree 118/2025/NĐ-CP Art 40(8) (personal data store: papers kept and reused, flagged on the
dossier), Decree 61/2018/NĐ-CP Art 16(3), 17 (online submission; one complete list of missing
papers) and Art 19 (the supplement handed in by the applicant); Decree 224/2026 Art 18(4).

Uploads go through ``documents.check`` (size, zero-byte, sniffed type vs extension, path tricks)
before anything is written; a draft only ever holds papers that passed. Each function runs in one
transaction and raises ``core.errors`` on bad input.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.accounts.datastore import PersonalPaper
from motcua.accounts.services.datastore import paper_keep
from motcua.agencies.models import Agency
from motcua.catalog.constants import DocumentRequirement
from motcua.catalog.eforms import eform_validate
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.dossiers.models import (
    DocumentKind,
    Dossier,
    DossierDocument,
    DraftFile,
    SubmissionDraft,
)
from motcua.dossiers.services import documents as docs
from motcua.dossiers.services.closing import dossier_request_withdrawal
from motcua.dossiers.services.intake import (
    ApplicantIn,
    dossier_submit_online,
    dossier_supplement_at_receipt,
)
from motcua.dossiers.services.pinned import parts_of
from motcua.dossiers.services.suspensions import dossier_supplement_received
from motcua.dossiers.workflow.engine import State

__all__ = [
    "applicant_request_withdrawal",
    "applicant_supplement",
    "data_store_keep_from_dossier",
    "draft_attach_paper",
    "draft_attach_upload",
    "draft_detach",
    "draft_save_form",
    "draft_set_choices",
    "draft_start",
    "draft_submit",
    "papers_to_keep",
]


def _locked(owner: Any, draft: SubmissionDraft | int) -> SubmissionDraft:
    pk = draft.pk if isinstance(draft, SubmissionDraft) else draft
    found = (
        SubmissionDraft.objects.select_for_update()
        .select_related("procedure_version")
        .filter(pk=pk, owner=owner)
        .first()
    )
    if found is None:
        raise NotFound(_("No such draft."))
    return found


def _own(owner: Any, draft: SubmissionDraft | int) -> SubmissionDraft:
    found = _locked(owner, draft)
    if found.dossier_id is not None:
        raise Conflict(_("This draft has already been submitted."), code="draft_submitted")
    return found


def _touch(draft: SubmissionDraft) -> None:
    draft.updated_at = clock.now()
    draft.save()


def _component(draft: SubmissionDraft, component_id: int) -> Any:
    for doc in parts_of(draft.procedure_version).documents:
        if doc.pk == component_id and doc.requirement != DocumentRequirement.SHOW_ONLY:
            return doc
    raise ValidationFailed(_("Unknown paper."), details={"component": [str(component_id)]})


@transaction.atomic
def draft_start(
    *, owner: Any, procedure_version: ProcedureVersion, case_id: int | None = None
) -> SubmissionDraft:
    """Open a draft for a version in force today (Decree 45/2020 Art 9)."""
    if not getattr(owner, "is_authenticated", False):
        raise NotFound(_("Sign in to submit a dossier online."))
    if not procedure_version.is_in_force_on(clock.today()):
        message = _("This procedure version is not in force today.")
        raise ValidationFailed(message, details={"procedure_version": [str(message)]})
    if case_id is not None and not procedure_version.cases.filter(pk=case_id).exists():
        raise ValidationFailed(_("Unknown case."), details={"case": [str(_("Unknown case."))]})
    now = clock.now()
    return SubmissionDraft.objects.create(
        owner=owner,
        procedure_version=procedure_version,
        case_id=case_id,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def draft_set_choices(
    *, owner: Any, draft: SubmissionDraft | int, case_id: int | None, receiving_agency: Agency
) -> SubmissionDraft:
    """The case of the procedure and the one-stop unit that receives the dossier."""
    d = _own(owner, draft)
    if case_id is not None and not d.procedure_version.cases.filter(pk=case_id).exists():
        raise ValidationFailed(_("Unknown case."), details={"case": [str(_("Unknown case."))]})
    if not receiving_agency.is_valid_on(clock.today()):
        message = _("This unit no longer receives dossiers.")
        raise ValidationFailed(message, details={"receiving_agency": [str(message)]})
    d.case_id, d.receiving_agency = case_id, receiving_agency
    _touch(d)
    return d


@transaction.atomic
def draft_save_form(
    *, owner: Any, draft: SubmissionDraft | int, data: dict[str, Any]
) -> dict[str, list[str]]:
    """Keep what was typed (a draft may be incomplete) and return the e-form's field errors,
    checked against the version's field definitions; the submission refuses a form with errors."""
    d = _own(owner, draft)
    definition = d.procedure_version.eform or {}
    errors = eform_validate(definition, data) if definition else {}
    d.form_data = data
    d.form_errors = {k: [str(m) for m in v] for k, v in errors.items()}
    _touch(d)
    return d.form_errors


@transaction.atomic
def draft_attach_upload(
    *,
    owner: Any,
    draft: SubmissionDraft | int,
    component_id: int,
    file: File[Any],
    keep_in_store: bool = False,
) -> DraftFile:
    """Check one upload for one paper and attach it (replacing an earlier one)."""
    d = _own(owner, draft)
    component = _component(d, component_id)
    try:
        (checked,) = docs.check([docs.DocumentIn(component_id=component.pk, file=file)])
    except ValidationFailed as exc:
        raise ValidationFailed(
            exc.message, details={"file": [m for v in exc.details.values() for m in v]}
        ) from None
    DraftFile.objects.filter(draft=d, component=component).delete()
    row = DraftFile(
        draft=d,
        component=component,
        original_name=checked.name,
        sha256=checked.sha256,
        size=len(checked.content),
        mime=checked.mime,
        keep_in_store=keep_in_store,
    )
    row.file.save(checked.name, ContentFile(checked.content), save=False)
    row.save()
    _touch(d)
    return row


@transaction.atomic
def draft_attach_paper(
    *, owner: Any, draft: SubmissionDraft | int, component_id: int, paper_id: int
) -> DraftFile:
    """Take a paper from the owner's data store for one component (Decree 45/2020 Art 16)."""
    d = _own(owner, draft)
    component = _component(d, component_id)
    paper = PersonalPaper.objects.filter(pk=paper_id, owner=owner, deleted=False).first()
    if paper is None:
        raise NotFound(_("No such paper in your data store."))
    DraftFile.objects.filter(draft=d, component=component).delete()
    row = DraftFile.objects.create(
        draft=d,
        component=component,
        file=paper.file.name,
        original_name=paper.original_name[:200],
        sha256=paper.sha256,
        size=paper.size,
        mime=paper.mime,
        paper=paper,
    )
    _touch(d)
    return row


@transaction.atomic
def draft_detach(*, owner: Any, draft: SubmissionDraft | int, component_id: int) -> None:
    d = _own(owner, draft)
    DraftFile.objects.filter(draft=d, component_id=component_id).delete()
    _touch(d)


def _applicant_of(owner: Any) -> ApplicantIn:
    citizen = getattr(owner, "citizen_profile", None)
    if citizen is not None:
        unit = citizen.address_unit.name if citizen.address_unit_id else ""
        return ApplicantIn(
            name=citizen.full_name,
            id_number=citizen.personal_id,
            phone=citizen.phone,
            email=citizen.email or owner.email,
            address=", ".join(p for p in (citizen.address_detail, unit) if p),
        )
    org = getattr(owner, "organisation_profile", None)
    if org is not None:
        return ApplicantIn(
            name=org.name, kind="organisation", id_number=org.tax_code, phone=org.phone,
            email=org.email or owner.email, address=org.address_detail,
        )  # fmt: skip
    return ApplicantIn(
        name=owner.full_name or owner.get_username(), phone=owner.phone, email=owner.email
    )


@transaction.atomic
def draft_submit(*, owner: Any, draft: SubmissionDraft | int) -> Dossier:
    """Submit the draft once: a second call (double click, retry) returns the same dossier.

    Checks the e-form, the receiving unit and every mandatory paper (all missing ones listed at
    once, Decree 61/2018 Art 15) before ``dossier_submit_online``; papers taken from the store
    are flagged ``reused_from_data_store``; papers ticked "keep" are kept in the store.
    """
    d = _locked(owner, draft)  # a concurrent second click waits here for the first
    if d.dossier is not None:
        return d.dossier
    version = d.procedure_version
    details: dict[str, list[str]] = {}
    if version.eform:
        errors = eform_validate(version.eform, d.form_data)
        for name, messages in errors.items():
            details[f"eform.{name}"] = [str(m) for m in messages]
    if d.receiving_agency is None:
        details["receiving_agency"] = [str(_("Choose the unit that receives the dossier."))]
    files = list(d.files.select_related("component", "paper"))
    attached = {f.component_id for f in files}
    missing = [
        doc
        for doc in parts_of(version).documents
        if doc.requirement == DocumentRequirement.MANDATORY
        and (doc.case_id is None or doc.case_id == d.case_id)
        and doc.pk not in attached
    ]
    if missing:
        details["documents"] = [
            str(_("Missing paper: %(name)s") % {"name": m.name}) for m in missing
        ]
    if details:
        raise ValidationFailed(_("The dossier is not complete yet."), details=details)
    documents = []
    for f in files:
        with f.file.open("rb") as handle:
            content = handle.read()
        documents.append(
            docs.DocumentIn(
                component_id=f.component_id,
                file=ContentFile(content, name=f.original_name),
                name=f.original_name,
                reused_from_data_store=f.paper_id is not None,
            )
        )
        if f.keep_in_store and f.paper_id is None:
            paper_keep(
                owner=owner,
                title=f.component.name[:255],
                content=content,
                name=f.original_name,
                mime=f.mime,
                component_code=f.component.code,
            )
    assert d.receiving_agency is not None  # noqa: S101 - checked above
    dossier = dossier_submit_online(
        actor=owner,
        procedure_version=version,
        applicant=_applicant_of(owner),
        receiving_agency=d.receiving_agency,
        case_id=d.case_id,
        eform_data=d.form_data if version.eform else None,
        documents=documents,
        summary=version.procedure.name_vi[:255],
        idempotency_key=str(d.idempotency_key),
    )
    d.dossier = dossier
    _touch(d)
    return dossier


@transaction.atomic
def applicant_supplement(
    *, actor: Any, dossier: Dossier, documents: list[docs.DocumentIn], version: int | None = None
) -> Dossier:
    """The applicant hands in the supplement from the portal: at receipt (back to the receipt
    check) or during appraisal (the clock restarts or resumes, Decree 61/2018 Art 19)."""
    if not documents:
        message = _("Attach at least one paper.")
        raise ValidationFailed(message, details={"documents": [str(message)]})
    if dossier.status == State.RECEIPT_SUPPLEMENT.value:
        return dossier_supplement_at_receipt(
            actor=actor, dossier=dossier.pk, documents=documents, version=version
        )
    return dossier_supplement_received(
        actor=actor, dossier=dossier.pk, documents=documents, version=version
    )


def applicant_request_withdrawal(
    *, actor: Any, dossier: Dossier, reason: str, version: int | None = None
) -> Dossier:
    """The applicant asks to withdraw (Decree 118/2025 Art 21)."""
    return dossier_request_withdrawal(
        actor=actor, dossier=dossier.pk, reason=reason.strip()[:1000], version=version
    )


def papers_to_keep(dossier: Dossier | int) -> QuerySet[DossierDocument]:
    """What returning ``dossier`` gives the applicant's data store: its electronic result and the
    submitted or supplemented papers of reusable components, not those taken from the store
    (Decree 45/2020 Art 16; Decree 61/2018 Art 20). The one statement of the rule."""
    pk = dossier if isinstance(dossier, int) else dossier.pk
    return (
        DossierDocument.objects.filter(dossier_id=pk)
        .select_related("component")
        .filter(reused_from_data_store=False)
        .exclude(file="")
        .filter(
            Q(kind=DocumentKind.RESULT)
            | Q(
                kind__in=[DocumentKind.SUBMITTED, DocumentKind.SUPPLEMENT],
                component__reusable=True,
            )
        )
    )


@transaction.atomic
def data_store_keep_from_dossier(*, dossier: Dossier) -> int:
    """Keep a returned dossier's ``papers_to_keep`` in the applicant's data store. Idempotent
    (the same bytes are kept once)."""
    if dossier.applicant_id is None or dossier.status != State.RETURNED.value:
        return 0
    kept = 0
    for row in papers_to_keep(dossier):
        with row.file.open("rb") as handle:
            content = handle.read()
        title = row.component.name if row.component is not None else row.original_name
        paper_keep(
            owner=dossier.applicant,
            title=str(title),
            content=content,
            name=row.original_name,
            mime=row.mime,
            component_code=row.component.code if row.component is not None else "",
            source_dossier_code=dossier.code or "",
        )
        kept += 1
    return kept
