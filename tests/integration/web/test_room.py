"""Socket.IO /room: joining a conference's room and the `state` pushed on every change."""

from __future__ import annotations

from typing import Any

import pytest

from voting.web import room
from voting.web.extensions import socketio


def states(client: Any) -> list[dict[str, Any]]:
    """The `state` events received since the last call."""
    return [m["args"][0] for m in client.get_received("/room") if m["name"] == "state"]


def joined(site: Any, conference: str) -> Any:
    """An anonymous Socket.IO client (the projector) in the conference's room."""
    client = socketio.test_client(site.app, namespace="/room")
    reply = client.emit("join", {"conference": conference}, namespace="/room", callback=True)
    assert reply["ok"] is True
    return client


def test_joining_sends_the_state_at_once(site: Any, organiser: Any) -> None:
    """Does a projector that (re)joins get the current state without waiting for a change?"""
    conference = site.ready(organiser)
    client = joined(site, conference)
    [state] = states(client)
    assert {key: state[key] for key in list(state)[:7]} == {
        "conference": conference,
        "phase": "checkin",
        "revision": state["revision"],
        "convened": 25,
        "present": 0,
        "quorum_met": False,
        "more_needed": 17,
    }
    assert (state["ballots_cast"], state["result"], state["cards"]["pool"]) == (0, "none", 0)


def test_check_in_and_undo_push_to_the_room(site: Any, organiser: Any) -> None:
    """Does every check-in and undo reach the room, with the quorum recomputed?"""
    conference = site.ready(organiser)
    client = joined(site, conference)
    states(client)
    ids = site.attendee_ids(organiser, conference)
    for attendee in ids[:17]:
        organiser.post(f"/api/conferences/{conference}/attendees/{attendee}/check-in")
    pushed = states(client)
    assert [s["present"] for s in pushed] == list(range(1, 18))
    assert pushed[-2]["quorum_met"] is False and pushed[-2]["more_needed"] == 1
    assert pushed[-1]["quorum_met"] is True and pushed[-1]["more_needed"] == 0
    assert [s["revision"] for s in pushed] == sorted({s["revision"] for s in pushed})
    organiser.post(
        f"/api/conferences/{conference}/attendees/{ids[0]}/undo", json={"reason": "Ra về sớm"}
    )
    [after_undo] = states(client)
    assert (after_undo["present"], after_undo["quorum_met"]) == (16, False)


def test_phase_changes_push_to_the_room(site: Any, organiser: Any) -> None:
    """Does opening check-in reach a projector already in the room?"""
    conference = site.set_up(organiser)
    client = joined(site, conference)
    states(client)
    organiser.post(f"/api/conferences/{conference}/phase", json={"to": "checkin"})
    assert [s["phase"] for s in states(client)] == ["checkin"]


def test_rooms_are_separate(site: Any, organiser: Any) -> None:
    """Does a check-in at one conference stay out of another conference's room?"""
    first = site.ready(organiser)
    other = site.ready(organiser)
    client = joined(site, other)
    states(client)
    attendee = site.attendee_ids(organiser, first)[0]
    organiser.post(f"/api/conferences/{first}/attendees/{attendee}/check-in")
    assert states(client) == []


def test_joining_an_unknown_conference_is_refused(site: Any) -> None:
    """Is a join with no or a wrong conference id answered with an error and no room?"""
    client = socketio.test_client(site.app, namespace="/room")
    reply = client.emit("join", {"conference": "0" * 32}, namespace="/room", callback=True)
    assert reply["error"]["code"] == "not_found"
    reply = client.emit("join", "nothing", namespace="/room", callback=True)
    assert reply["error"]["code"] == "bad_request"
    assert states(client) == []


def test_a_revoked_device_cannot_join(site: Any, organiser: Any) -> None:
    """Is a socket opened with a revoked device token refused at join, like every API call?"""
    conference = site.ready(organiser)
    link = site.issue_device(organiser, conference)
    organiser.delete(f"/api/devices/{link['id']}")
    client = socketio.test_client(
        site.app, namespace="/room", headers={"Authorization": f"Device {link['token']}"}
    )
    reply = client.emit("join", {"conference": conference}, namespace="/room", callback=True)
    assert reply["error"]["code"] == "device_revoked"
    assert states(client) == []


def test_a_client_that_leaves_hears_no_more(site: Any, organiser: Any) -> None:
    """After `leave`, does a client stop receiving the room's state?"""
    conference = site.ready(organiser)
    client = joined(site, conference)
    states(client)
    assert client.emit("leave", {"conference": conference}, namespace="/room", callback=True)
    attendee = site.attendee_ids(organiser, conference)[0]
    organiser.post(f"/api/conferences/{conference}/attendees/{attendee}/check-in")
    assert states(client) == []


@pytest.mark.parametrize("others", [0, 1])
def test_a_page_gone_while_its_join_is_handled_joins_nothing(
    site: Any, organiser: Any, monkeypatch: pytest.MonkeyPatch, others: int
) -> None:
    """A page reloaded (or closed) while the server handles its join: the join ends quietly
    and the room holds no one for it — whether other pages remain on /room (python-socketio
    then raises KeyError for the departed sid) or it was the last one (ValueError: the
    namespace is gone). A live page cannot get here: its sid is registered before its
    `connect` event, which is when live.js sends the join."""
    conference = site.ready(organiser)
    staying = [joined(site, conference) for _ in range(others)]
    leaving = socketio.test_client(site.app, namespace="/room")
    checked = room.authorize

    def authorize_then_leave(*args: Any) -> None:
        checked(*args)
        leaving.disconnect(namespace="/room")  # the page goes away in the middle of its join

    monkeypatch.setattr(room, "authorize", authorize_then_leave)
    reply = leaving.emit("join", {"conference": conference}, namespace="/room", callback=True)
    assert reply == {"ok": False}
    monkeypatch.undo()
    members = socketio.server.manager.get_participants("/room", room.room_of(conference))
    assert len(list(members)) == others
    for client in staying:
        states(client)
    attendee = site.attendee_ids(organiser, conference)[0]
    organiser.post(f"/api/conferences/{conference}/attendees/{attendee}/check-in")
    assert [[s["present"] for s in states(client)] for client in staying] == [[1]] * others
