# SPDX-License-Identifier: AGPL-3.0-or-later
"""THE function that appends a dossier event, and the hash chain it maintains.

Legal basis: Decree 61/2018/NĐ-CP Art 19 (every processing step recorded in the system) and
Circular 01/2018/TT-VPCP (control slip, logbook). Each event's ``hash`` is the SHA-256 of a
canonical JSON of the event including ``prev_hash``, so rewriting any row breaks the chain from
there on; ``manage.py dossier_verify`` names the first broken link.

Pre: the caller holds the dossier row lock (``select_for_update``) inside ``transaction.atomic``.
Post: one ``DossierEvent`` with ``seq = dossier.event_seq + 1``; the dossier's chain head updated
in memory (the caller saves the dossier, with ``event_seq``/``event_hash`` in ``update_fields``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from motcua.core import clock
from motcua.core.rows import insert_row
from motcua.core.writes import Writes
from motcua.dossiers.models import Dossier, DossierEvent, EventType

EVENT_FIELDS = ("dossier_id", "seq", "type", "actor_id", "agency_id", "occurred_at", "payload")


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def json_safe(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload as the database will give it back (datetimes as UTC ISO strings)."""
    result: dict[str, Any] = json.loads(json.dumps(payload, default=_default, ensure_ascii=False))
    return result


def event_hash(
    *,
    dossier_id: int,
    seq: int,
    type: str,
    actor_id: int | None,
    agency_id: int | None,
    occurred_at: dt.datetime,
    payload: Mapping[str, Any],
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        {
            "dossier": dossier_id,
            "seq": seq,
            "type": type,
            "actor": actor_id,
            "agency": agency_id,
            # Microseconds survive both databases; UTC so the text does not depend on the zone.
            "at": occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "payload": payload,
            "prev": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=_default,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def event_append(
    *,
    dossier: Dossier,
    type: EventType | str,
    actor: Any = None,
    agency: Any = None,
    payload: Mapping[str, Any] | None = None,
    occurred_at: dt.datetime | None = None,
    writes: Writes | None = None,
) -> DossierEvent:
    """Append the next event of ``dossier`` (see module docstring for pre/post-conditions).

    The event is inserted at once (one prepared INSERT, no ORM compilation: the hot path of
    every action; no signals, side effects are enqueued by the services), or with ``writes``
    when they are sent (with the dossier's own update, ``core.writes``). Post:
    ``dossier.event_seq``/``event_hash`` already name it, so the dossier row and the event
    must be written in the same transaction."""
    moment = occurred_at or clock.now()
    body = json_safe(payload or {})
    seq = dossier.event_seq + 1
    actor_id = getattr(actor, "pk", None)
    agency_id = getattr(agency, "pk", None)
    digest = event_hash(
        dossier_id=dossier.pk,
        seq=seq,
        type=str(type),
        actor_id=actor_id,
        agency_id=agency_id,
        occurred_at=moment,
        payload=body,
        prev_hash=dossier.event_hash,
    )
    event = DossierEvent(
        dossier=dossier,
        seq=seq,
        type=str(type),
        actor_id=actor_id,
        agency_id=agency_id,
        occurred_at=moment,
        payload=body,
        prev_hash=dossier.event_hash,
        hash=digest,
    )
    if writes is None:
        insert_row(event)
    else:
        writes.insert(event)
    dossier.event_seq, dossier.event_hash = seq, digest
    return event


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    reason: str


def chain_verify(events: Iterator[DossierEvent] | list[DossierEvent]) -> BrokenLink | None:
    """The first event whose sequence, back-link or hash does not hold; None when intact."""
    prev, expected_seq = "", 1
    for event in events:
        if event.seq != expected_seq:
            return BrokenLink(expected_seq, "missing or reordered event")
        if event.prev_hash != prev:
            return BrokenLink(event.seq, "previous-hash link broken")
        digest = event_hash(
            dossier_id=event.dossier_id,
            seq=event.seq,
            type=event.type,
            actor_id=event.actor_id,
            agency_id=event.agency_id,
            occurred_at=event.occurred_at,
            payload=event.payload,
            prev_hash=event.prev_hash,
        )
        if digest != event.hash:
            return BrokenLink(event.seq, "content does not match its hash")
        prev, expected_seq = event.hash, expected_seq + 1
    return None
