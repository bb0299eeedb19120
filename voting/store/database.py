"""The engine, its sessions, and the schema brought to the newest migration at start-up."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


class Database:
    """One engine per application; a session per request or per command."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        """A new session; the caller commits or rolls back and closes it."""
        return self.sessions()

    def upgrade(self) -> None:
        """Apply every Alembic migration not yet applied (`alembic upgrade head`)."""
        with self.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        """Close the pooled connections (tests and shutdown)."""
        self.engine.dispose()


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite connections get the durability pragmas on every connect."""
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            private_sqlite_file(Path(database))
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def private_sqlite_file(path: Path) -> None:
    """The database holds password hashes and sealed counts: only the service's own user may
    read it. A folder made here is 0700; the file is made empty with 0600 before SQLite opens
    it (SQLite gives its -wal and -shm files the database file's mode), and an existing file,
    -wal or -shm is brought to 0600. A folder that already exists is left as it is (it may be
    shared: the instance folder's own mode is set where it is made)."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists():
            file.chmod(0o600)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # design.md guarantee 6: nothing acknowledged is lost, so every commit reaches the disk.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Guarantee 2: a deleted or moved row's bytes are zeroed, not left in a free page.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
