"""On PostgreSQL, after closing, nothing stored follows the order ballots arrived in: not the
rows' positions (`ctid`), not their transaction ids (`xmin`), not a dump (design.md
guarantee 2; voting.store.secrecy). Before closing they do — which is why the rewrite
exists. SQLite's file is checked by the secrecy tests."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest
from sqlalchemy import make_url, text

from tests.integration.voting.test_flow import cast, close, open_vote
from voting.web.extensions import db


def stored_order(site: Any, conference: str) -> tuple[list[str], list[str], int]:
    """The ballots' hashes in physical order, in the order of the transaction ids that wrote
    them, and how many transactions that was."""
    query = (
        "SELECT hash, xmin::text::bigint FROM cast_ballots WHERE conference_id = :c ORDER BY ctid"
    )
    with site.app.app_context():
        rows = db().execute(text(query), {"c": conference}).all()
    by_writer = [h for h, _ in sorted(rows, key=lambda row: (row[1], row[0]))]
    return [h for h, _ in rows], by_writer, len({x for _, x in rows})


def dumped_order(url: str, conference: str) -> list[str]:
    """The ballots' hashes in the order pg_dump writes them."""
    parsed = make_url(url)
    dump = subprocess.run(
        [
            shutil.which("pg_dump") or "/usr/lib/postgresql/15/bin/pg_dump",
            *("--data-only", "--table", "cast_ballots", "--host", str(parsed.host)),
            *("--port", str(parsed.port), "--username", str(parsed.username)),
            str(parsed.database),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.split("\t")[1] for line in dump.splitlines() if line.startswith(conference)]


def test_closing_leaves_no_arrival_order_in_postgresql(
    site: Any, organiser: Any, phones: Any, database_url: str | None
) -> None:
    if database_url is None:
        pytest.skip("PostgreSQL only: the suite runs it with VOTING_TEST_POSTGRES_URL set")
    conference, p = open_vote(site, organiser, phones, step=4, present=18)
    arrived = []
    for card in p.dealt[:12]:
        r = cast(site, conference, card, {"s1": ["s1c1"]})
        assert r.status_code == 201, r.json
        arrived.append(r.json["receipt"])
    assert arrived != sorted(arrived)  # twelve random hashes: not already in order
    # What a copy of the database betrays before closing: each row's writer, in arrival order.
    physical, by_writer, writers = stored_order(site, conference)
    assert by_writer == arrived and writers == 12
    close(organiser, conference)
    physical, by_writer, writers = stored_order(site, conference)
    assert physical == by_writer == sorted(arrived) and writers == 1
    assert dumped_order(database_url, conference) == sorted(arrived)
