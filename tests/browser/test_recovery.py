"""The projector recovers by itself after a server restart: it says the connection is lost,
reconnects when the server is back, and shows the state again — including what changed while
it was away."""

from __future__ import annotations

import json
import urllib.request
from datetime import date

from playwright.sync_api import Browser, expect

from tests.browser.conftest import SCREENSHOTS, GunicornServer
from tests.fixtures import committed
from voting.conference import ballot, conferences, devices, phases, roster
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.conferences import Committee, Details
from voting.conference.roster import NewAttendee
from voting.store import DeviceKind, Phase
from voting.web import create_app
from voting.web.extensions import DATABASE, db

ACTOR = "user:test"


def conference_in_check_in(gunicorn: GunicornServer) -> tuple[str, str, list[int]]:
    """A conference with three attendees in check-in and a desk token, made in the same
    instance folder the server will use."""
    app = create_app({"INSTANCE_PATH": gunicorn.environment["VOTING_INSTANCE"]})
    with committed(app):
        session = db()
        created = conferences.create(
            session,
            procedure="next_term",
            step_number=4,
            tier="agency",
            details=Details("Hội nghị thử khởi động lại", date(2026, 11, 25), "Phòng họp"),
            committee=Committee(),
            actor=ACTOR,
        )
        names = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")
        ids = [roster.add(session, created.id, NewAttendee(n), ACTOR).id for n in names]
        candidate = CandidateInput("Nguyễn Văn An", "Trưởng phòng", "Văn phòng Sở")
        ballot.replace(session, created.id, [SectionInput("Giám đốc Sở", (candidate,))], ACTOR)
        phases.change(session, created.id, Phase.CHECKIN, ACTOR)
        _, token = devices.issue(session, created.id, DeviceKind.CHECKIN_DESK, "Bàn 1", ACTOR)
        conference = created.id
    app.extensions[DATABASE].dispose()
    return conference, token, ids


def check_in(gunicorn: GunicornServer, conference: str, token: str, attendee: int) -> None:
    """What a desk does: one check-in through the API."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{gunicorn.port}/api/conferences/{conference}/attendees/{attendee}/check-in",
        method="POST",
        headers={"Authorization": f"Device {token}"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.load(response)["present"] is True


def test_the_projector_recovers_after_a_server_restart(
    browser: Browser, gunicorn: GunicornServer
) -> None:
    """Does the projector show the loss of connection, come back by itself once the server
    restarts, and show both the check-in made while it was down and the next one, live?"""
    conference, token, attendees = conference_in_check_in(gunicorn)
    gunicorn.start()
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.goto(f"{gunicorn.base}/projector/{conference}")
    gauge = projector.locator("[data-quorum]")
    expect(gauge).to_have_attribute("data-online", "true")
    check_in(gunicorn, conference, token, attendees[0])
    expect(gauge).to_have_attribute("data-present", "1")

    gunicorn.stop()
    expect(gauge).to_have_attribute("data-online", "false")
    expect(projector.locator("[data-field=offline]")).to_be_visible()
    projector.screenshot(path=SCREENSHOTS / "projector-offline.png")

    gunicorn.start()
    check_in(gunicorn, conference, token, attendees[1])  # while the projector is away
    expect(gauge).to_have_attribute("data-online", "true", timeout=15_000)
    expect(gauge).to_have_attribute("data-present", "2")
    check_in(gunicorn, conference, token, attendees[2])
    expect(gauge).to_have_attribute("data-present", "3")
    expect(gauge).to_have_attribute("data-met", "true")
