"""The API's own description, and the reachability check the pre-flight page runs from a phone."""

from __future__ import annotations

from flask import Blueprint, current_app

from voting.web.address import RoomAddress, room_address
from voting.web.api import replies
from voting.web.openapi import document
from voting.web.policy import Action, requires
from voting.web.replies import answers

bp = Blueprint("meta", __name__, url_prefix="/api")


@bp.get("/openapi.json")
@requires(Action.META_READ)
@answers(replies.OpenApiDocument)
def openapi() -> replies.OpenApiDocument:
    """The OpenAPI 3.1 document of this API."""
    return replies.OpenApiDocument.model_validate(document(current_app))


@bp.get("/ping")
@requires(Action.META_READ)
@answers(replies.Ping)
def ping() -> replies.Ping:
    """Answers anyone: a phone that gets this reply reaches the server."""
    return replies.Ping(ok=True, public_url=current_app.config["PUBLIC_URL"])


@bp.get("/address")
@requires(Action.ADDRESS_READ)
@answers(RoomAddress)
def address() -> RoomAddress:
    """The address phones will use and its QR code (SVG), for the pre-flight page."""
    return room_address(current_app.config["PUBLIC_URL"])
