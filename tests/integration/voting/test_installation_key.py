"""A real start beside a database of signed records: no new installation key is made, and a key
file that did not sign them is refused (voting.web.instance.check_key)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.voting import test_record_flow as record_flow
from voting.crypto.installation import KEY_FILE
from voting.web.instance import InstanceError, prepare


@pytest.fixture(autouse=True)
def restored_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`prepare` exports VOTING_INSTANCE and sets the umask of the process: both are put back."""
    monkeypatch.setenv("VOTING_INSTANCE", "unset")
    monkeypatch.delenv("VOTING_INSTANCE")
    umask = os.umask(0o022)
    yield
    os.umask(umask)


def test_no_new_key_beside_signed_records_and_no_other_key(
    site: Any, organiser: Any, phones: Any
) -> None:
    record_flow.sealed_conference(site, organiser, phones)
    folder = Path(site.app.instance_path)
    environ = {
        "VOTING_INSTANCE": str(folder),
        "VOTING_DATABASE_URL": site.app.config["DATABASE_URL"],
    }
    key = folder / KEY_FILE
    saved = key.read_bytes()
    assert prepare(environ) == folder

    key.unlink()
    with pytest.raises(InstanceError, match=r"missing but the database holds records signed by"):
        prepare(environ)
    assert not key.exists()

    key.write_text("cd" * 32 + "\n")
    key.chmod(0o600)
    with pytest.raises(InstanceError, match="is not the key that signed this database's records"):
        prepare(environ)
    assert key.read_text() == "cd" * 32 + "\n"

    key.write_bytes(saved)
    assert prepare(environ) == folder


def test_a_record_that_cannot_be_read_stops_the_start(
    site: Any, organiser: Any, phones: Any
) -> None:
    from sqlalchemy import text

    from voting.web.extensions import db

    conference, _ = record_flow.sealed_conference(site, organiser, phones)
    with site.app.app_context():
        session = db()
        session.execute(
            text("UPDATE ballot_boxes SET record = :r WHERE conference_id = :c"),
            {"r": '{"not": "canonical" }', "c": conference},
        )
        session.commit()
    folder = Path(site.app.instance_path)
    url = site.app.config["DATABASE_URL"]
    environ = {"VOTING_INSTANCE": str(folder), "VOTING_DATABASE_URL": url}
    with pytest.raises(InstanceError, match="a signed record in the database cannot be read"):
        prepare(environ)
