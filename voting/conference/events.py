"""The conference's event log: append-only, each entry hashed with the previous entry's hash.

How an entry is hashed and linked is `voting.tally.chain` (pure, shared with the record's
verifier); docs/server.md documents the input. This module stores the entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.shape import Shape
from voting.store import Conference, Event, utc_text, utcnow
from voting.tally.chain import next_entry


class Entry(Shape):
    """An entry of the event log: the plain data that is hashed, published and verified."""

    seq: int
    kind: str
    actor: str
    at: str = Field(
        description="ISO 8601 UTC to the second, hashed as is",
        json_schema_extra={"format": "date-time"},
    )
    conference: str
    data: dict[str, Any]
    prev: str
    hash: str = Field(description="SHA-256 of the canonical JSON of the other fields")


def to_entry(event: Event) -> Entry:
    """A stored event as its entry."""
    return Entry(
        seq=event.seq,
        kind=event.kind,
        actor=event.actor,
        at=event.at,
        conference=event.conference_id,
        data=event.data,
        prev=event.prev_hash,
        hash=event.hash,
    )


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
        to_entry(last).to_json() if last else None,
        conference.id,
        kind,
        actor,
        utc_text(utcnow()),
        data,
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
