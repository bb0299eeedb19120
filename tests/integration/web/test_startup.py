"""Before any worker starts (`voting serve`, `voting db upgrade`): migrations run once under a
lock, and a database or message queue that cannot be reached stops the start with one clear
line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from tests.browser.conftest import free_port
from voting.cli import main


def voting(*args: str, instance: Path, **environment: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from voting.cli import main; main()", *args],
        env=os.environ | {"VOTING_INSTANCE": str(instance)} | environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_workers_starting_together_migrate_once(tmp_path: Path) -> None:
    """Four `voting db upgrade` at once on a fresh database: all succeed, one schema."""
    instance = tmp_path / "instance"
    instance.mkdir()
    runs = [voting("db", "upgrade", instance=instance) for _ in range(4)]
    for run in runs:
        out, errors = run.communicate(timeout=120)
        assert run.returncode == 0, errors
        assert "database schema up to date" in out
    engine = create_engine(f"sqlite:///{instance / 'voting.db'}")
    with engine.connect() as connection:
        [(revisions,)] = connection.execute(text("SELECT count(*) FROM alembic_version"))
    engine.dispose()
    assert revisions == 1


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        (
            "VOTING_DATABASE_URL",
            "postgresql+psycopg://voting:secret@127.0.0.1:{port}/voting",
            # read before migrating: the data folder's key is checked against its records
            "Error: the database postgresql+psycopg://voting:***@127.0.0.1:{port}/voting "
            "cannot be reached or read: ",
        ),
        (
            "VOTING_MESSAGE_QUEUE",
            "redis://127.0.0.1:{port}/0",
            "Error: the message queue redis://127.0.0.1:{port}/0 cannot be reached: ",
        ),
    ],
)
def test_an_unreachable_service_stops_the_start_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, line: str
) -> None:
    port = free_port()  # nothing listens there
    (tmp_path / "instance").mkdir()
    monkeypatch.setenv("VOTING_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv(variable, value.format(port=port))
    result = CliRunner().invoke(main, ["serve", "--port", str(free_port())])
    assert result.exit_code == 1
    # At most the rule set new conferences take is shown first; then one line stops the start.
    *shown, said = result.output.splitlines()
    assert len(shown) <= 1 and all(s.startswith("Bộ quy định / rule set: KH331") for s in shown)
    assert said.startswith(line.format(port=port)), said
    assert "secret" not in said


def test_several_workers_need_a_message_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "instance").mkdir()
    monkeypatch.setenv("VOTING_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("VOTING_MESSAGE_QUEUE", raising=False)
    result = CliRunner().invoke(main, ["serve", "--workers", "2", "--port", str(free_port())])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(
        "Error: --workers above 1 needs VOTING_MESSAGE_QUEUE"
    )
