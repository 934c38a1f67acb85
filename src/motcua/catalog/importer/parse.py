# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure parsing of the scraped DVCQG records (procedures_sample.json) into catalogue values.

Rule: **never guess**. The scraper flattened tables into text (data/PROVENANCE.md); a value is
structured only when the text is unambiguous, otherwise the raw text is kept and the row is
flagged ``needs_review`` with a note saying why:

* time limits: "N Ngày làm việc" → N working days, "N Tháng" → N months; "N Ngày" (working or
  calendar days?), "N Giờ" (working or clock hours?) and a bare "N" keep N with no unit;
* fees: "Miễn phí" alone (or with the note "Không", "Không có", "Không quy định") → 0 VND;
  an amount in VND only when written with thousands separators ("2,000 Việt Nam Đồng"), at least
  1,000 and the same on every channel (the source shows "100 VNĐ" beside "100,000 VNĐ" and runs
  digits together: "1100 VNĐ"); the text is always kept and every non-free fee is flagged;
* document quantities: counts above 9 are taken as a digit of the name run into the count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from motcua.agencies.models import AgencyKind
from motcua.catalog.constants import RESULT_CODE_RE, Channel, DocumentRequirement, FeeKind
from motcua.core.text import fold_vi, nfc
from motcua.workcal.deadlines import Unit

CHANNELS = {
    "Trực tiếp": Channel.IN_PERSON,
    "Trực tuyến": Channel.ONLINE,
    "Dịch vụ bưu chính": Channel.POSTAL,
}
LEVELS = {"cấp tỉnh": "province", "cấp huyện": "district", "cấp xã": "commune"}
_TIME_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ|Tháng)?$")
_TIME_UNITS = {"Ngày làm việc": Unit.WORKING_DAY, "Tháng": Unit.MONTH}
# Only amounts written with thousands separators ("2,000 Việt Nam Đồng"); the unformatted
# "VNĐ" style is where the source runs digits together ("1100 VNĐ", "125 VNĐ").
_AMOUNT_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+)\s*Việt Nam Đồng")
_FREE_NOTES = {"", "(Không)", "(Không có)", "(Không quy định)", "(Không quy định.)"}
_QTY_RE = re.compile(r"^(\d+) bản chính(?:,(\d+) bản sao)?$")
_LAW_RE = re.compile(r"\d{1,4}/\d{4}/[A-ZĐ0-9\-]+")
_RESULT_RE = re.compile(r"Mã:\s*([A-Z0-9.\-]+)")
MIN_PLAUSIBLE_FEE = 1000
# Folded name fragment → agency kind (competent / implementing agencies).
_KIND_HINTS = (
    ("uy ban nhan dan cap tinh", AgencyKind.PEOPLES_COMMITTEE),
    ("ubnd cap tinh", AgencyKind.PEOPLES_COMMITTEE),
    ("uy ban nhan dan cap xa", AgencyKind.COMMUNE_COMMITTEE),
    ("ubnd cap xa", AgencyKind.COMMUNE_COMMITTEE),
    ("uy ban nhan dan xa", AgencyKind.COMMUNE_COMMITTEE),
    ("van phong dang ky dat dai", AgencyKind.LAND_REGISTRATION_OFFICE),
    ("thue", AgencyKind.TAX_AUTHORITY),
)


@dataclass
class Parsed:
    """Everything one source record yields; ``notes`` explain each review flag."""

    procedure: dict[str, Any]
    version: dict[str, Any]
    documents: list[dict[str, Any]] = field(default_factory=list)
    fees: list[dict[str, Any]] = field(default_factory=list)
    time_limits: list[dict[str, Any]] = field(default_factory=list)
    legal_bases: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def text(value: Any) -> str:
    return nfc(str(value)) if value is not None else ""


def split_outside_parentheses(value: str) -> list[str]:
    """ "A, B (x, y), C" → ["A", "B (x, y)", "C"]."""
    parts, depth, current = [], 0, ""
    for ch in value:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


def agency_kinds(names: list[str]) -> list[str]:
    kinds: list[str] = []
    for name in names:
        folded = fold_vi(name)
        for hint, kind in _KIND_HINTS:
            if hint in folded and kind not in kinds:
                kinds.append(kind)
        if (folded.startswith("so ") or " so " in f" {folded}") and "department" not in kinds:
            kinds.append(AgencyKind.DEPARTMENT)
    return kinds


def level_codes(value: str) -> list[str]:
    return [LEVELS[p.strip().lower()] for p in value.split(",") if p.strip().lower() in LEVELS]


def results(value: str, notes: list[str]) -> list[dict[str, str]]:
    """ "NameMã: KQ.G12.000804Name2Mã: ..." → [{"name", "code"}]; odd codes stay in the name."""
    out, start = [], 0
    for match in _RESULT_RE.finditer(value):
        name, code = value[start : match.start()].strip(), match.group(1).rstrip(".")
        if not RESULT_CODE_RE.match(code):
            notes.append(_("Result code “%(code)s” has an unexpected shape.") % {"code": code})
            name, code = f"{name} (Mã: {code})", ""
        if name:
            out.append({"name": name, "code": code})
        start = match.end()
    rest = value[start:].strip()
    if rest:
        out.append({"name": rest, "code": ""})
    return out


def legal_bases(raw: str) -> list[dict[str, str]]:
    """Split "Tên văn bản pháp lýMã văn bản<title><number><title><number>..." into rows."""
    body = raw.replace("Tên văn bản pháp lýMã văn bản", "", 1)
    rows, start = [], 0
    for match in _LAW_RE.finditer(body):
        number, end = match.group(0), match.end()
        following = body[end : end + 1]
        # A number ends a row when the next title starts right after it: at the end of the
        # text, before a capital the token cannot hold ("Ủy"), or — when the token swallowed
        # the capital of the next title ("NĐ-CPLuật") — before a lower-case letter.
        if following.islower():
            number, end = number[:-1], end - 1
        elif following and not following.isupper():
            continue
        title = body[start : match.start()].strip()
        if title:
            rows.append({"title": title, "number": number})
        start = end
    rest = body[start:].strip()
    if rest:
        rows.append({"title": rest, "number": ""})
    return rows


def time_limit(channel: str, item: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    raw = text(item.get("processing_time"))
    row: dict[str, Any] = {
        "channel": channel,
        "raw": text(item.get("raw")) or raw,
        "amount": None,
        "unit": None,
        "needs_review": True,
    }
    match = _TIME_RE.match(raw)
    if match:
        amount = Decimal(match.group(1).replace(",", "."))
        row["amount"] = amount if amount > 0 else None
        unit = _TIME_UNITS.get(match.group(2) or "")
        if unit is not None and amount > 0:
            row["unit"], row["needs_review"] = unit, False
    if row["needs_review"]:
        notes.append(
            _("Time limit (%(channel)s) “%(raw)s”: unit not stated or ambiguous; not guessed.")
            % {"channel": channel, "raw": raw or "—"}
        )
    return row


def fee_amount(fee_text: str) -> int | None:
    """The VND amount written at the start of ``fee_text``, or None."""
    match = _AMOUNT_RE.match(fee_text)
    if not match:
        return None
    return int(match.group(1).replace(",", ""))


def fees(channels: list[tuple[str, str]], notes: list[str]) -> list[dict[str, Any]]:
    """Fee rows from (channel, fee text) pairs; one row for all channels when they agree."""
    texts = {t for _c, t in channels}
    groups = [("", next(iter(texts)))] if len(texts) == 1 else channels
    amounts = {fee_amount(t) for _c, t in channels}
    consistent = len(amounts) == 1
    rows = []
    for channel, fee_text in groups:
        row: dict[str, Any] = {
            "name": "Phí, lệ phí",
            "kind": FeeKind.FEE,
            "channel": channel or None,
            "raw": fee_text,
            "amount_vnd": None,
            "schedule_text": "",
            "needs_review": True,
        }
        if fee_text.startswith("Miễn phí") and fee_text[len("Miễn phí") :].strip() in _FREE_NOTES:
            row["amount_vnd"], row["needs_review"] = 0, False
        else:
            amount = fee_amount(fee_text)
            if amount is not None and amount >= MIN_PLAUSIBLE_FEE and consistent:
                row["amount_vnd"] = amount
                row["schedule_text"] = fee_text
            else:
                row["schedule_text"] = fee_text or "—"
            notes.append(
                _("Fee (%(channel)s) “%(text)s”: amount or kind not certain; kept as text.")
                % {"channel": channel or _("all channels"), "text": fee_text[:80]}
            )
        rows.append(row)
    return rows


def documents(items: list[dict[str, Any]], notes: list[str]) -> list[dict[str, Any]]:
    rows, group = [], ""
    for item in items:
        if item.get("group"):
            group = text(item["group"])
        quantity = text(item.get("quantity"))
        row: dict[str, Any] = {
            "name": text(item.get("document")) or "—",
            "group": "" if group == "--" else group,
            "quantity_raw": quantity,
            "originals": None,
            "copies": None,
            "needs_review": True,
            "requirement": DocumentRequirement.SHOW_ONLY
            if "xuất trình" in group.lower()
            else DocumentRequirement.MANDATORY,
        }
        match = _QTY_RE.match(quantity)
        if match:
            originals, copies = int(match.group(1)), int(match.group(2) or 0)
            if originals <= 9 and copies <= 9:
                row.update(originals=originals, copies=copies, needs_review=False)
        if row["needs_review"]:
            notes.append(_("Document quantity “%(q)s” is not clear.") % {"q": quantity or "—"})
        rows.append(row)
    return rows


def parse_record(record: dict[str, Any]) -> Parsed:
    """Catalogue values of one scraped record (validated later by the services' schemas)."""
    notes: list[str] = []
    names = [text(a) for a in record.get("implementing_agencies") or []]
    competent = text(record.get("competent_authority"))
    procedure = {
        "code": text(record.get("code")),
        "name_vi": text(record.get("name")),
        "levels_text": text(record.get("implementing_level")),
        "level_codes": level_codes(text(record.get("implementing_level"))),
        "competent_agency_kinds": agency_kinds([competent, *names] if competent else names),
        "competent_authority_text": competent,
        "implementing_agencies_text": " | ".join(names),
        "applicant_types": split_outside_parentheses(text(record.get("applicants"))),
        "results": results(text(record.get("result")), notes),
        "issuing_ministry": text(record.get("issuing_ministry")),
        "source_url": text(record.get("source_url")),
    }
    version: dict[str, Any] = {
        "decision_number": text(record.get("announcing_decision")),
        "steps_text": text(record.get("steps_raw")),
        "requirements_text": text(record.get("requirements")),
        "legal_basis_raw": text(record.get("legal_basis_raw")),
        "documents_raw": text(record.get("required_documents_raw")),
        "inter_agency": bool(record.get("coordinating_agency")),
    }
    notes.append(_("Service mode (full/partial online) is not given by the source."))
    parsed = Parsed(procedure=procedure, version=version, notes=notes)
    seen: set[str] = set()
    fee_pairs = []
    for item in record.get("submission_channels") or []:
        channel = CHANNELS.get(text(item.get("channel")))
        if channel is None or channel in seen:
            notes.append(
                _("Channel entry “%(raw)s” repeated or unknown; kept in the raw text.")
                % {"raw": text(item.get("raw"))[:80]}
            )
            continue
        seen.add(channel)
        parsed.time_limits.append(time_limit(channel, item, notes))
        fee_pairs.append((str(channel), text(item.get("fee_text"))))
    if fee_pairs:
        parsed.fees = fees(fee_pairs, notes)
    parsed.documents = documents(record.get("required_documents") or [], notes)
    parsed.legal_bases = legal_bases(version["legal_basis_raw"])
    return parsed
