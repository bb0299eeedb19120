"""A counting-committee member's phone page, opened from the single-use QR code on the
organiser's console (`/committee/<conference>#<token>`: the token rides in the fragment, so it
is in no server log nor referrer). The page is the same for everyone; its script joins with the
token and from then on authenticates with the binding it received. A replacement token, after
the ceremony, is redeemed with the member's backup file instead (a lost phone)."""

from __future__ import annotations

from flask import Blueprint, render_template

from voting.conference import conferences
from voting.store import Conference
from voting.web.i18n import LIVE_STRINGS, RESULT_STRINGS, strings
from voting.web.pages.guard import html_errors, page_requires
from voting.web.policy import Action

bp = Blueprint("committee_page", __name__, url_prefix="/committee")
html_errors(bp)

# What the member's script says; it fills {n}, {of} and {message} itself.
SCRIPT_STRINGS = (
    "committee.member",
    "committee.scan",
    "committee.starting",
    "committee.waiting",
    "committee.waiting_members",
    "committee.complaint",
    "committee.backup",
    "committee.restore",
    "committee.restore.wrong",
    "committee.in_joint",
    "committee.not_in_joint",
    "committee.ready",
    "committee.aborted",
    "committee.verifying",
    "committee.verified",
    "committee.mismatch",
    "committee.can_open",
    "committee.below_minimum",
    "committee.too_few",
    "committee.paper.waiting",
    "committee.paper.confirm",
    "committee.paper.confirmed",
    "committee.compare.count_value",
    "committee.partial_sent",
    "committee.opened",
    "committee.signed",
    "committee.failed",
    "committee.document_failed",
    "committee.cut_off",
    *RESULT_STRINGS,
    *LIVE_STRINGS,
)


@bp.get("/<conference_id>")
@page_requires(Action.COMMITTEE_READ)
def show(conference: Conference) -> tuple[str, int, dict[str, str]]:
    """The member's page; everything it does goes through the committee API."""
    page = render_template(
        "committee.html",
        conference=conference,
        step=conferences.step_of(conference),
        strings=strings(*SCRIPT_STRINGS),
    )
    return page, 200, {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
