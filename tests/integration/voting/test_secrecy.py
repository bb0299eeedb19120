"""Issue 16 items 1 and 3, played as an outside attacker with a copy of the database: the
arrival order of ballots cannot be rebuilt from the SQLite file's bytes after the closing, and a
second card batch does not link a late attendee to their ballot once voting is open."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from voting import canonical
from voting.crypto.cards import Card, card_list_hash, make_pool
from voting.store import Base, Database
from voting.store.secrecy import compact, rewrite_ballots_in_hash_order

from .test_flow import cast, close, listing, open_box, open_vote

PRESENT = 20


def _offsets(raw: bytes, needle: bytes) -> list[int]:
    found, at = [], raw.find(needle)
    while at != -1:
        found.append(at)
        at = raw.find(needle, at + 1)
    return found


def test_the_database_file_does_not_keep_the_order_ballots_arrived_in(
    site: Any, organiser: Any, phones: Any, tmp_path: Path, database_url: str | None
) -> None:
    """Cast 20 ballots in a known order, close, then read the file's raw pages (and its WAL):
    where each ballot's bytes sit follows hash order, each ballot is there once (no stale copy
    in a free page), and the WAL holds nothing. Before the rewrite at closing the offsets of the
    ballots' tails gave the arrival order 20/20."""
    if database_url:
        pytest.skip("reads the SQLite file's bytes")
    conference, p = open_vote(site, organiser, phones, present=PRESENT)
    arrival = []
    for card in p.dealt:
        r = cast(site, conference, card, {"s1": []})
        assert r.status_code == 201, r.json
        arrival.append(r.json["receipt"])
    close(organiser, conference)
    # The attacker's copy: the file and its WAL as they are on disk, read before anything else
    # touches them; the ballots' bytes from the published list.
    database = tmp_path / "instance" / "voting.db"
    wal = database.with_name(database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    raw = _raw(database)
    stored = {
        item["hash"]: canonical.dumps(item["ballot"]).decode()
        for item in listing(site, conference)["ballots"]
    }
    assert sorted(stored) == sorted(arrival)
    heads, tails = _pages(raw, stored)
    # The attacker's best guess, the order of the ballots' tails (each in its own overflow
    # page, allocated as rows were written): hash order, not arrival order.
    assert [tails[r] for r in sorted(arrival)] == sorted(tails.values())
    assert [tails[r] for r in arrival] != sorted(tails.values())
    # And the whole layout is a function of the set of ballots alone: the same ballots written
    # in another order, then rewritten and compacted, sit on exactly the same pages.
    # The rewritten table is the one the models describe (constraints, WITHOUT ROWID).
    reader = Database(f"sqlite:///{database}")
    with reader.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    reader.dispose()
    again = _rewritten_in_another_order(database, conference, arrival, stored)
    assert _pages(_raw(again), stored) == (
        heads,
        tails,
    )


def _raw(database: Path) -> bytes:
    """The file's bytes followed by its WAL's, if any."""
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _pages(raw: bytes, stored: dict[str, str]) -> tuple[dict[str, int], dict[str, int]]:
    """The page of each ballot's head (a leaf or interior cell of the table) and of its tail
    (its last overflow page), found in the raw bytes of the file and its WAL; each exactly once
    (no stale copy in a free page or an old WAL frame)."""
    size = int.from_bytes(raw[16:18], "big")  # the page size, in the file's header
    found: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for receipt, content in stored.items():
        for pages, part in zip(found, (content[:200], content[-200:]), strict=True):
            places = _offsets(raw, part.encode())
            assert len(places) == 1, (receipt, len(places))
            pages[receipt] = places[0] // size
    return found


def _rewritten_in_another_order(
    database: Path, conference: str, arrival: list[str], stored: dict[str, str]
) -> Path:
    copy = database.with_name("reference.db")
    shutil.copyfile(database, copy)
    with sqlite3.connect(copy) as writer:
        card = dict(writer.execute("SELECT hash, card FROM cast_ballots").fetchall())
        writer.execute("DELETE FROM cast_ballots")
        for receipt in reversed(arrival):
            writer.execute(
                "INSERT INTO cast_ballots VALUES (?, ?, ?, ?)",
                (conference, receipt, card[receipt], stored[receipt]),
            )
    database_ = Database(f"sqlite:///{copy}")
    with database_.session() as session:
        rewrite_ballots_in_hash_order(session, conference)
        session.commit()
        assert compact(session)
    database_.dispose()
    return copy


def test_a_second_card_batch_does_not_link_a_late_attendee_to_their_ballot(
    site: Any, organiser: Any, phones: Any, tmp_path: Path, database_url: str | None
) -> None:
    """The documented flow of a second desk (or a desk that lost its pool): desk 1 deals to
    everyone on time, desk 2 uploads a batch later and deals one card, to the late attendee.
    Before, the card → batch mapping (and the per-batch key hash, and the cards' row numbers)
    named the late attendee's card, hence their ballot (1/1). Once voting is open, a copy of the
    database holds none of them."""
    if database_url:
        pytest.skip("reads the SQLite file's bytes")
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}"
    p = phones(site, organiser, conference)
    p.ceremony()
    ids = site.attendee_ids(organiser, conference)
    on_time, late = ids[:19], ids[19]
    batches = []
    for desk_number, attendees in enumerate(([*on_time], [late]), start=1):
        desk = site.device(site.issue_device(organiser, conference)["token"])
        pool = make_pool(conference, len(attendees) + 3)
        r = desk.post(f"{base}/cards/batches", json={"keys": list(pool.public_keys)})
        assert r.status_code == 201 and r.json["batch"] == desk_number
        held = [Card.from_secret(conference, s) for s in pool.secrets]
        for attendee in attendees:
            assert desk.post(f"{base}/attendees/{attendee}/check-in").status_code == 200
            assert desk.post(f"{base}/cards/dealt", json={}).status_code == 200
        dealt, undealt = held[: len(attendees)], held[len(attendees) :]
        undealt_keys = sorted(c.public_hex for c in undealt)
        assert desk.put(f"{base}/cards/undealt", json={"keys": undealt_keys}).status_code == 200
        batches.append((pool, dealt, undealt_keys))
    r = organiser.post(f"{base}/phase", json={"to": "voting"})
    assert r.status_code == 200, r.json
    for _, dealt, _ in batches:
        for card in dealt:
            assert cast(site, conference, card, {"s1": []}).status_code == 201
    late_card = batches[1][1][0].public_hex
    database = tmp_path / "instance" / "voting.db"
    raw = _raw(database)
    with sqlite3.connect(database) as reader:
        # No card keeps its batch, and the row numbers follow the keys, not the uploads.
        assert (
            reader.execute("SELECT count(*) FROM cards WHERE batch IS NOT NULL").fetchone()[0] == 0
        )
        by_row = [k for (k,) in reader.execute("SELECT key FROM cards ORDER BY rowid")]
        assert by_row == sorted(by_row) and late_card in by_row
    # No hash of a batch's keys (nor of its undealt keys) to test subsets of the public card
    # list against, anywhere in the file or its WAL (the event log included).
    for pool, _, undealt_keys in batches:
        for keys in (list(pool.public_keys), undealt_keys):
            digest = card_list_hash(sorted(keys))
            assert digest.encode() not in raw


def test_a_box_with_fewer_ballots_than_the_rule_sets_minimum_does_not_open(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Issue 16 item 14: a box with 1 or 2 ballots opened and so told how those voters voted.
    Now the partials are refused with the reason (the committee is told why), nothing is
    decrypted, and the vote can be aborted so that the step is counted on paper."""
    conference, p = open_vote(site, organiser, phones, present=PRESENT)
    base = f"/api/conferences/{conference}"
    assert site.api().get(f"{base}/opening").json["min_ballots"] == 3
    for card in p.dealt[:2]:
        assert cast(site, conference, card, {"s1": []}).status_code == 201
    close(organiser, conference)
    for reply in open_box(site, conference, p, [1, 2]):
        assert reply.status_code == 409 and reply.json["error"]["code"] == "box_below_minimum"
        assert "Chỉ có 2 phiếu, ít hơn mức tối thiểu 3 phiếu" in reply.json["error"]["message"]
    state = site.api().get(f"{base}/state").json
    assert state["phase"] == "closed" and state["result"] == "none"
    assert site.api().get(f"{base}/result").json["status"] == "none"
    r = organiser.post(f"{base}/abort", json={"reason": "Dưới mức tối thiểu: kiểm phiếu giấy"})
    assert r.status_code == 200 and r.json["phase"] == "aborted"
