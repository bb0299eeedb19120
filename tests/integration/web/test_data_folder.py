"""`voting serve` and `voting admin` on a real installation: an explicit data folder, checked
before anything starts, owner-only files (voting.web.instance)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from voting.crypto.installation import KEY_FILE
from voting.web import create_app
from voting.web.commands import admin, serve
from voting.web.config import installation_fingerprint
from voting.web.instance import InstanceError, prepare


@pytest.fixture(autouse=True)
def restored_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`prepare` exports VOTING_INSTANCE and sets the umask of the process: both are put back."""
    monkeypatch.setenv("VOTING_INSTANCE", "unset")
    monkeypatch.delenv("VOTING_INSTANCE")
    umask = os.umask(0o022)
    yield
    os.umask(umask)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def refused(args: list[str], env: dict[str, str], command: object = serve) -> str:
    """The message of a command that must stop before starting anything."""
    result = CliRunner().invoke(command, args, env=env)  # type: ignore[arg-type]
    assert result.exit_code == 1, result.output
    return result.output


def test_serve_refuses_to_start_without_a_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VOTING_INSTANCE", raising=False)
    monkeypatch.setattr("voting.web.instance.DEFAULT", tmp_path / "var-lib-voting")
    monkeypatch.chdir(tmp_path)
    output = refused(["--port", "0"], {})
    assert "no data folder: set VOTING_INSTANCE" in output
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_is_used_when_it_is_writable(tmp_path: Path) -> None:
    default = tmp_path / "var-lib-voting"
    default.mkdir(mode=0o755)
    assert prepare({}, default) == default
    assert mode(default) == 0o700


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: None, "does not exist: create it"),
        (lambda folder: folder.write_text("x"), "is not a folder"),
    ],
)
def test_a_missing_or_wrong_data_folder_is_refused_and_nothing_made(
    tmp_path: Path, make: object, message: str
) -> None:
    folder = tmp_path / "data"
    make(folder)  # type: ignore[operator]
    before = sorted(tmp_path.iterdir())
    assert message in refused([], {"VOTING_INSTANCE": str(folder)})
    assert message in refused(
        ["create", "--role", "organiser", "--username", "a", "--password-stdin"],
        {"VOTING_INSTANCE": str(folder)},
        admin,
    )
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.skipif(os.getuid() == 0, reason="root may read any folder")
def test_an_unreadable_data_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o000)
    assert "cannot be read and written" in refused([], {"VOTING_INSTANCE": str(folder)})


def test_a_world_readable_folder_is_made_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    (folder / "voting.db").touch(mode=0o644)
    (folder / "secret_key").touch(mode=0o640)
    assert prepare({"VOTING_INSTANCE": str(folder)}) == folder
    assert mode(folder) == 0o700
    assert mode(folder / "voting.db") == mode(folder / "secret_key") == 0o600


def test_files_made_after_the_checks_are_owner_only(tmp_path: Path) -> None:
    """Everything the app makes (database, the secret key, the installation key) is 0600."""
    folder = tmp_path / "data"
    folder.mkdir()
    prepare({"VOTING_INSTANCE": str(folder)})
    app = create_app({"TESTING": True})
    installation_fingerprint(app)
    app.extensions["voting.database"].dispose()
    made = sorted(path.name for path in folder.iterdir())
    assert {"voting.db", "secret_key", KEY_FILE} <= set(made)
    assert {name: mode(folder / name) for name in made} == dict.fromkeys(made, 0o600)


@pytest.mark.parametrize("content", ["not hex\n", "", "ab" * 16 + "\n", "é"])
def test_a_wrong_key_file_is_refused_and_kept(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    key = folder / KEY_FILE
    key.write_text(content)
    key.chmod(0o600)
    output = refused([], {"VOTING_INSTANCE": str(folder)})
    assert "installation key:" in output and KEY_FILE in output
    assert key.read_text() == content
    assert sorted(p.name for p in folder.iterdir()) == [KEY_FILE]


def test_instance_error_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InstanceError) as caught:
        prepare({"VOTING_INSTANCE": str(tmp_path / "absent")})
    assert "\n" not in str(caught.value)
