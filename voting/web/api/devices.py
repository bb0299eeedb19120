"""Device links for the check-in desk and kiosk: issue (the token is shown once), list, revoke."""

from __future__ import annotations

from flask import Blueprint

from voting.conference import devices
from voting.store import Conference
from voting.web.api import replies
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
def index(conference: Conference) -> replies.Devices:
    """The conference's device links, revoked ones included."""
    links = devices.of_conference(db(), conference.id)
    return replies.Devices(devices=[replies.Device.of(link) for link in links])


@bp.post("/conferences/<conference_id>/devices")
@requires(Action.DEVICES_MANAGE)
@takes(NewDevice)
@answers(replies.IssuedDevice)
def issue(conference: Conference, body: NewDevice) -> tuple[replies.IssuedDevice, int]:
    """A new link; its token is in this response only."""
    link, token = devices.issue(
        db(), conference.id, body.kind, body.label, current_principal().actor
    )
    return replies.IssuedDevice.issued(link, token), 201


@bp.delete("/devices/<int:device_id>")
@requires(Action.DEVICES_MANAGE)
@answers(replies.Device)
def revoke(device_id: int) -> replies.Device:
    """Revoke a link at once."""
    return replies.Device.of(devices.revoke(db(), device_id, current_principal().actor))
