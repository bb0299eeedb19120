"""VOTING_RULES: the agency's rule set is what new conferences and processes are made from and
what every record names; a rule set that cannot be used stops the start with one message."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from tests.fixtures import PASSWORD, USERS, committed, make_app
from tests.integration.voting import test_record_flow as record_flow
from voting import canonical
from voting.conference import accounts
from voting.rules import KH331
from voting.web.commands import serve
from voting.web.extensions import DATABASE

QD377 = Path(str(files("voting.rules").joinpath("qd377.toml")))


@pytest.fixture
def app(tmp_path: Path, database_url: str | None) -> Iterator[Flask]:
    """The voting tests' app, on the QĐ 377 rule set."""
    overrides = {"RULES": str(QD377)} | ({"DATABASE_URL": database_url} if database_url else {})
    app = make_app(tmp_path / "instance", **overrides)
    with committed(app) as session:
        for role, username in USERS.items():
            accounts.create(session, username, role, PASSWORD)
    yield app
    app.extensions[DATABASE].dispose()


def test_new_conferences_and_their_records_take_the_agencys_rule_set(
    site: Any, organiser: Any, phones: Any
) -> None:
    shown = organiser.get("/api/rules").json
    assert shown["name"] == "QD377" and shown["hash"] != KH331.hash
    console = organiser.client.get("/organiser/").text
    assert "Bộ quy định áp dụng: QD377 — Quy hoạch cán bộ theo Quy định 377-QĐ/TW" in console
    assert shown["hash"][:16] in console
    conference, _ = record_flow.sealed_conference(site, organiser, phones)
    made = organiser.get(f"/api/conferences/{conference}").json
    assert made["rule_set"] == {"name": "QD377", "hash": shown["hash"]}
    record = canonical.loads(organiser.get(f"/api/conferences/{conference}/record").data)
    assert record["rule_set"]["name"] == "QD377" and record["rule_set"]["hash"] == shown["hash"]
    assert canonical.sha256_hex(record["rule_set"]["content"]) == shown["hash"]


def test_a_planning_process_takes_the_agencys_rule_set(site: Any, organiser: Any) -> None:
    assert organiser.upload("/api/people", site.agency).status_code == 200
    started = organiser.post(
        "/api/processes",
        json={
            "procedure": "next_term",
            "tier": "agency",
            "term": "2025-2030",
            "reference": "2022-04",
            "term_start": "2025-10",
            "held_on": "2022-04-20",
            "place": "Hội trường",
        },
    )
    assert started.status_code == 201, started.json
    conference_ids = [s["conference"] for s in started.json["steps"] if s["conference"]]
    assert conference_ids
    for conference in conference_ids:
        rule_set = organiser.get(f"/api/conferences/{conference}").json["rule_set"]
        assert rule_set["name"] == "QD377"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read rule set"),
        ("name = ", "not valid toml"),
        (
            QD377.read_text("utf-8").replace('ratio = "1/2"', 'ratio = "1/1"'),
            "nobody could pass",
        ),
    ],
)
def test_a_rule_set_that_cannot_be_used_stops_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None, message: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    rules = tmp_path / "agency.toml"
    if content is not None:
        rules.write_text(content, "utf-8")
    monkeypatch.setenv("VOTING_INSTANCE", str(folder))
    monkeypatch.setenv("VOTING_RULES", str(rules))
    import os

    umask = os.umask(0o022)
    try:
        result = CliRunner().invoke(serve, ["--port", "0"])
    finally:
        os.umask(umask)
    assert result.exit_code == 1, result.output
    assert "VOTING_RULES:" in result.output and message in result.output
    assert list(folder.iterdir()) == []
