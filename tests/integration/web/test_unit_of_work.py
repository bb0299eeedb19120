"""One unit of work per request (docs/server.md "One unit of work per request"): services only
flush, the request commits once before its response, and a request that fails or is refused —
in a service half-way, or in the view after the service — leaves nothing, and pushes nothing to
the room."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.web.test_room import joined, states
from voting.conference import events
from voting.conference.errors import refused
from voting.web import replies
from voting.web.api import checkin as checkin_api

BALLOT = {
    "sections": [
        {
            "position": "Giám đốc Sở",
            "quota": 1,
            "candidates": [{"full_name": "Nguyễn Văn Thay", "post": "Phó Giám đốc", "unit": "Sở"}],
        }
    ]
}


def kinds(organiser: Any, conference: str) -> list[str]:
    return [
        e["kind"] for e in organiser.get(f"/api/conferences/{conference}/events").json["events"]
    ]


def test_a_practice_copy_failing_half_way_leaves_nothing(
    site: Any, organiser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`practice.create` makes the copy, its roster and ballot, logs it on the copy, then on
    the real conference: a failure at that last step keeps neither the copy nor its log."""
    conference = site.set_up(organiser)
    before = kinds(organiser, conference)
    real = events.record

    def failing(session: Any, conference_row: Any, kind: str, *args: Any) -> Any:
        if kind == "practice.created":
            raise RuntimeError("the disk is full")
        return real(session, conference_row, kind, *args)

    monkeypatch.setattr(events, "record", failing)
    site.app.config["PROPAGATE_EXCEPTIONS"] = False
    r = organiser.post(f"/api/conferences/{conference}/practice")
    assert r.status_code == 500
    listed = organiser.get("/api/conferences").json["conferences"]
    assert [c["id"] for c in listed] == [conference]
    assert kinds(organiser, conference) == before
    monkeypatch.setattr(events, "record", real)
    r = organiser.post(f"/api/conferences/{conference}/practice")
    assert r.status_code == 201, r.json
    assert len(organiser.get("/api/conferences").json["conferences"]) == 2


@pytest.mark.parametrize(
    ("failure", "status"),
    [
        (RuntimeError("the response could not be built"), 500),
        (refused("list_not_public_yet"), 409),
    ],
)
def test_a_view_failing_after_its_service_rolls_the_service_back(
    site: Any, organiser: Any, monkeypatch: pytest.MonkeyPatch, failure: Exception, status: int
) -> None:
    """The ballot is replaced by the service, then the view fails building its answer (a
    crash, or a refusal): the old ballot and the event log stay as they were."""
    conference = site.set_up(organiser)
    ballot_before = organiser.get(f"/api/conferences/{conference}/ballot").json
    log_before = kinds(organiser, conference)

    def failing(*_: Any) -> Any:
        raise failure

    monkeypatch.setattr(replies, "_json", failing)  # the view's answer, once the service ran
    site.app.config["PROPAGATE_EXCEPTIONS"] = False
    r = organiser.put(f"/api/conferences/{conference}/ballot", json=BALLOT)
    assert r.status_code == status
    monkeypatch.undo()
    assert organiser.get(f"/api/conferences/{conference}/ballot").json == ballot_before
    assert kinds(organiser, conference) == log_before


def test_the_room_hears_of_a_change_only_once_it_is_committed(
    site: Any, organiser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in whose request fails after asking for the push pushes nothing (and keeps
    nobody present); the same check-in that succeeds pushes the committed state."""
    conference = site.ready(organiser)
    attendee = site.attendee_ids(organiser, conference)[0]
    client = joined(site, conference)
    states(client)  # the state sent on joining
    push = checkin_api.push_state

    def push_then_fail(conference_row: Any) -> None:
        push(conference_row)
        raise RuntimeError("the answer could not be sent")

    monkeypatch.setattr(checkin_api, "push_state", push_then_fail)
    site.app.config["PROPAGATE_EXCEPTIONS"] = False
    path = f"/api/conferences/{conference}/attendees/{attendee}/check-in"
    assert organiser.post(path).status_code == 500
    assert states(client) == []
    assert organiser.get(f"/api/conferences/{conference}/state").json["present"] == 0
    monkeypatch.undo()
    assert organiser.post(path).status_code == 200
    [pushed] = states(client)
    assert pushed["present"] == 1
