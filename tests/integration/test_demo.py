"""The demo conference: the roster of 25, three positions of four eligible candidates, a 2-of-3
committee and a desk link that checks people in up to the quorum boundary (16 of 25 is not
enough, 17 is)."""

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from flask import Flask

from voting.conference import accounts, ballot, conferences
from voting.registry.kinds import KINDS
from voting.rules import KH331
from voting.rules.eligibility import eligibility
from voting.rules.people import people_from_rows
from voting.tabular import read_rows
from voting.web import create_app
from voting.web.demo import AGENCY, REFERENCE, Demo, build, room_address
from voting.web.extensions import db


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Flask, Demo]:
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    app = create_app({"INSTANCE_PATH": tmp_path, "TESTING": True})
    return app, build(app)


def test_the_demo_conference_is_ready(made: tuple[Flask, Demo]) -> None:
    app, demo = made
    client = app.test_client()
    desk = {"Authorization": f"Device {demo.desk_token}"}
    conference = demo.conference_id
    roster = client.get(f"/api/conferences/{conference}/roster", headers=desk).get_json()
    attendees = roster["attendees"] if isinstance(roster, dict) else roster
    assert len(attendees) == 25
    with app.app_context():
        for username, password in demo.readers.items():  # leadership and head log in too
            assert accounts.authenticate(db(), username, password) is not None
    assert client.get(f"/kiosk/{demo.kiosk_token}").status_code == 200
    with app.app_context():
        shown = conferences.get(db(), conference)
        sections = ballot.describe(shown).sections
        committee = (shown.committee_size, shown.committee_threshold)
    assert committee == (3, 2)
    assert [len(s.candidates) for s in sections] == [4, 4, 4]
    assert [s.quota for s in sections] == [3, 3, 3]
    people = people_from_rows((row.number, row.cells) for row in read_rows(AGENCY))
    report = {p.person.id: p for p in eligibility(people, REFERENCE, "current").people}
    for section in sections:
        kind = KH331.position_for(section.position)
        assert kind is not None
        for candidate in section.candidates:
            assert candidate.person_ref is not None
            allowed = {c.position for c in report[candidate.person_ref].may_be_planned_for}
            assert kind.key in allowed


def test_the_demo_registry_is_ready_for_a_planning_process(made: tuple[Flask, Demo]) -> None:
    """Does the demo hold the external attendees and the current planning, so that a process
    can be started from the console?"""
    app, _ = made
    with app.app_context():
        assert len(KINDS["externals"].listing(db())) == 10
        assert len(KINDS["planning"].listing(db())) == 6


def test_room_address_is_the_configured_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOTING_PUBLIC_URL", "http://phong-hop.local:8000/")
    assert room_address("0.0.0.0", 9000) == "http://phong-hop.local:8000"
    monkeypatch.delenv("VOTING_PUBLIC_URL")
    assert room_address("10.1.2.3", 9000) == "http://10.1.2.3:9000"
