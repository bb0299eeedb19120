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
The cards table is rewritten the same way, in key order, at the opening: until then a card
keeps the batch it was uploaded in (a desk returns its own undealt keys), after it nothing —
not even a row number — says which batch, uploaded when, a card came from.

PostgreSQL has the same problem (a heap table's tuples sit in insertion order) and its own
remedy: the rows deleted and inserted again in key order, then VACUUM FULL
(`rewrite_ballots_postgresql`).
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
BALLOTS, CARDS = "cast_ballots", "cards"
# Each table and the key it is rewritten in: the only order left in it.
_ORDER = {BALLOTS: "conference_id, hash", CARDS: "conference_id, key"}


def rewrite_ballots_in_hash_order(session: Session, conference_id: str) -> None:
    """Rewrite the ballots table in hash order, in the caller's transaction (the closing of
    `conference_id`, which holds the write lock)."""
    _rewrite(session, BALLOTS, conference_id)


def rewrite_cards_in_key_order(session: Session, conference_id: str) -> None:
    """Rewrite the cards table in key order, in the caller's transaction (the opening), so no
    row number says which batch, uploaded when, a card came from."""
    _rewrite(session, CARDS, conference_id)


def rewrite_ballots_postgresql(session: Session, conference_id: str) -> None:
    """PostgreSQL: the conference's ballots deleted and inserted again in hash order, in the
    caller's transaction; `compact` then runs VACUUM FULL, which writes the table anew."""
    _rewrite_postgresql(session, BALLOTS, conference_id)


def _rewrite(session: Session, table: str, conference_id: str) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        _rewrite_sqlite(session, table)
    elif dialect == "postgresql":
        if table == BALLOTS:
            rewrite_ballots_postgresql(session, conference_id)
        else:
            _rewrite_postgresql(session, table, conference_id)
    else:
        raise NotImplementedError(f"no rewrite in key order for the {dialect} dialect")


def _rewrite_sqlite(session: Session, table: str) -> None:
    """Every conference's rows: a SQLite table is laid out as a whole."""
    scratch = f"{table}_rewritten"
    schema = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": table},
    ).scalar_one()
    # The same definition (constraints, WITHOUT ROWID) under another name, filled in key order;
    # a rowid table's new row numbers follow the key.
    copy = re.sub(rf"^CREATE TABLE\s+\"?{table}\"?", f"CREATE TABLE {scratch}", schema)
    if copy == schema:
        raise RuntimeError(f"unexpected schema of {table}: {schema!r}")
    session.execute(text(f"DROP TABLE IF EXISTS {scratch}"))
    session.execute(text(copy))
    session.execute(text(f"INSERT INTO {scratch} SELECT * FROM {table} ORDER BY {_ORDER[table]}"))
    session.execute(text(f"DROP TABLE {table}"))
    session.execute(text(f"ALTER TABLE {scratch} RENAME TO {table}"))


def _rewrite_postgresql(session: Session, table: str, conference_id: str) -> None:
    rows = session.execute(
        text(f"SELECT * FROM {table} WHERE conference_id = :id ORDER BY {_ORDER[table]}"),
        {"id": conference_id},
    ).all()
    session.execute(text(f"DELETE FROM {table} WHERE conference_id = :id"), {"id": conference_id})
    if rows:
        names = list(rows[0]._fields)
        session.execute(
            text(
                f"INSERT INTO {table} ({', '.join(names)}) "
                f"VALUES ({', '.join(':' + name for name in names)})"
            ),
            [row._asdict() for row in rows],
        )


def compact(session: Session) -> bool:
    """After a rewrite is committed: no free page, no old WAL frame left. SQLite: checkpoint
    and truncate the WAL, VACUUM (the file rewritten in key order, free pages gone), checkpoint
    and truncate again; PostgreSQL: VACUUM FULL of the ballots and cards tables. Returns
    False (logged) if the database stayed busy past the busy timeout; the next opening, closing
    or abort tries again."""
    engine = session.get_bind().engine
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            if engine.dialect.name == "sqlite":
                _compact_sqlite(connection)
            elif engine.dialect.name == "postgresql":
                connection.execute(text(f"VACUUM FULL {BALLOTS}, {CARDS}"))
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
