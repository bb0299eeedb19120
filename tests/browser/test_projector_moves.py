"""One projector tab carried from a conference to the next (a process's step 3, then step 4):
after the navigation it follows the new conference live, and the old one no longer reaches
it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.browser.conftest import Server
from tests.fixtures import Site


def test_a_projector_moved_to_the_next_conference_follows_it(
    browser: Browser, server: Server
) -> None:
    """Does the same tab, sent from one conference's projector address to another's, show
    the second conference's check-ins as they happen, and none of the first's?"""
    site = Site(server.app, Path(server.app.instance_path))
    organiser = site.api("organiser")
    first, second = site.ready(organiser), site.ready(organiser)

    def check_in(conference: str, index: int) -> None:
        attendee = site.attendee_ids(organiser, conference)[index]
        response = organiser.post(f"/api/conferences/{conference}/attendees/{attendee}/check-in")
        assert response.status_code == 200

    errors: list[str] = []
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.on("pageerror", lambda error: errors.append(str(error)))
    gauge = projector.locator("[data-quorum]")
    projector.goto(f"{server.base}/projector/{first}")
    expect(gauge).to_have_attribute("data-online", "true")
    check_in(first, 0)
    expect(gauge).to_have_attribute("data-present", "1")

    projector.goto(f"{server.base}/projector/{second}")
    expect(gauge).to_have_attribute("data-conference", second)
    expect(gauge).to_have_attribute("data-online", "true")
    for present in (1, 2):
        check_in(second, present - 1)
        expect(gauge).to_have_attribute("data-present", str(present))
    check_in(first, 1)  # the conference left behind changes: nothing of it shows here
    check_in(second, 2)
    expect(gauge).to_have_attribute("data-present", "3")
    expect(projector.locator("#reference [data-field=present-base]")).to_have_text("3")
    assert errors == []
