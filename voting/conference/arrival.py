"""No arrival order in PostgreSQL's storage after closing (design.md guarantee 2).

PostgreSQL appends each cast ballot's row where it has room and stamps it with the inserting
transaction's id (`xmin`): row positions (`ctid`), `xmin` and the order of a dump all follow
the order ballots arrived in. At closing, in the closing transaction, the conference's ballots
are deleted and inserted again in hash order (every row then carries the closing's `xmin`);
after the commit `VACUUM FULL` rewrites the table without the dead rows, so positions, ids and
a dump follow hash order only. SQLite's file is the secrecy work's (its own function, called
for its dialect); other dialects are left as they are.
"""

from __future__ import annotations

from sqlalchemy import Engine, delete, insert, select, text
from sqlalchemy.orm import Session

from voting.store import CastBallot


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def rewrite_in_hash_order(session: Session, conference_id: str) -> None:
    """In the closing transaction: the conference's ballots inserted again in hash order."""
    if not _postgresql(session):
        return
    rows = session.execute(
        select(CastBallot.hash, CastBallot.card, CastBallot.content)
        .where(CastBallot.conference_id == conference_id)
        .order_by(CastBallot.hash)
    ).all()
    session.execute(delete(CastBallot).where(CastBallot.conference_id == conference_id))
    if rows:
        session.execute(
            insert(CastBallot),
            [
                {"conference_id": conference_id, "hash": h, "card": card, "content": content}
                for h, card, content in rows
            ],
        )


def compact(session: Session) -> None:
    """After the closing's commit: the ballots table rewritten without the dead rows (their
    positions and ids kept the arrival order). Takes the table's lock for the rewrite."""
    if not _postgresql(session):
        return
    engine = session.get_bind()
    assert isinstance(engine, Engine)  # the sessions of voting.store are bound to an engine
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"VACUUM FULL {CastBallot.__tablename__}"))
