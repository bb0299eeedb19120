"""Leadership's page (lãnh đạo): every conference and planning process, read-only — the state,
the counts even of a sealed step (design.md guarantee 4 lets leadership read them), the head's
decisions and every document to download. Nothing here changes anything."""

from __future__ import annotations

from flask import Blueprint, render_template

from voting.conference import cards, ceremony, conferences, opening, quorum, results
from voting.planning import processes
from voting.store import Conference
from voting.web.extensions import db
from voting.web.i18n import LIVE_STRINGS, strings
from voting.web.pages.guard import html_errors, page_requires
from voting.web.policy import Action

bp = Blueprint("leadership", __name__, url_prefix="/leadership")
html_errors(bp)


@bp.get("/")
@page_requires(Action.RESULT_SEALED_READ)
def index() -> str:
    """Every conference, newest first, with its phase and result, and every planning process."""
    every = conferences.every(db())
    return render_template(
        "leadership/index.html",
        conferences=[(c, results.view(db(), c, may_read_sealed=True).status) for c in every],
        processes=processes.every(db()),
    )


@bp.get("/conferences/<conference_id>")
@page_requires(Action.RESULT_SEALED_READ)
def show(conference: Conference) -> str:
    """One conference as it stands: quorum (live), cards, committee, result and documents."""
    return render_template(
        "leadership/conference.html",
        conference=conference,
        step=conferences.step_of(conference),
        state=quorum.state(db(), conference),
        cards=cards.summary(db(), conference),
        ballots_cast=len(opening.ballot_hashes(db(), conference.id)),
        committee=ceremony.status(db(), conference),
        result=results.view(db(), conference, may_read_sealed=True),
        strings=strings(*LIVE_STRINGS, "organiser.cards", "organiser.cast"),  # live-quorum.js
    )
