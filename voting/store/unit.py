"""One unit of work per request, command or set-up: services only flush, the boundary commits.

A service checks, changes and flushes (so a constraint fails inside it, with its own error) but
never commits: a service that composes others (`processes.start`, `conferences.create_with_…`)
is then all-or-nothing, and so is a view that calls a service and fails after it. The one
place that commits is the boundary — the web request (`voting.web.extensions`), a CLI command
or the demo's set-up (`unit_of_work`) — and on an error it rolls back.

What must happen only once the change is durable — a Socket.IO push of the new state, the
compaction after the secrecy rewrite (`voting.store.secrecy.compact`) — is registered with
`after_commit` by whoever asks for it and run by `commit` after the transaction is on disk;
a rollback forgets it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session

_AFTER_COMMIT = "voting.after_commit"


def after_commit(session: Session, action: Callable[[], object]) -> None:
    """Run `action` once the session's unit of work is committed (never if it rolls back)."""
    session.info.setdefault(_AFTER_COMMIT, []).append(action)


def commit(session: Session) -> None:
    """Commit the unit of work, then run what waited for it, in the order it was asked."""
    session.commit()
    actions: list[Callable[[], object]] = session.info.pop(_AFTER_COMMIT, [])
    for action in actions:
        action()


def rollback(session: Session) -> None:
    """Undo the unit of work and forget what waited for its commit."""
    session.info.pop(_AFTER_COMMIT, None)
    session.rollback()


@contextlib.contextmanager
def unit_of_work(session: Session) -> Iterator[Session]:
    """A CLI command's or a set-up's unit: committed if the block ends, rolled back if it
    raises."""
    try:
        yield session
    except BaseException:
        rollback(session)
        raise
    commit(session)
