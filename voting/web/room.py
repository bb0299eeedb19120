"""Socket.IO namespace /room: clients join a conference's room and receive `state` (phase,
convened, present, quorum; cards, committee fingerprints, ballots cast, the list hash once
frozen — voting.conference.public) after every change. Only public data is ever sent here:
the projector is a public page.

A cast changes only the number of ballots, and a crowd casts dozens a second: its push is
coalesced (`push_turnout`), at most one per conference every `TURNOUT_SECONDS`, built after
the window so it counts every ballot committed before it. Every other change pushes at once."""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask, current_app
from flask_socketio import Namespace, emit, join_room, leave_room

from voting.conference import conferences, public
from voting.conference.errors import ConferenceError, refused
from voting.store import Conference, unit
from voting.web.errors import error_body
from voting.web.extensions import db, socketio
from voting.web.policy import Action, authorize
from voting.web.principals import current_principal

NAMESPACE = "/room"
# The projector shows each turnout change within 1 s (design.md): a push every 0.2 s at most.
TURNOUT_SECONDS = 0.2

log = logging.getLogger(__name__)
_due: set[str] = set()  # conferences whose turnout push is waiting
_pushing = threading.Condition()  # guards _due and _in_flight
_in_flight = 0


def room_of(conference_id: str) -> str:
    """The Socket.IO room of a conference."""
    return f"conference:{conference_id}"


def push_state(conference: Conference) -> None:
    """Send the conference's state to everyone in its room once the request's change is
    committed (a page that re-reads on the push must find it); nothing if it rolls back."""
    unit.after_commit(db(), lambda: _send_state(conference))


def _send_state(conference: Conference) -> None:
    socketio.emit(
        "state",
        public.state(db(), conference).to_json(),
        to=room_of(conference.id),
        namespace=NAMESPACE,
    )


def push_turnout(conference_id: str) -> None:
    """After a cast: the state pushed once the window ends, with every ballot cast by then
    (the window starts once this cast is committed)."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    unit.after_commit(db(), lambda: _start_turnout_push(app, conference_id))


def _start_turnout_push(app: Flask, conference_id: str) -> None:
    global _in_flight
    with _pushing:
        if conference_id in _due:
            return
        _due.add(conference_id)
        _in_flight += 1
    socketio.start_background_task(_push_when_due, app, conference_id)


def _push_when_due(app: Flask, conference_id: str) -> None:
    global _in_flight
    socketio.sleep(TURNOUT_SECONDS)  # type: ignore[arg-type]  # any number of seconds
    with _pushing:
        _due.discard(conference_id)  # a ballot committed from here on asks for the next push
    try:
        with app.app_context():
            _send_state(conferences.get(db(), conference_id))
    except Exception:  # the next change pushes again; a page also re-reads on reconnect
        log.exception("turnout push for conference %s failed", conference_id)
    finally:
        with _pushing:
            _in_flight -= 1
            _pushing.notify_all()


def settle(timeout: float = 5.0) -> None:
    """Wait for the turnout pushes in flight (before a database is closed under them)."""
    with _pushing:
        _pushing.wait_for(lambda: _in_flight == 0, timeout)


class Room(Namespace):
    """Joining and leaving a conference's room; authorised like every API call."""

    def on_join(self, data: Any) -> dict[str, Any]:
        """Join `{"conference": id}`; the reply (and a `state` event) carry the state now, so
        a client that reconnects after a restart is current at once."""
        try:
            conference_id = data.get("conference") if isinstance(data, dict) else None
            if not isinstance(conference_id, str):
                raise refused("bad_request.conference")
            conference = conferences.get(db(), conference_id)
            authorize(current_principal(), Action.ROOM_JOIN, conference)
        except ConferenceError as error:
            return error_body(error)
        try:
            join_room(room_of(conference.id))
        except (KeyError, ValueError):
            # The page went away (a reload, a navigation, a closed tab) while its join was
            # handled: python-socketio has dropped its sid (KeyError), or the whole namespace
            # when it was the last page there (ValueError). No one is left to join or answer.
            # A live page never gets here: its sid is registered before its `connect` event,
            # on which live.js sends the join.
            return {"ok": False}
        state = public.state(db(), conference).to_json()
        emit("state", state)
        return {"ok": True, "state": state}

    def on_leave(self, data: Any) -> dict[str, Any]:
        """Leave a conference's room."""
        if isinstance(data, dict) and isinstance(data.get("conference"), str):
            leave_room(room_of(data["conference"]))
        return {"ok": True}


socketio.on_namespace(Room(NAMESPACE))
