"""The check-in desk, opened through the device link the organiser issued: the page checks the
link, then its script searches the roster, marks present and undoes through the JSON API with
the link's token (`Authorization: Device <token>`)."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from voting.conference import conferences, quorum
from voting.store import DeviceKind
from voting.web.extensions import db
from voting.web.i18n import LIVE_STRINGS, strings
from voting.web.pages.guard import html_errors, live_link
from voting.web.pages.links import public_base

bp = Blueprint("desk", __name__, url_prefix="/desk")
html_errors(bp)

# What the desk's script says; it fills {n}, {phase}, {reason} and {message} itself.
SCRIPT_STRINGS = (
    "desk.mark",
    "desk.marked",
    "desk.undo",
    "desk.closed",
    "desk.log.checkin",
    "desk.log.undone",
    "desk.nothing",
    "desk.failed",
    "desk.cards.left",
    "desk.confirm.replace",
    "desk.confirm.return",
    *LIVE_STRINGS,
)


@bp.get("/<token>")
def show(token: str) -> tuple[str, int, dict[str, str]]:
    """The desk of the link's conference; an unknown or revoked link is refused here already."""
    link = live_link(token, DeviceKind.CHECKIN_DESK)
    conference = conferences.get(db(), link.conference_id)
    page = render_template(
        "desk.html",
        conference=conference,
        step=conferences.step_of(conference),
        state=quorum.state(db(), conference),
        link=link,
        token=token,
        vote_url=public_base() + url_for("voter.show", conference_id=conference.id),
        strings=strings(*SCRIPT_STRINGS),
    )
    # The token is in this page's address: never send it on as a referrer, never cache it.
    return page, 200, {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
