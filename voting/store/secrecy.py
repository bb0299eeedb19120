"""No arrival order in the database's bytes (design.md guarantee 2, docs/voting.md "What the
database file keeps").

Cast ballots carry no time and no sequence, but a database still keeps the order in which rows
arrived in its physical layout: SQLite allocates a table's pages (and the overflow pages of a
ballot too long for one page) in insertion order, its WAL file holds each insert as a frame in
commit order, and a deleted row's bytes stay in free pages. At closing (and at an abort) the
ballots table is therefore rewritten in hash order — a new table filled in (conference, hash)
order, the old one dropped, its pages zeroed (every connection has `secure_delete` on) — inside
the closing's transaction; once that is committed the WAL is checkpointed and truncated and the
file vacuumed, so no free page, no overflow page and no WAL frame follows the order of arrival.

PostgreSQL has the same problem (a heap table's tuples sit in insertion order) and its own
remedy, `rewrite_ballots_postgresql`.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
TABLE = "cast_ballots"
_SCRATCH = "cast_ballots_in_hash_order"


def rewrite_ballots_in_hash_order(session: Session, conference_id: str) -> None:
    """Rewrite the ballots table in hash order, in the caller's transaction (the closing of
    `conference_id`, which holds the write lock). Every conference's ballots are rewritten: a
    table is laid out as a whole."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        _rewrite_sqlite(session)
    elif dialect == "postgresql":
        rewrite_ballots_postgresql(session, conference_id)
    else:
        raise NotImplementedError(f"no hash-order rewrite for the {dialect} dialect")


def _rewrite_sqlite(session: Session) -> None:
    schema = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": TABLE},
    ).scalar_one()
    # The same definition (constraints, WITHOUT ROWID) under another name, filled in key order.
    scratch = re.sub(rf"^CREATE TABLE\s+\"?{TABLE}\"?", f"CREATE TABLE {_SCRATCH}", schema)
    if scratch == schema:
        raise RuntimeError(f"unexpected schema of {TABLE}: {schema!r}")
    session.execute(text(f"DROP TABLE IF EXISTS {_SCRATCH}"))
    session.execute(text(scratch))
    session.execute(
        text(f"INSERT INTO {_SCRATCH} SELECT * FROM {TABLE} ORDER BY conference_id, hash")
    )
    session.execute(text(f"DROP TABLE {TABLE}"))
    session.execute(text(f"ALTER TABLE {_SCRATCH} RENAME TO {TABLE}"))


def rewrite_ballots_postgresql(session: Session, conference_id: str) -> None:
    """PostgreSQL: the conference's rows deleted and inserted again in hash order, in the
    caller's transaction; `compact` then runs VACUUM FULL, which writes the table anew."""
    rows = session.execute(
        text(
            f"SELECT conference_id, hash, card, content FROM {TABLE} "
            "WHERE conference_id = :id ORDER BY hash"
        ),
        {"id": conference_id},
    ).all()
    session.execute(text(f"DELETE FROM {TABLE} WHERE conference_id = :id"), {"id": conference_id})
    for row in rows:
        session.execute(
            text(
                f"INSERT INTO {TABLE} (conference_id, hash, card, content) "
                "VALUES (:conference_id, :hash, :card, :content)"
            ),
            row._asdict(),
        )


def compact(session: Session) -> bool:
    """After the rewrite is committed: no free page, no old WAL frame left. SQLite: checkpoint
    and truncate the WAL, VACUUM (the file rewritten in key order, free pages gone), checkpoint
    and truncate again; PostgreSQL: VACUUM FULL of the ballots table. Returns False (logged) if
    the database stayed busy past the busy timeout; the next closing or abort tries again."""
    engine = session.get_bind().engine
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            if engine.dialect.name == "sqlite":
                _compact_sqlite(connection)
            elif engine.dialect.name == "postgresql":
                connection.execute(text(f"VACUUM FULL {TABLE}"))
    except OperationalError as error:
        log.warning("database not compacted after closing (busy): %s", error)
        return False
    return True


def _compact_sqlite(connection: Connection) -> None:
    _checkpoint(connection)
    connection.execute(text("VACUUM"))
    _checkpoint(connection)


def _checkpoint(connection: Connection) -> None:
    busy, _, _ = connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).one()
    if busy:
        raise OperationalError("PRAGMA wal_checkpoint(TRUNCATE)", {}, Exception("busy"))
