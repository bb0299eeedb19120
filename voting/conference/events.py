"""The conference's event log: append-only, each entry hashed with the previous entry's hash.

The hash of an entry is SHA-256 over the canonical JSON (voting.canonical) of
`{"actor", "at", "conference", "data", "kind", "prev", "seq"}`; the first entry's `prev` is 64
zeros. docs/server.md documents the input; issue 6 verifies the chain in the signed record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting import canonical
from voting.store import Conference, Event, utc_text, utcnow

GENESIS = "0" * 64


def hash_input(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an entry that its hash covers, under their hashed names."""
    return {
        "actor": entry["actor"],
        "at": entry["at"],
        "conference": entry["conference"],
        "data": entry["data"],
        "kind": entry["kind"],
        "prev": entry["prev"],
        "seq": entry["seq"],
    }


def entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of the entry's hash input."""
    return canonical.sha256_hex(hash_input(entry))


def to_entry(event: Event) -> dict[str, Any]:
    """An event as the plain data that is hashed, published and verified."""
    return {
        "actor": event.actor,
        "at": event.at,
        "conference": event.conference_id,
        "data": event.data,
        "hash": event.hash,
        "kind": event.kind,
        "prev": event.prev_hash,
        "seq": event.seq,
    }


def record(
    session: Session, conference: Conference, kind: str, actor: str, data: Mapping[str, Any]
) -> Event:
    """Append an event. The caller holds the conference's lock (`conferences.lock`), so the
    previous entry read here is the last one."""
    last = session.execute(
        select(Event)
        .where(Event.conference_id == conference.id)
        .order_by(Event.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    entry: dict[str, Any] = {
        "actor": actor,
        "at": utc_text(utcnow()),
        "conference": conference.id,
        "data": dict(data),
        "kind": kind,
        "prev": last.hash if last else GENESIS,
        "seq": last.seq + 1 if last else 1,
    }
    event = Event(
        conference_id=conference.id,
        seq=entry["seq"],
        kind=kind,
        actor=actor,
        at=entry["at"],
        data=entry["data"],
        prev_hash=entry["prev"],
        hash=entry_hash(entry),
    )
    session.add(event)
    session.flush()
    return event


def log(session: Session, conference_id: str) -> list[Event]:
    """Every event of the conference, oldest first."""
    return list(
        session.execute(
            select(Event).where(Event.conference_id == conference_id).order_by(Event.seq)
        ).scalars()
    )


def first_break(entries: Iterable[Mapping[str, Any]]) -> int | None:
    """The position (1-based, which is its seq in an intact log) of the first entry that does
    not follow from its predecessor — wrong number, wrong `prev`, or a hash that does not match
    its content — or None for an intact chain."""
    prev = GENESIS
    for position, entry in enumerate(entries, start=1):
        if entry["seq"] != position or entry["prev"] != prev or entry_hash(entry) != entry["hash"]:
            return position
        prev = entry["hash"]
    return None
