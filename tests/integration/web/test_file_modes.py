"""Issue 16 item 12: the database holds password hashes and sealed counts, so the SQLite file
and its -wal and -shm are 0600 and a folder made for it 0700, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from voting.store import Database


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """The umask of a careless service file: files 0644 (or 0666), folders 0755."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_database_and_its_wal_are_private(tmp_path: Path, permissive_umask: None) -> None:
    path = tmp_path / "data" / "voting.db"
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    with database.session() as session:
        session.execute(text("SELECT 1 FROM users"))  # an open connection: -wal and -shm exist
        for name in ("voting.db", "voting.db-wal", "voting.db-shm"):
            assert _mode(path.with_name(name)) == 0o600, name
    assert _mode(path.parent) == 0o700
    database.dispose()


def test_an_existing_world_readable_database_is_made_private(
    tmp_path: Path, permissive_umask: None
) -> None:
    path = tmp_path / "voting.db"
    Database(f"sqlite:///{path}").upgrade()
    for name in ("voting.db", "voting.db-wal", "voting.db-shm"):
        if path.with_name(name).exists():
            path.with_name(name).chmod(0o644)
    database = Database(f"sqlite:///{path}")
    assert _mode(path) == 0o600
    database.dispose()


def test_the_instance_database_is_private(app: object, tmp_path: Path) -> None:
    database = tmp_path / "instance" / "voting.db"
    if not database.exists():
        pytest.skip("the tests run on PostgreSQL")
    assert _mode(database) == 0o600
