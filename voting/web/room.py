"""Socket.IO namespace /room: clients join a conference's room and receive `state` (phase,
convened, present, quorum; cards, committee fingerprints, ballots cast and the running list
hash — voting.conference.public) after every change. Only public data is
ever sent here: the projector is a public page."""

from __future__ import annotations

from typing import Any

from flask_socketio import Namespace, emit, join_room, leave_room

from voting.conference import conferences, public
from voting.conference.errors import ConferenceError
from voting.store import Conference
from voting.web.errors import ApiError, error_body
from voting.web.extensions import db, socketio
from voting.web.policy import Action, authorize
from voting.web.principals import current_principal

NAMESPACE = "/room"


def room_of(conference_id: str) -> str:
    """The Socket.IO room of a conference."""
    return f"conference:{conference_id}"


def push_state(conference: Conference) -> None:
    """Send the conference's state to everyone in its room (after the change is committed)."""
    socketio.emit(
        "state",
        public.state(db(), conference),
        to=room_of(conference.id),
        namespace=NAMESPACE,
    )


class Room(Namespace):
    """Joining and leaving a conference's room; authorised like every API call."""

    def on_join(self, data: Any) -> dict[str, Any]:
        """Join `{"conference": id}`; the reply (and a `state` event) carry the state now, so
        a client that reconnects after a restart is current at once."""
        try:
            conference_id = data.get("conference") if isinstance(data, dict) else None
            if not isinstance(conference_id, str):
                raise ApiError(400, "bad_request", "Thiếu mã hội nghị.", 'Send {"conference": id}.')
            conference = conferences.get(db(), conference_id)
            authorize(current_principal(), Action.ROOM_JOIN, conference)
        except ConferenceError as error:
            return error_body(error)
        join_room(room_of(conference.id))
        state = public.state(db(), conference)
        emit("state", state)
        return {"ok": True, "state": state}

    def on_leave(self, data: Any) -> dict[str, Any]:
        """Leave a conference's room."""
        if isinstance(data, dict) and isinstance(data.get("conference"), str):
            leave_room(room_of(data["conference"]))
        return {"ok": True}


socketio.on_namespace(Room(NAMESPACE))
