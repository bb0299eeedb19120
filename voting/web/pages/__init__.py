"""The HTML pages people use in the room: start and login, the organiser's console, the
pre-flight check, the check-in desk (which deals the cards), the projector, the voter's page,
the committee member's phone, the head's page and leadership's. They are built on the same domain
services and policy as the JSON API; their scripts (js/src/pages/) call the API and follow the
room on Socket.IO."""

from flask import Blueprint

from voting.kiosk import page as kiosk
from voting.web.pages import (
    accounts,
    appointments,
    committee,
    desk,
    head,
    leadership,
    organiser,
    planning,
    preflight,
    projector,
    registry,
    start,
    verify,
    voter,
)

BLUEPRINTS: tuple[Blueprint, ...] = (
    start.bp,
    organiser.bp,
    accounts.bp,
    planning.bp,
    appointments.bp,
    registry.bp,
    preflight.bp,
    desk.bp,
    projector.bp,
    voter.bp,
    kiosk.bp,
    committee.bp,
    head.bp,
    leadership.bp,
    verify.bp,
)
