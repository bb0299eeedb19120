"""Durability and configuration: SQLite in WAL with synchronous=FULL on every connection, the
schema from migrations, the secret key kept in the instance folder, and a check-in that
survives a new app on the same database."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from voting.store import Base, Database
from voting.store.database import alembic_config
from voting.web import create_app


def test_a_check_in_survives_a_new_app_on_the_same_database(
    site: Any, organiser: Any, tmp_path: Path
) -> None:
    """After a restart (a new app on the same instance folder), is the check-in still there,
    and the old session still valid (same secret key)?"""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    organiser.post(f"/api/conferences/{conference}/attendees/{first}/check-in")
    site.app.extensions["voting.database"].dispose()
    restarted = create_app(
        {
            "INSTANCE_PATH": tmp_path / "instance",
            "TESTING": True,
            "DATABASE_URL": site.app.config["DATABASE_URL"],
        }
    )
    cookie = organiser.client.get_cookie("voting_session")
    organiser.client = restarted.test_client()
    organiser.client.set_cookie("voting_session", cookie.value)
    again = organiser
    assert again.get("/api/session").json["principal"]["name"] == "van-phong"
    state = again.get(f"/api/conferences/{conference}/state").json
    assert (state["convened"], state["present"]) == (25, 1)
    log = again.get(f"/api/conferences/{conference}/events").json
    assert log["chain_intact"] and log["events"][-1]["kind"] == "checkin"
    restarted.extensions["voting.database"].dispose()


def test_every_sqlite_connection_is_wal_with_full_sync(tmp_path: Path) -> None:
    """Is every pooled SQLite connection in WAL mode with synchronous=FULL (2)?"""
    database = Database(f"sqlite:///{tmp_path / 'room.db'}")
    connections = [database.engine.connect() for _ in range(3)]
    try:
        for connection in connections:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        for connection in connections:
            connection.close()
        database.dispose()


def test_models_and_migrations_agree(tmp_path: Path, database_url: str | None) -> None:
    """Would `alembic revision --autogenerate` find nothing to do after `upgrade head` (on
    SQLite, or on PostgreSQL when the suite runs against it)?"""
    database = Database(database_url or f"sqlite:///{tmp_path / 'fresh.db'}")
    database.upgrade()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
    database.upgrade()  # a second start-up applies nothing and fails on nothing
    database.dispose()


def test_the_secret_key_is_made_once_and_owner_only(tmp_path: Path) -> None:
    """Is the secret key written at first start, readable by its owner only, and reused?"""
    instance = tmp_path / "instance"
    first = create_app({"INSTANCE_PATH": instance})
    key_file = instance / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    second = create_app({"INSTANCE_PATH": instance})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["DATABASE_URL"] == f"sqlite:///{instance / 'voting.db'}"
    for app in (first, second):
        app.extensions["voting.database"].dispose()


def test_configuration_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Do VOTING_INSTANCE, VOTING_DATABASE_URL, VOTING_SECRET_KEY and VOTING_PUBLIC_URL set the
    app, with no secret key file written when one is given?"""
    monkeypatch.setenv("VOTING_INSTANCE", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("VOTING_DATABASE_URL", f"sqlite:///{tmp_path / 'room.db'}")
    monkeypatch.setenv("VOTING_SECRET_KEY", "k" * 64)
    monkeypatch.setenv("VOTING_PUBLIC_URL", "http://192.168.1.10:8000")
    app = create_app()
    assert app.instance_path == str(tmp_path / "elsewhere")
    assert app.config["SECRET_KEY"] == "k" * 64
    assert not (tmp_path / "elsewhere" / "secret_key").exists()
    assert (tmp_path / "room.db").exists()
    assert app.test_client().get("/api/ping").json == {
        "ok": True,
        "public_url": "http://192.168.1.10:8000",
    }
    app.extensions["voting.database"].dispose()


def test_the_room_address_and_its_qr_code(site: Any, organiser: Any) -> None:
    """Does the pre-flight call give the configured address and an SVG QR code of it?"""
    response = organiser.get("/api/address").json
    assert response["public_url"] == "http://voting.test:8000"
    assert response["qr_svg"].lstrip().startswith("<?xml") and "<svg" in response["qr_svg"]
    site.app.config["PUBLIC_URL"] = ""
    assert site.code(organiser.get("/api/address")) == "no_public_url"
