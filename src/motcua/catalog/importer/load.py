# SPDX-License-Identifier: AGPL-3.0-or-later
"""Loading the national catalogue into the database, idempotently, one savepoint per record.

Sources (data/PROVENANCE.md): ``procedures_sample.json`` (304 detailed records) and
``procedures_catalog_national.csv`` (2,639 code/name/field rows of six ministries).

* A detailed record becomes a procedure with one **published** version (origin ``import``),
  effective from ``IMPORT_EFFECTIVE_FROM`` = 2026-07-01: the records were scraped in June–July 2026
  and give only the number of the publication decision, not its date, so no earlier date is
  attested; 01/07/2026 is also when Decree 224/2026 (online services) took effect. Import
  versions bypass the publication checks that need a service mode (the source has none) but keep
  the no-overlap rule; every gap is flagged ``needs_review``.
* A CSV-only row becomes a procedure **without a version** (``needs_review``): it is listed and
  searchable for staff but absent from the public catalogue until a version is published,
  because an empty version would look like rules that do not exist.
* Second run: a record whose source hash is unchanged is counted ``unchanged`` and not touched.
  A changed detailed record updates the procedure and, when its rules changed, adds a new import
  version from today (the previous one is closed the day before; published versions never change).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.catalog import indexing
from motcua.catalog.constants import VersionOrigin, VersionStatus
from motcua.catalog.importer.parse import Parsed, parse_record, text
from motcua.catalog.inputs import DocumentIn, FeeIn, LegalBasisIn, ProcedureIn, TimeLimitIn, parse
from motcua.catalog.models import (
    Field,
    Procedure,
    ProcedureVersion,
)
from motcua.catalog.services.parts import build_part
from motcua.catalog.services.procedures import field_ensure
from motcua.catalog.services.versions import publish_checked
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.units.loader import LEVELS
from motcua.units.models import UnitLevel

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_JSON = DATA_DIR / "procedures_sample.json"
DEFAULT_CSV = DATA_DIR / "procedures_catalog_national.csv"
IMPORT_EFFECTIVE_FROM = dt.date(2026, 7, 1)
PARSER_VERSION = "1"  # bump when parse rules change: every record is then re-evaluated
BULK_REINDEX_THRESHOLD = 50
BULK_BATCH = 500

Progress = Callable[[int, int], None]


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    covered_by_details: int = 0
    flagged: int = 0
    fields_created: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"created: {self.created}; updated: {self.updated}; unchanged: {self.unchanged}; "
            f"skipped: {len(self.skipped)}",
            f"fields created: {self.fields_created}; needing review: {self.flagged}; "
            f"CSV rows covered by detailed records: {self.covered_by_details}; "
            f"time: {self.seconds:.1f} s",
        ]
        out.extend(f"skipped {where}: {reason}" for where, reason in self.skipped)
        return out


def _hash(payload: Any) -> str:
    data = json.dumps([PARSER_VERSION, payload], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def _read_json(path: Path, summary: ImportSummary) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        summary.skipped.append((str(path), _("cannot read the file: %(e)s") % {"e": exc}))
        return []
    if not isinstance(data, list):
        summary.skipped.append((str(path), _("the file must hold a JSON list of records")))
        return []
    return [(f"record {i}", r) for i, r in enumerate(data, start=1)]


def _read_csv(path: Path, summary: ImportSummary) -> list[tuple[str, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows, start = [], 2
            for row in reader:
                rows.append((f"line {start}", dict(row)))
                start = reader.line_num + 1
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        summary.skipped.append((str(path), _("cannot read the file: %(e)s") % {"e": exc}))
        return []


def _error_text(exc: DomainError) -> str:
    if exc.details:
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.details.items())
    return str(exc.message)


class _Loader:
    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.levels = {lv.code: lv for lv in UnitLevel.objects.all()}
        self.fields = {f.name_vi: f for f in Field.objects.all()}
        self.existing = {
            c: (pk, h) for pk, c, h in Procedure.objects.values_list("pk", "code", "source_hash")
        }
        self.changed: list[Procedure] = []

    def field(self, name: str) -> Field | None:
        name = text(name)
        if not name:
            return None
        if name not in self.fields:
            self.fields[name], created = field_ensure(name_vi=name)
            self.summary.fields_created += created
        return self.fields[name]

    def save_procedure(self, values: dict[str, Any], digest: str, notes: list[str]) -> Procedure:
        values = dict(values)
        field_name = values.pop("field_name", "")
        data = parse(ProcedureIn, values)
        code = data.code
        known = code in self.existing
        procedure = (Procedure.objects.filter(code=code).first() if known else None) or Procedure(
            code=code
        )
        for name in (
            "name_vi",
            "levels_text",
            "competent_agency_kinds",
            "competent_authority_text",
            "implementing_agencies_text",
            "applicant_types",
            "issuing_ministry",
            "source_url",
        ):
            setattr(procedure, name, getattr(data, name))
        procedure.results = [r.model_dump() for r in data.results]
        procedure.field = self.field(field_name)
        procedure.needs_review = bool(notes)
        procedure.review_notes = "\n".join(dict.fromkeys(notes))
        procedure.source_hash = digest
        procedure.save()
        levels = [self.levels[c] for c in data.level_codes if c in self.levels]
        if known or levels:
            procedure.levels.set(levels)
        return procedure

    def add_version(self, procedure: Procedure, parsed: Parsed, digest: str) -> None:
        latest = procedure.versions.filter(origin=VersionOrigin.IMPORT).order_by("-number").first()
        if latest is not None and latest.source_hash == digest:
            return
        start = IMPORT_EFFECTIVE_FROM
        if latest is not None:
            assert latest.effective_from is not None  # noqa: S101
            start = max(clock.today(), latest.effective_from + dt.timedelta(days=1))
        number = (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ProcedureVersion.objects.create(
            procedure=procedure,
            number=number,
            origin=VersionOrigin.IMPORT,
            status=VersionStatus.DRAFT,
            effective_from=start,
            source_hash=digest,
            **parsed.version,
        )
        for kind, items, schema in (
            ("legal_bases", parsed.legal_bases, LegalBasisIn),
            ("documents", parsed.documents, DocumentIn),
            ("fees", parsed.fees, FeeIn),
            ("time_limits", parsed.time_limits, TimeLimitIn),
        ):
            rows = [
                build_part(kind, version, parse(schema, item, prefix=f"{kind}.{i}"), i, kind)
                for i, item in enumerate(items)
            ]
            type(rows[0]).objects.bulk_create(rows) if rows else None  # type: ignore[attr-defined]
        from motcua.catalog.services.validation import overlap_problems

        problems = overlap_problems(version)
        if problems:
            raise DomainError(
                problems[0].message, details={"effective_from": [problems[0].message]}
            )
        publish_checked(version, reindex=False)

    def load(self, where: str, code: str, digest: str, write: Callable[[], Procedure]) -> None:
        previous = self.existing.get(code)
        if previous is not None and previous[1] == digest:
            self.summary.unchanged += 1
            return
        try:
            with transaction.atomic():
                procedure = write()
        except DomainError as exc:
            self.summary.skipped.append((where, f"{code or '—'}: {_error_text(exc)}"))
            return
        self.existing[code] = (procedure.pk, digest)
        self.changed.append(procedure)
        if previous is None:
            self.summary.created += 1
        else:
            self.summary.updated += 1


def _json_writer(
    loader: _Loader, parsed: Parsed, record: dict[str, Any], digest: str
) -> Callable[[], Procedure]:
    def write() -> Procedure:
        values = {**parsed.procedure, "field_name": record.get("field") or ""}
        procedure = loader.save_procedure(values, digest, parsed.notes)
        loader.add_version(procedure, parsed, digest)
        return procedure

    return write


def _csv_values(row: dict[str, Any]) -> dict[str, Any]:
    agencies = [text(a) for a in (row.get("implementing_agencies") or "").split(" | ") if a.strip()]
    return {
        "code": text(row.get("code")),
        "name_vi": text(row.get("name")),
        "implementing_agencies_text": " | ".join(agencies),
        "issuing_ministry": text(row.get("issuing_ministry")),
        "field_name": text(row.get("field")),
    }


def _csv_writer(loader: _Loader, row: dict[str, Any], digest: str) -> Callable[[], Procedure]:
    def write() -> Procedure:
        values = _csv_values(row)
        note = _("Listed in the national catalogue without details: add a version.")
        return loader.save_procedure(values, digest, [note])

    return write


def _bulk_create_new(loader: _Loader, pending: list[tuple[str, dict[str, Any], str]]) -> None:
    """Create the new CSV-only procedures in bulk (with history rows).

    Each row is validated on its own first; a batch that still fails in the database falls back
    to one savepoint per record, so a bad row never takes others with it.
    """
    from simple_history.utils import bulk_create_with_history

    note = _("Listed in the national catalogue without details: add a version.")
    for start in range(0, len(pending), BULK_BATCH):
        batch, objs = pending[start : start + BULK_BATCH], []
        for where, row, digest in batch:
            values = _csv_values(row)
            field_name = values.pop("field_name")
            try:
                data = parse(ProcedureIn, values)
            except DomainError as exc:
                loader.summary.skipped.append((where, f"{values['code']}: {_error_text(exc)}"))
                continue
            objs.append(
                Procedure(
                    code=data.code,
                    name_vi=data.name_vi,
                    issuing_ministry=data.issuing_ministry,
                    implementing_agencies_text=data.implementing_agencies_text,
                    field=loader.field(field_name),
                    needs_review=True,
                    review_notes=note,
                    source_hash=digest,
                )
            )
        try:
            with transaction.atomic():
                bulk_create_with_history(objs, Procedure, batch_size=BULK_BATCH)
        except IntegrityError:
            for where, row, digest in batch:
                code = text(row.get("code"))
                loader.load(where, code, digest, _csv_writer(loader, row, digest))
            continue
        created = Procedure.objects.filter(code__in=[o.code for o in objs])
        for procedure in created:
            loader.existing[procedure.code] = (procedure.pk, procedure.source_hash)
            loader.changed.append(procedure)
        loader.summary.created += len(objs)


def _code_problem(record: Any) -> str | None:
    if not isinstance(record, dict):
        return _("not an object")
    if not text(record.get("code")):
        return _("no code")
    if not text(record.get("name")):
        return _("no name")
    return None


def import_catalogue(
    *,
    json_path: Path | None = DEFAULT_JSON,
    csv_path: Path | None = DEFAULT_CSV,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import the detailed records and the national list (either may be None to skip it).

    Each record is saved in its own savepoint: a bad record is reported (record or line number
    and reason) and the rest is imported. The search index is refreshed at the end.
    """
    started = clock.now()
    summary = ImportSummary()
    for code, rank, name_vi, name_en in LEVELS:
        UnitLevel.objects.get_or_create(
            code=code, defaults={"rank": rank, "name_vi": name_vi, "name_en": name_en}
        )
    records = _read_json(json_path, summary) if json_path else []
    rows = _read_csv(csv_path, summary) if csv_path else []
    loader = _Loader(summary)
    detailed: set[str] = set()
    total, done = len(records) + len(rows), 0
    for where, record in records:
        done += 1
        problem = _code_problem(record)
        if problem:
            summary.skipped.append((where, problem))
            continue
        code = text(record["code"])
        if code in detailed:
            summary.skipped.append((where, _("%(code)s: repeated in the file") % {"code": code}))
            continue
        try:
            parsed = parse_record(record)
        except (TypeError, ValueError, AttributeError) as exc:
            summary.skipped.append((where, f"{code}: {exc}"))
            continue
        detailed.add(code)
        loader.load(where, code, _hash(record), _json_writer(loader, parsed, record, _hash(record)))
        if progress and done % 100 == 0:
            progress(done, total)
    pending: list[tuple[str, dict[str, Any], str]] = []
    for where, row in rows:
        done += 1
        code = text(row.get("code"))
        if code in detailed:
            summary.covered_by_details += 1
            continue
        if not code or not text(row.get("name")):
            summary.skipped.append((where, _("no code or no name")))
            continue
        detailed.add(code)
        if code in loader.existing:
            loader.load(where, code, _hash(row), _csv_writer(loader, row, _hash(row)))
        else:
            pending.append((where, row, _hash(row)))
        if progress and done % 100 == 0:
            progress(done, total)
    _bulk_create_new(loader, pending)
    if progress:
        progress(total, total)
    with transaction.atomic():
        if len(loader.changed) > BULK_REINDEX_THRESHOLD:
            indexing.procedure_reindex_all()
        else:
            for procedure in loader.changed:
                indexing.procedure_reindex(procedure)
    summary.flagged = Procedure.objects.filter(needs_review=True).count()
    summary.seconds = (clock.now() - started).total_seconds()
    return summary
