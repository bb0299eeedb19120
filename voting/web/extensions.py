"""Extensions created unbound and bound in the factory, and the request's database session:
one unit of work per request (`voting.store.unit`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, g
from flask_socketio import SocketIO
from sqlalchemy.orm import Session

from voting.store import Database, unit

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


def one_unit_per_view(app: Flask) -> None:
    """Make every view of `app` (call once its blueprints are registered) one unit of work."""
    for endpoint, view in list(app.view_functions.items()):
        app.view_functions[endpoint] = _in_unit_of_work(view)


def _in_unit_of_work(view: Callable[..., Any]) -> Callable[..., Response]:
    @functools.wraps(view)
    def run(*args: Any, **kwargs: Any) -> Response:
        """The request's one commit, when the view has answered and before the answer is sent
        (so an answered cast is on disk), then what waited for it (the room's pushes). An
        answer of 400 or more rolls back; an exception — the view's or the commit's — goes to
        the app's error handlers uncommitted, and the teardown rolls it back."""
        response = current_app.make_response(view(*args, **kwargs))
        session = g.get("db")
        if session is not None:
            if response.status_code < 400:
                unit.commit(session)
            else:
                unit.rollback(session)
        return response

    return run


def close_db(_error: BaseException | None = None) -> None:
    """Close the session at the end of the request; anything uncommitted is rolled back."""
    session = g.pop("db", None)
    if session is not None:
        session.close()
