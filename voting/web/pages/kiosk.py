"""The kiosk's page, opened through the kiosk link the organiser issued (`/kiosk/<token>`). An
unknown or revoked link is refused here. The page is never cached and sends no referrer: the
tablet keeps nothing of a voter once its script reloads it for the next one.

Kiosk mode (issue 8, docs/kiosk.md): the ballot, its encryption and the receipt are the phone's
(js/src/pages/ballot-session.js); the kiosk adds the code keypad and scanner input."""

from __future__ import annotations

from flask import Blueprint, render_template

from voting.conference import conferences
from voting.store import DeviceKind
from voting.web.extensions import db
from voting.web.i18n import strings
from voting.web.pages.guard import html_errors, live_link
from voting.web.pages.voter import SCRIPT_STRINGS, ballot_labels, language_without_session

bp = Blueprint("kiosk", __name__, url_prefix="/kiosk")
html_errors(bp)
# A voter may read the kiosk in English (`?lang=en`); no session remembers it for the next one.
bp.before_request(language_without_session)

KIOSK_STRINGS = (*SCRIPT_STRINGS, "kiosk.mistyped", "kiosk.clears_in", "kiosk.camera.stop")
# A voter who walks away mid-ballot: the kiosk forgets them after this long without a touch.
IDLE_SECONDS = 90
# The receipt stays on screen this long, then the kiosk clears itself for the next voter.
RECEIPT_SECONDS = 20
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    # A page of the kiosk is never shown inside another site's frame.
    "X-Frame-Options": "DENY",
}


@bp.get("/<token>")
def show(token: str) -> tuple[str, int, dict[str, str]]:
    """The kiosk of the link's conference, at the phase it is in."""
    link = live_link(token, DeviceKind.KIOSK)
    conference = conferences.get(db(), link.conference_id)
    page = render_template(
        "kiosk.html",
        conference=conference,
        step=conferences.step_of(conference),
        labels=ballot_labels(conference),
        link=link,
        idle_seconds=IDLE_SECONDS,
        receipt_seconds=RECEIPT_SECONDS,
        strings=strings(*KIOSK_STRINGS),
    )
    return page, 200, HEADERS
