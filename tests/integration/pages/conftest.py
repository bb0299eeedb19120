"""Fixtures of the page tests: the app on a fresh instance folder, an account of every role, and
conferences made through the domain services (the pages' own forms are what the tests check)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.fixtures import AGENCY, PASSWORD, USERS, committed
from voting.conference import accounts, ballot, conferences, devices, phases, registry, roster
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.conferences import Committee, Details
from voting.registry import people
from voting.store import DeviceKind, Phase
from voting.web import create_app
from voting.web.extensions import DATABASE, db

PUBLIC_URL = "http://voting.test:8000"
ACTOR = "user:van-phong"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {"INSTANCE_PATH": tmp_path / "instance", "TESTING": True, "PUBLIC_URL": PUBLIC_URL}
    )
    with committed(app):
        for role, username in USERS.items():
            accounts.create(db(), username, role, PASSWORD)
    yield app
    app.extensions[DATABASE].dispose()


def csrf_of(client: FlaskClient) -> str:
    """The CSRF token of the client's session (what the pages put in their forms)."""
    with client.session_transaction() as session:
        token: str = session["csrf"]
        return token


class Room:
    """The app under test, clients for each role, and conferences with overridable defaults."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def client(self, role: str | None = None) -> FlaskClient:
        """A browser: anonymous, or logged in through the login form as `role`."""
        client = self.app.test_client()
        if role is not None:
            client.get("/login")
            response = client.post(
                "/login",
                data={"csrf_token": csrf_of(client), "username": USERS[role], "password": PASSWORD},
            )
            assert response.status_code == 302, response.text
        return client

    def post(self, client: FlaskClient, path: str, **data: Any) -> TestResponse:
        """A form post carrying the session's CSRF token, as the pages send it."""
        return client.post(path, data={"csrf_token": csrf_of(client), **data})

    def conference(self, phase: Phase = Phase.SETUP, **details: Any) -> str:
        """A conference of step 4 with the roster drawn (16) and a ballot, moved to `phase`."""
        with committed(self.app):
            session = db()
            if not registry.every(session):
                people.import_people(session, AGENCY)
            created = conferences.create(
                session,
                procedure="next_term",
                step_number=4,
                tier="agency",
                details=Details(
                    details.get("title", "Hội nghị tập thể lãnh đạo mở rộng"),
                    date(2022, 4, 20),
                    "Hội trường tầng 3",
                ),
                committee=Committee(),
                actor=ACTOR,
            )
            roster.draw(session, created.id, ACTOR)
            candidates = (
                CandidateInput("Đỗ Thị Dung", "Trưởng phòng", "Văn phòng Sở"),
                CandidateInput("Hoàng Ngọc Long", "Trưởng phòng", "Thanh tra Sở"),
            )
            ballot.replace(
                session, created.id, [SectionInput("Phó Giám đốc Sở", candidates)], ACTOR
            )
            if phase != Phase.SETUP:
                phases.change(session, created.id, Phase.CHECKIN, ACTOR)
            return created.id

    def desk_link(self, conference: str, kind: str = DeviceKind.CHECKIN_DESK) -> tuple[int, str]:
        """A device link of `conference`: its id and token."""
        with committed(self.app):
            link, token = devices.issue(db(), conference, kind, "Bàn 1", ACTOR)
            return link.id, token

    def attendee_ids(self, conference: str) -> list[int]:
        with self.app.app_context():
            return [a.id for a in roster.attendees(db(), conference)]


@pytest.fixture
def room(app: Flask) -> Room:
    return Room(app)


def texts(response: TestResponse, css_class: str) -> list[str]:
    """The text of elements with `class="css_class"` (a crude look at the rendered page)."""
    return re.findall(rf'class="{css_class}"[^>]*>([^<]*)<', response.text)
