"""The web application: JSON API under /api/, Socket.IO namespace /room.

`create_app` is the one factory (flaskr's pattern): configuration, database with migrations
applied, blueprints, error handlers and Socket.IO bound to a fresh Flask app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from flask import Flask

from voting.conference import verifier
from voting.store import Database
from voting.web import errors, headers, https, logs
from voting.web.api import BLUEPRINTS
from voting.web.config import configure, instance_path, verify_processes
from voting.web.extensions import DATABASE, close_db, one_unit_per_view, socketio
from voting.web.pages import BLUEPRINTS as PAGES


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """A configured application whose database schema is at the newest migration. `config`
    overrides the environment (tests); `INSTANCE_PATH` in it chooses the instance folder."""
    config = config or {}
    instance = instance_path(config)
    app = Flask(__name__, instance_path=instance or None, instance_relative_config=True)
    configure(app, config)
    logs.configure(app)
    https.configure(app)
    verifier.configure(verify_processes(app.config["VERIFY_PROCESSES"]), app.config["WORKERS"])
    # Vietnamese stays readable in responses (UTF-8 JSON rather than \u escapes).
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    database = Database(app.config["DATABASE_URL"])
    database.upgrade()
    app.extensions[DATABASE] = database
    app.teardown_appcontext(close_db)
    errors.register(app)
    headers.register(app)
    for blueprint in BLUEPRINTS + PAGES:
        app.register_blueprint(blueprint)
    one_unit_per_view(app)
    # The /room namespace is registered on `socketio` when voting.web.room is imported (by
    # the blueprints that push state), once per process, so init_app binds it to this app.
    socketio.init_app(
        app, async_mode=async_mode(), message_queue=app.config["MESSAGE_QUEUE"] or None
    )
    return app


def async_mode() -> Literal["gevent", "threading"]:
    """gevent under `voting serve` (its workers patch the standard library before loading the
    app: voting.web.server), threads under any other server (the tests' werkzeug)."""
    from gevent import monkey  # type: ignore[import-untyped]

    return "gevent" if monkey.is_module_patched("socket") else "threading"
