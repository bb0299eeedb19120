"""The event chain: hash input, appending, and finding the first break."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.fixtures import make_conference
from voting import canonical
from voting.conference import events
from voting.tally.chain import GENESIS, entry_hash, first_break


def chain(length: int) -> list[dict[str, Any]]:
    """A valid chain of `length` plain entries."""
    entries, prev = [], GENESIS
    for seq in range(1, length + 1):
        entry = {
            "actor": "user:a",
            "at": "2022-04-20T08:00:00Z",
            "conference": "c" * 32,
            "data": {"attendee": seq},
            "kind": "checkin",
            "prev": prev,
            "seq": seq,
        }
        entry["hash"] = entry_hash(entry)
        prev = entry["hash"]
        entries.append(entry)
    return entries


def test_the_hash_covers_exactly_the_documented_fields() -> None:
    """Is the hash SHA-256 of the canonical JSON of the seven documented fields, ignoring any
    other key (such as the hash itself)?"""
    [entry] = chain(1)
    fields = {k: entry[k] for k in ("actor", "at", "conference", "data", "kind", "prev", "seq")}
    assert entry["hash"] == hashlib.sha256(canonical.dumps(fields)).hexdigest()
    assert entry_hash(entry | {"extra": "ignored"}) == entry["hash"]


def test_an_intact_chain_has_no_break() -> None:
    assert first_break(chain(4)) is None
    assert first_break([]) is None


@pytest.mark.parametrize(
    ("field", "value", "at"),
    [
        ("data", {"attendee": 99}, 3),
        ("actor", "user:b", 2),
        ("seq", 7, 3),
        ("prev", "f" * 64, 1),
        ("hash", "0" * 64, 4),
    ],
)
def test_any_change_breaks_the_chain_where_it_is(field: str, value: Any, at: int) -> None:
    """Does editing any field of entry `at` show up as a break at that entry?"""
    entries = copy.deepcopy(chain(4))
    entries[at - 1][field] = value
    assert first_break(entries) == at


def test_a_removed_entry_breaks_the_chain() -> None:
    """Does deleting an entry from the middle show up at its place?"""
    entries = chain(4)
    del entries[1]
    assert first_break(entries) == 2


def test_recorded_events_chain_per_conference(session: Session) -> None:
    """Does each conference's log start at seq 1 from the zero hash and chain from there?"""
    first = make_conference(session)
    second = make_conference(session)
    events.record(session, first, "note", "user:test", {"n": 1})
    session.commit()
    log = [events.to_entry(e).to_json() for e in events.log(session, first.id)]
    assert [e["seq"] for e in log] == [1, 2]
    assert log[1]["prev"] == log[0]["hash"]
    assert first_break(log) is None
    assert [e.seq for e in events.log(session, second.id)] == [1]


def test_event_data_must_be_canonical(session: Session) -> None:
    """Is data that canonical JSON cannot hold (a float, a null) refused, not stored?"""
    conference = make_conference(session)
    with pytest.raises(canonical.CanonicalError):
        events.record(session, conference, "note", "user:test", {"ratio": 0.5})
