"""The conference's event log: append-only, each entry hashed with the previous entry's hash.

How an entry is hashed and linked is `voting.tally.chain` (pure, shared with the record's
verifier); docs/server.md documents the input. This module stores the entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.store import Conference, Event, utc_text, utcnow
from voting.tally.chain import next_entry


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
    entry = next_entry(
        to_entry(last) if last else None, conference.id, kind, actor, utc_text(utcnow()), data
    )
    event = Event(
        conference_id=conference.id,
        seq=entry["seq"],
        kind=kind,
        actor=actor,
        at=entry["at"],
        data=entry["data"],
        prev_hash=entry["prev"],
        hash=entry["hash"],
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
