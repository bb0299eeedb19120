"""The hash chain of a conference's events (input in docs/server.md): how an entry is hashed
and linked — used by the server's log (`voting.conference.events`) and by simulated records —
and how the record's chain is checked link by link and against the record's own facts, so that
a dropped, reordered or changed event is caught. Pure: no database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from voting import canonical
from voting.json_shapes import JsonObject
from voting.rules import HeadDecision
from voting.tally.shapes import Entry

FIELDS = {"actor", "at", "conference", "data", "hash", "kind", "prev", "seq"}
HASHED = FIELDS - {"hash"}
GENESIS = "0" * 64


class ChainError(ValueError):
    """The event chain is broken or disagrees with the record."""


def hash_input(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an entry that its hash covers: all but the hash itself."""
    return {name: entry[name] for name in HASHED}


def entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of the entry's hash input."""
    return canonical.sha256_hex(hash_input(entry))


def next_entry(
    last: Mapping[str, Any] | None,
    conference: str,
    kind: str,
    actor: str,
    at: str,
    data: Mapping[str, Any],
) -> dict[str, Any]:
    """The entry that follows `last` (None: the first), with its hash."""
    entry: dict[str, Any] = {
        "actor": actor,
        "at": at,
        "conference": conference,
        "data": dict(data),
        "kind": kind,
        "prev": last["hash"] if last else GENESIS,
        "seq": last["seq"] + 1 if last else 1,
    }
    return {**entry, "hash": entry_hash(entry)}


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


def check_links(entries: Any, conference: str) -> list[Entry]:
    """Every entry well formed, of this conference, and linked to its predecessor from seq 1."""
    if not isinstance(entries, list) or not entries:
        raise ChainError("expected the list of the conference's events")
    read = []
    for item in entries:
        if not isinstance(item, dict) or set(item) != FIELDS:
            raise ChainError(f"an event must have exactly the fields {sorted(FIELDS)}")
        entry = Entry.from_json(item)
        if entry.conference != conference:
            raise ChainError(f"event {entry.seq} is of another conference")
        if not isinstance(entry.data, dict):
            raise ChainError(f"event {entry.seq}: data is not an object")
        read.append(entry)
    broken = first_break(entries)
    if broken is not None:
        raise ChainError(f"the hash chain breaks at event {broken}")
    return read


def check_facts(
    entries: Sequence[Entry],
    *,
    opening: Mapping[str, Any],
    ballots: int,
    ballot_list_hash: str,
    opened_by: Sequence[int],
    signed_by: Sequence[int],
    decision: HeadDecision | None,
    joint_key: str | None = None,
) -> None:
    """The log tells the record's story: the committee completed with `joint_key` (when given),
    the opening froze these facts (`opening`: fingerprint, bases, card counters), the closing
    this ballot list, each opening member's share and count
    signature is logged, the box opened by exactly these members over this many ballots, and
    the head's decision (if any) is the recorded one."""
    if joint_key is not None:
        # The committee completed with this joint key (the last time, before the opening).
        opened_at = next(
            (e.seq for e in entries if e.kind == "phase.changed" and e.data.get("to") == "voting"),
            len(entries) + 1,
        )
        completed = [
            e.data for e in entries if e.kind == "committee.complete" and e.seq < opened_at
        ]
        if not completed or not _same(completed[-1].get("joint_key"), joint_key):
            raise ChainError("the committee.complete event names another joint key, or none")
    frozen = _one(entries, "phase.changed", lambda d: d.get("to") == "voting", "the opening")
    differ = sorted(name for name, value in opening.items() if not _same(frozen.get(name), value))
    if differ:
        raise ChainError(f"the opening event froze another {', '.join(differ)}")
    closing = _one(entries, "phase.changed", lambda d: d.get("to") == "closed", "the closing")
    if not _same(
        [closing.get("ballot_list_hash"), closing.get("ballots")], [ballot_list_hash, ballots]
    ):
        raise ChainError("the closing event names another ballot list")
    for kind, members in (("box.partial", opened_by), ("box.counts_signed", signed_by)):
        logged = {e.data.get("member") for e in entries if e.kind == kind}
        missing = sorted(set(members) - logged)
        if missing:
            raise ChainError(f"no {kind} event of member(s) {missing}")
    opened = _one(entries, "box.opened", lambda _: True, "the opening of the box")
    logged_members = opened.get("members")
    if (
        not isinstance(logged_members, list)
        or not _same(sorted(logged_members), sorted(opened_by))
        or not _same(opened.get("ballots"), ballots)
    ):
        raise ChainError("the box.opened event names other members or another number of ballots")
    decided = [e.data for e in entries if e.kind == "head.decided"]
    if bool(decided) != (decision is not None) or (
        decided and decision is not None and not _same(decided[-1].get("chosen"), decision.chosen)
    ):
        raise ChainError("the head's decision in the log differs from the recorded one")


def _same(logged: Any, expected: Any) -> bool:
    """Equal as canonical JSON (`true` is not 1); an absent value (None) equals nothing."""
    return logged is not None and canonical.dumps(logged) == canonical.dumps(expected)


def _one(entries: Sequence[Entry], kind: str, where: Any, name: str) -> JsonObject:
    found = [e.data for e in entries if e.kind == kind and where(e.data)]
    if len(found) != 1:
        raise ChainError(f"expected one event for {name}, found {len(found)}")
    return found[0]
