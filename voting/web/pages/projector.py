"""The projector: the room's public reference, read-only, for anyone — only public data."""

from __future__ import annotations

from flask import Blueprint, render_template

from voting.conference import conferences, quorum
from voting.store import Conference
from voting.web.extensions import db
from voting.web.i18n import LIVE_STRINGS, strings
from voting.web.pages.guard import html_errors, page_requires
from voting.web.policy import Action

bp = Blueprint("projector", __name__, url_prefix="/projector")
html_errors(bp)


@bp.get("/<conference_id>")
@page_requires(Action.STATE_READ)
def show(conference: Conference) -> str:
    """Conference, step, convened, present, the 2/3 gauge and the phase; kept live by its
    script."""
    return render_template(
        "projector.html",
        conference=conference,
        step=conferences.step_of(conference),
        state=quorum.state(db(), conference),
        strings=strings(*LIVE_STRINGS),
    )
