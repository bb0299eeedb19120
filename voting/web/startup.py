"""What `voting serve` and `voting db upgrade` do before any worker starts: the database
reached and its schema migrated (once, under the lock of `Database.upgrade`), the message
queue reached. Each failure stops the start with one clear line, not a worker's traceback."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from voting.store import Database
from voting.web.config import configure, instance_path


class StartError(Exception):
    """The server cannot start; the message says why in one line."""


def settings() -> Flask:
    """A bare app carrying the configuration the workers will have (environment, instance)."""
    app = Flask("voting.web", instance_path=instance_path({}) or None)
    configure(app, {})
    return app


def upgrade_database(app: Flask) -> str:
    """Migrate the configured database to the newest revision; its URL, password hidden."""
    shown = make_url(app.config["DATABASE_URL"]).render_as_string(hide_password=True)
    database = Database(app.config["DATABASE_URL"])
    try:
        database.upgrade()
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise StartError(f"the database {shown} cannot be reached or migrated: {reason}") from error
    finally:
        database.dispose()
    return shown


def check_queue(app: Flask) -> None:
    """Reach the message queue (VOTING_MESSAGE_QUEUE), if one is set."""
    url = app.config["MESSAGE_QUEUE"]
    if not url:
        return
    try:
        import redis
    except ImportError as error:
        raise StartError(
            "VOTING_MESSAGE_QUEUE needs the redis package: pip install 'voting[redis]'"
        ) from error
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
        client.ping()
        client.close()
    except (redis.RedisError, ValueError) as error:
        raise StartError(f"the message queue {url} cannot be reached: {error}") from error
