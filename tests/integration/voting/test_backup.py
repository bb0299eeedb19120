"""`voting backup` while ballots are being cast, `voting restore` into a new data folder: the
conference goes on there and its record verifies with the backed-up installation key; a
changed file, a key that did not sign the records and a backup of another installation are
each refused with nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.fixtures import fresh_database, make_app
from tests.integration.voting import test_flow as flow
from tests.integration.voting import test_record_flow as record_flow
from voting.cli import main
from voting.crypto.installation import KEY_FILE
from voting.web.extensions import DATABASE


@pytest.fixture(autouse=True)
def restored_umask() -> Iterator[None]:
    """The commands set the process's umask to 077; the test process gets its own back."""
    umask = os.umask(0o022)
    yield
    os.umask(umask)


@pytest.fixture
def second_database_url() -> Iterator[str | None]:
    """Where the restore goes: SQLite in its folder, or a second fresh PostgreSQL database."""
    with fresh_database() as url:
        yield url


def run(*args: str, folder: Path, url: str | None) -> Any:
    env = {"VOTING_INSTANCE": str(folder), "VOTING_DATABASE_URL": url or ""}
    return CliRunner().invoke(main, list(args), env=env)


def test_a_backup_during_the_vote_restores_and_its_record_verifies(
    site: Any, organiser: Any, phones: Any, tmp_path: Path, second_database_url: str | None
) -> None:
    conference, p = flow.open_vote(site, organiser, phones, step=4, present=18)
    for card in p.dealt[:4]:
        assert flow.cast(site, conference, card, {"s1": ["s1c1"]}).status_code == 201
    original = Path(site.app.instance_path)
    url = site.app.config["DATABASE_URL"]
    backup = tmp_path / "backup"

    first_cast = threading.Event()

    def cast_more() -> None:
        for card in p.dealt[4:12]:
            assert flow.cast(site, conference, card, {"s1": ["s1c2"]}).status_code == 201
            first_cast.set()

    casting = threading.Thread(target=cast_more)
    casting.start()
    assert first_cast.wait(30)
    made = run("backup", str(backup), folder=original, url=url)
    casting.join()
    assert len(flow.listing(site, conference)["ballots"]) == 12
    assert made.exit_code == 0, made.output
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["files"]) >= {KEY_FILE, "secret_key"}
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((backup / name).read_bytes()).hexdigest() == digest
        assert (backup / name).stat().st_mode & 0o077 == 0
    key_hex = manifest["installation_key"]

    restored = tmp_path / "restored"
    result = run("restore", str(backup), folder=restored, url=second_database_url)
    assert result.exit_code == 0, result.output
    assert (restored / KEY_FILE).read_bytes() == (original / KEY_FILE).read_bytes()

    # the room goes on on the restored installation: the phones and the organiser reconnect
    site.app.extensions[DATABASE].dispose()
    site.app = make_app(
        restored, **({"DATABASE_URL": second_database_url} if second_database_url else {})
    )
    organiser = site.api("organiser")
    for api in p.apis.values():
        api.client = site.app.test_client()
    kept = flow.listing(site, conference)["ballots"]
    assert 5 <= len(kept) <= 12  # the snapshot: the ballots acknowledged before it, no torn one
    flow.close(organiser, conference)
    assert all(r.status_code == 200 for r in flow.open_box(site, conference, p, [1, 2]))
    assert record_flow.sign(site, conference, p, [1, 2]).json["record_written"] is True
    record = tmp_path / "record.json"
    record.write_bytes(organiser.get(f"/api/conferences/{conference}/record").data)
    verified = CliRunner().invoke(main, ["verify", str(record), "--key", key_hex])
    assert verified.exit_code == 0, verified.output
    assert f"ballots {len(kept)}" in verified.output
    site.app.extensions[DATABASE].dispose()


def refused(backup: Path, folder: Path, url: str | None, message: str) -> None:
    before = sorted(folder.rglob("*")) if folder.exists() else None
    result = run("restore", str(backup), folder=folder, url=url)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert (sorted(folder.rglob("*")) if folder.exists() else None) == before


def test_a_changed_or_foreign_backup_is_refused(
    site: Any, organiser: Any, phones: Any, tmp_path: Path
) -> None:
    record_flow.sealed_conference(site, organiser, phones)
    original = Path(site.app.instance_path)
    url = site.app.config["DATABASE_URL"]
    backup = tmp_path / "backup"
    assert run("backup", str(backup), folder=original, url=url).exit_code == 0
    assert "not empty" in run("backup", str(backup), folder=original, url=url).output
    manifest = json.loads((backup / "manifest.json").read_text())
    [database] = set(manifest["files"]) - {KEY_FILE, "secret_key"}
    assert (
        len(manifest["signed_by"]) == 1 and manifest["signed_by"][0] == manifest["installation_key"]
    )

    def variant(name: str) -> Path:
        copy = tmp_path / name
        shutil.copytree(backup, copy)
        return copy

    changed = variant("changed")
    with (changed / database).open("ab") as stream:
        stream.write(b"\0")
    refused(changed, tmp_path / "new1", None, f"{database} does not match its hash")

    # another key, with a manifest made to match it: the copied records were not signed by it
    foreign = variant("foreign")
    (foreign / KEY_FILE).write_text("ab" * 32 + "\n")
    manifest = json.loads((foreign / "manifest.json").read_text())
    from voting.crypto.installation import load_existing

    other = load_existing(foreign)
    assert other is not None
    manifest["installation_key"] = other.public_hex
    manifest["files"][KEY_FILE] = hashlib.sha256((foreign / KEY_FILE).read_bytes()).hexdigest()
    (foreign / "manifest.json").write_text(json.dumps(manifest))
    refused(foreign, tmp_path / "new2", None, "the key file did not sign the copied records")

    refused(tmp_path / "changed", original, url, "does not match")
    refused(backup, original, url, "already holds an installation: give --replace")

    elsewhere = tmp_path / "other-installation"
    elsewhere.mkdir(mode=0o700)
    (elsewhere / KEY_FILE).write_text("cd" * 32 + "\n")
    (elsewhere / KEY_FILE).chmod(0o600)
    refused(backup, elsewhere, url, "is a backup of another installation")
    refused(tmp_path, tmp_path / "new3", None, "not a voting backup")


def test_a_folder_without_a_database_is_not_backed_up(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    folder.mkdir(mode=0o700)
    result = run("backup", str(tmp_path / "backup"), folder=folder, url=None)
    assert result.exit_code == 1 and "holds no database yet" in result.output
    assert list(folder.iterdir()) == [] and not (tmp_path / "backup").exists()
