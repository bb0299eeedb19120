"""Device links for the check-in desk and kiosk: issue (the token is shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from voting.conference import devices
from voting.store import Conference
from voting.web.api import replies, shapes
from voting.web.api.bodies import NewDevice
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.schema import takes

bp = Blueprint("devices", __name__, url_prefix="/api")


@bp.get("/conferences/<conference_id>/devices")
@requires(Action.DEVICES_MANAGE)
@answers(replies.Devices)
def index(conference: Conference) -> dict[str, Any]:
    """The conference's device links, revoked ones included."""
    return {"devices": [shapes.device(d) for d in devices.of_conference(db(), conference.id)]}


@bp.post("/conferences/<conference_id>/devices")
@requires(Action.DEVICES_MANAGE)
@takes(NewDevice)
@answers(replies.IssuedDevice)
def issue(conference: Conference, body: NewDevice) -> tuple[dict[str, Any], int]:
    """A new link; its token is in this response only."""
    link, token = devices.issue(
        db(), conference.id, body.kind, body.label, current_principal().actor
    )
    return {**shapes.device(link), "token": token}, 201


@bp.delete("/devices/<int:device_id>")
@requires(Action.DEVICES_MANAGE)
@answers(replies.Device)
def revoke(device_id: int) -> dict[str, Any]:
    """Revoke a link at once."""
    return shapes.device(devices.revoke(db(), device_id, current_principal().actor))
