"""Extensions created unbound and bound in the factory, and the request's database session."""

from __future__ import annotations

from flask import current_app, g
from flask_socketio import SocketIO
from sqlalchemy.orm import Session

from voting.store import Database

socketio = SocketIO()

DATABASE = "voting.database"


def database() -> Database:
    """The application's database."""
    found: Database = current_app.extensions[DATABASE]
    return found


def db() -> Session:
    """The session of this request (or Socket.IO event), opened at first use."""
    if "db" not in g:
        g.db = database().session()
    session: Session = g.db
    return session


def close_db(_error: BaseException | None = None) -> None:
    """Close the session at the end of the request; anything uncommitted is rolled back."""
    session = g.pop("db", None)
    if session is not None:
        session.close()
